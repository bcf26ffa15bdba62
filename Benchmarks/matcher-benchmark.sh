#!/usr/bin/env bash
# Matcher benchmark: generates districts of several sizes with `enlace generate`, runs
# `enlace match --json` (release build, whole command: reading the folder, solving, writing
# outputs) from a fresh database, checks every schedule with the independent checker, and, with
# --mip SECONDS, solves the same program with the exact HiGHS model for comparison. Districts
# too large to search whole (above 3 million fitting pairs, e.g. 60,000 parents) also get the
# flow bound on how many parents any schedule can match (`enlace-bench solve`'s
# matched_bound), against which the issue measures their coverage.
#
# Usage: Benchmarks/matcher-benchmark.sh [--mip SECONDS] [--effort standard|thorough] [SIZE ...]
#   SIZE is SITES:MENTORS:PARENTS[:SEED] (default: 3:12:80 8:40:400 40:300:4000; SEED is
#   `enlace generate --seed`, 2026 when left out); --effort is passed to `enlace match` (default
#   standard).
# Output: one line per size, tab-separated, suitable for docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."

mip=0
effort=standard
while [[ "${1:-}" == --* ]]; do
    case "$1" in
        --mip) mip="$2"; shift 2 ;;
        --effort) effort="$2"; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(3:12:80 8:40:400 40:300:4000)

swift build -c release --product enlace >&2
swift build -c release --product enlace-bench >&2
enlace=.build/release/enlace
bench=.build/release/enlace-bench
work="$(mktemp -d)"
printf 'size\tparents\tmatched\tmatched_bound\tscore\tbound\tgap\tseconds\tpeak_MB\tcheck\tmip_objective\tmip_bound\tmip_seconds\n'
for size in "${sizes[@]}"; do
    IFS=: read -r sites mentors parents seed <<<"$size"
    dir="$work/$size"
    "$enlace" generate "$dir" --sites "$sites" --mentors "$mentors" --parents "$parents" --seed "${seed:-2026}" >/dev/null
    summary=$(/usr/bin/time -f '%M' -o "$work/time" "$enlace" match --program "$dir" --json --effort "$effort" 2>/dev/null)
    peak=$(( $(tail -n 1 "$work/time") / 1024 ))
    check=$(python3 Benchmarks/check_schedule.py "$dir" >/dev/null 2>&1 && echo ok || echo VIOLATIONS)
    coverage=$("$bench" solve --program "$dir" 2>/dev/null \
        | python3 -c 'import json,sys; print(json.load(sys.stdin).get("matched_bound", "-"))')
    mipcols="-\t-\t-"
    if [[ "$mip" != 0 ]]; then
        result=$(python3 Benchmarks/mip_reference.py "$dir" --time-limit "$mip" 2>/dev/null || true)
        mipcols=$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(f"{d[\"objective\"]:.0f}\t{d[\"bound\"]:.0f}\t{d[\"seconds\"]:.1f}")' "$result" 2>/dev/null || echo "-\t-\t-")
    fi
    python3 - "$size" "$summary" "$peak" "$check" "$mipcols" "$coverage" <<'PY'
import json, sys
size, summary, peak, check, mip, coverage = sys.argv[1:]
d = json.loads(summary)
print("\t".join([size, str(d["parents"]), str(d["matched"]), coverage, str(d["score"]), str(d["bound"]),
                 f'{d["gap"]*100:.2f}%', f'{d["seconds"]:.2f}', peak, check, mip.replace("\\t", "\t")]))
PY
done
