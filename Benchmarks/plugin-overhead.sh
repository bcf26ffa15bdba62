#!/usr/bin/env bash
# Plugin API overhead, two measures (release builds).
#
# SIZE ...: builds the matcher's tables (candidate groups, fits, pair and group weights, limits)
# through the built-in plugins and through the same rules written directly
# (Sources/EnlaceTestSupport/DirectReference.swift), alternately, checks the tables are equal, and
# prints the median seconds of each. The solver itself reads only these tables, so this is the
# whole of what going through the plugin API costs.
#
# --crash-guard [RUNS]: what the crash guard of district plugins costs (docs/PLUGINS.md, "When a
# plugin crashes"). Builds the three example plugins (Examples/Plugins) as libraries, pins them in
# a 4,000-parent district's enlace.toml with their SHA-256, then solves the district RUNS times
# (default 7) with the guard and RUNS times with it bypassed (`enlace-bench solve
# --unguarded-plugins`), alternately, each a process of its own: reading, preparing the plugins,
# building the model and solving, which is where `enlace match` runs plugin code. Prints each
# run's CPU time (user + sys), the medians, the difference, and the load average before and after
# (the machine may be shared: CPU time is less affected by other work than wall time). Both ways
# must reach the same score.
#
# Usage: Benchmarks/plugin-overhead.sh [SIZE ...]   SIZE is SITES:MENTORS:PARENTS
#          default: 40:300:4000 120:3000:60000
#        Benchmarks/plugin-overhead.sh --crash-guard [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."

crash_guard() {
    local runs="${1:-7}"
    swift build -c release --product enlace >&2
    swift build -c release --product enlace-bench >&2
    local work
    work="$(mktemp -d)"
    local district="$work/district"
    .build/release/enlace generate "$district" --sites 40 --mentors 300 --parents 4000 >/dev/null
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
    solve() {  # $1: guarded or unguarded; prints "CPU-seconds score"
        local flag=()
        [[ $1 == unguarded ]] && flag=(--unguarded-plugins)
        /usr/bin/time -o "$work/time" -f "%U %S" \
            .build/release/enlace-bench solve --program "$district" "${flag[@]}" >"$work/json" 2>/dev/null
        python3 -c 'import json, sys; print("%.2f" % (float(sys.argv[1]) + float(sys.argv[2])), json.load(open(sys.argv[3]))["score"])' \
            $(cat "$work/time") "$work/json"
    }
    solve guarded >/dev/null  # warm the page cache
    local guarded=() unguarded=() scores=()
    for ((i = 0; i < runs; i++)); do
        local order=(guarded unguarded)
        ((i % 2 == 1)) && order=(unguarded guarded)
        for way in "${order[@]}"; do
            read -r cpu score < <(solve "$way")
            echo "run $((i + 1)) $way: ${cpu} s CPU, score $score"
            scores+=("$score")
            if [[ $way == guarded ]]; then guarded+=("$cpu"); else unguarded+=("$cpu"); fi
        done
    done
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    python3 - "${guarded[*]}" "${unguarded[*]}" "${scores[*]}" <<'EOF'
import statistics, sys
guarded, unguarded = (list(map(float, a.split())) for a in sys.argv[1:3])
assert len(set(sys.argv[3].split())) == 1, "guarded and unguarded runs reached different scores"
g, u = statistics.median(guarded), statistics.median(unguarded)
print(f"median CPU (user+sys) of {len(guarded)} runs each: guarded {g:.2f} s, unguarded {u:.2f} s, "
      f"difference {100 * (g - u) / u:+.1f}%")
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
