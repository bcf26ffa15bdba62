#!/usr/bin/env bash
# Curriculum benchmark (spec section 10): what planning the topics adds to `enlace match`.
# For each size it generates a district with `enlace generate` (its data/topics.csv included) and
#   1. runs `enlace-bench curriculum`: the median seconds of planning the curriculum of the
#      matched schedule (five rounds) beside the seconds `enlace match` spends reading, modelling
#      and solving before it;
#   2. times whole `enlace match --json` first runs (a fresh database each time) of the district
#      and of a copy without data/topics.csv (its families' topic ids are then undefined and only
#      warned about; the matching is the same), alternating, ROUNDS each, and prints the medians
#      of wall time and of CPU time (user + system, the child that reads the folder included).
# Release builds. The first figure is the one to quote on a shared machine: it times the planning
# itself, while the second is a difference of two noisy times.
#
# Usage: Benchmarks/curriculum-benchmark.sh [--rounds N] [SIZE ...]
#   SIZE is SITES:MENTORS:PARENTS (default: 40:300:4000 120:3000:60000); N defaults to 3.
# Output: per size, the enlace-bench JSON line, then a tab-separated line with the medians.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=3
while [[ "${1:-}" == --* ]]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(40:300:4000 120:3000:60000)

swift build -c release --product enlace >&2
swift build -c release --product enlace-bench >&2
enlace=.build/release/enlace
bench=.build/release/enlace-bench
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Before the term: every session is to come, as in a district's first run.
now=2026-08-10T09:00:00-07:00

# The median of column $1 of the lines on stdin.
median() { awk -v c="$1" '{ print $c }' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

for size in "${sizes[@]}"; do
    IFS=: read -r sites mentors parents <<<"$size"
    dir="$work/$size"
    "$enlace" generate "$dir" --sites "$sites" --mentors "$mentors" --parents "$parents" >/dev/null
    "$bench" curriculum --program "$dir" 2>/dev/null
    mkdir -p "$work/without"
    cp -r "$dir/enlace.toml" "$dir/data" "$dir/calendars" "$work/without/"
    rm "$work/without/data/topics.csv"
    : >"$work/with.times"
    : >"$work/without.times"
    for ((round = 0; round < rounds; round++)); do
        for variant in with without; do
            program="$dir"
            [[ $variant == without ]] && program="$work/without"
            rm -rf "$program/enlace.sqlite" "$program/out"
            /usr/bin/time -f '%e %U %S' -a -o "$work/$variant.times" "$enlace" match --program "$program" --json --now "$now" \
                >/dev/null 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
        done
    done
    for variant in with without; do
        awk '{ print $1, $2 + $3 }' "$work/$variant.times" >"$work/$variant.sums"
    done
    printf '%s\twall_with=%s\twall_without=%s\tcpu_with=%s\tcpu_without=%s\n' "$size" \
        "$(median 1 <"$work/with.sums")" "$(median 1 <"$work/without.sums")" \
        "$(median 2 <"$work/with.sums")" "$(median 2 <"$work/without.sums")"
    rm -rf "$work/without"
done
