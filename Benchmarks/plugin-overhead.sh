#!/usr/bin/env bash
# Plugin API overhead, two measures (release builds).
#
# SIZE ...: builds the matcher's tables (candidate groups, fits, pair and group weights, limits)
# through the built-in plugins and through the same rules written directly
# (Sources/EnlaceTestSupport/DirectReference.swift), alternately, checks the tables are equal, and
# prints the median seconds of each. The solver itself reads only these tables, so this is the
# whole of what going through the plugin API costs.
#
# --crash-guard [RUNS]: what the crash guard of district plugins costs on the whole `enlace match`
# (docs/PLUGINS.md, "When a plugin crashes"; docs/PERFORMANCE.md). Builds the three example
# plugins (Examples/Plugins) as libraries and pins them in a 4,000-parent district's enlace.toml
# with their SHA-256. Builds `enlace` twice in release: this checkout's, and the same tracked files
# copied aside with the switch `enlace-bench --unguarded-plugins` uses (`Rules.prepare`,
# `crashGuard:`) turned off for every command (a second whole release build: minutes). Then runs
# `enlace match --json` (reading and importing the folder, preparing the plugins, building the
# model, solving, explaining the unmatched families, writing out/ and the run) RUNS times (default
# 7) with each binary, alternately, each on a fresh copy of the district with no database and the
# same --now. Prints each run's CPU time (user + sys) and wall time, the medians, the difference,
# and the load average before and after (the machine may be shared: CPU time is less affected by
# other work than wall time). Every run must write the same out/schedule.json, byte for byte.
#
# Usage: Benchmarks/plugin-overhead.sh [SIZE ...]   SIZE is SITES:MENTORS:PARENTS
#          default: 40:300:4000 120:3000:60000
#        Benchmarks/plugin-overhead.sh --crash-guard [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

# Builds a release `enlace` with district plugins unguarded from the tracked files of this checkout
# (as they are in the working tree) in $1; prints the binary's path.
unguarded_enlace() {
    local source="$1/source"
    mkdir -p "$source"
    git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$source"
    if [[ -f Package.resolved ]]; then cp Package.resolved "$source/"; fi
    local rules="$source/Sources/EnlaceWorkflows/Import/Rules.swift"
    local switch='crashGuard: Bool = true) throws(WorkflowError)'
    if [[ $(grep -cF "$switch" "$rules") != 1 ]]; then
        echo "plugin-overhead.sh: $rules no longer has one line with \"$switch\"; update the script." >&2
        exit 1
    fi
    sed -i "s/crashGuard: Bool = true) throws(WorkflowError)/crashGuard: Bool = false) throws(WorkflowError)/" "$rules"
    swift build -c release --package-path "$source" --product enlace >&2
    echo "$source/.build/release/enlace"
}

crash_guard() {
    local runs="${1:-7}"
    swift build -c release --product enlace >&2
    local work
    work="$(mktemp -d)"
    local guarded_enlace="$PWD/.build/release/enlace" unguarded_enlace
    unguarded_enlace="$(unguarded_enlace "$work")"
    local district="$work/district" now="2026-08-01T12:00:00Z"
    "$guarded_enlace" generate "$district" --sites 40 --mentors 300 --parents 4000 >/dev/null
    mkdir -p "$district/plugins"
    for plugin in FridayEvenings Neighbourhood KeepTogether; do
        swift build -c release --package-path "Examples/Plugins/$plugin" --product "$plugin" >&2
        cp "Examples/Plugins/$plugin/.build/release/lib$plugin.so" "$district/plugins/"
    done
    pin() { printf '[plugins.%s]\nlibrary = "plugins/lib%s.so"\nsha256 = "%s"\n' "$1" "$2" "$(sha256sum "$district/plugins/lib$2.so" | cut -c1-64)"; }
    {
        echo
        pin friday_evenings FridayEvenings
        echo 'day = "TH"'
        pin neighbourhood Neighbourhood
        pin keep_together KeepTogether
    } >>"$district/enlace.toml"
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    match() {  # $1: guarded or unguarded; prints "CPU-seconds wall-seconds score schedule-sha256"
        local binary="$guarded_enlace"
        [[ $1 == unguarded ]] && binary="$unguarded_enlace"
        rm -rf "$work/run"
        cp -r "$district" "$work/run"
        /usr/bin/time -o "$work/time" -f "%U %S %e" \
            "$binary" match --program "$work/run" --now "$now" --json >"$work/json" 2>/dev/null
        python3 -c 'import json, sys; print("%.2f %s %s" % (float(sys.argv[1]) + float(sys.argv[2]), sys.argv[3], json.load(open(sys.argv[4]))["score"]))' \
            $(cat "$work/time") "$work/json" | tr '\n' ' '
        sha256sum "$work/run/out/schedule.json" | cut -c1-64
    }
    match guarded >/dev/null  # warm the page cache
    local guarded=() unguarded=() guarded_wall=() unguarded_wall=() schedules=()
    for ((i = 0; i < runs; i++)); do
        local order=(guarded unguarded)
        ((i % 2 == 1)) && order=(unguarded guarded)
        for way in "${order[@]}"; do
            read -r cpu wall score schedule < <(match "$way")
            echo "run $((i + 1)) $way: ${cpu} s CPU, ${wall} s wall, score $score"
            schedules+=("$schedule")
            if [[ $way == guarded ]]; then
                guarded+=("$cpu") guarded_wall+=("$wall")
            else
                unguarded+=("$cpu") unguarded_wall+=("$wall")
            fi
        done
    done
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    python3 - "${guarded[*]}" "${unguarded[*]}" "${guarded_wall[*]}" "${unguarded_wall[*]}" "${schedules[*]}" <<'EOF'
import statistics, sys
guarded, unguarded, guarded_wall, unguarded_wall = (list(map(float, a.split())) for a in sys.argv[1:5])
assert len(set(sys.argv[5].split())) == 1, "the runs wrote different schedules"
for what, g, u in (("CPU (user+sys)", guarded, unguarded), ("wall", guarded_wall, unguarded_wall)):
    mg, mu = statistics.median(g), statistics.median(u)
    print(f"median {what} of {len(g)} runs each: guarded {mg:.2f} s, unguarded {mu:.2f} s, "
          f"difference {100 * (mg - mu) / mu:+.1f}%; single runs {min(g):.2f}-{max(g):.2f} s / {min(u):.2f}-{max(u):.2f} s")
EOF
    rm -rf "$work"
}

if [[ "${1:-}" == --crash-guard ]]; then
    crash_guard "${2:-7}"
    exit 0
fi

sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(40:300:4000 120:3000:60000)
swift build -c release --product enlace-bench >&2
work="$(mktemp -d)"
for size in "${sizes[@]}"; do
    IFS=: read -r sites mentors parents <<<"$size"
    .build/release/enlace generate "$work/$size" --sites "$sites" --mentors "$mentors" --parents "$parents" >/dev/null
    /usr/bin/time -f "$size peak %M KB" .build/release/enlace-bench model --program "$work/$size" --rounds 3
done
rm -rf "$work"
