#!/usr/bin/env bash
# Plugin API overhead: builds the matcher's tables (candidate groups, fits, pair and group weights,
# limits) through the built-in plugins and through the same rules written directly
# (Sources/EnlaceTestSupport/DirectReference.swift), alternately, checks the tables are equal, and prints the
# median seconds of each (release build). The solver itself reads only these tables, so this is
# the whole of what going through the plugin API costs.
#
# Usage: Benchmarks/plugin-overhead.sh [SIZE ...]   SIZE is SITES:MENTORS:PARENTS
#   default: 40:300:4000 120:3000:60000
set -euo pipefail
cd "$(dirname "$0")/.."
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
