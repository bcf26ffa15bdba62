#!/usr/bin/env bash
# Report benchmark: `enlace report` (release) on a district of 60,000 parents matched whole, timed
# three times after the load average, then the page's size and Benchmarks/check_report.py on it.
#
# The district is generated and matched once (`enlace match`, which stores each waiting family's
# cause with the run); the script reuses it when WORKDIR/ready exists.
#
# Usage: Benchmarks/report-benchmark.sh WORKDIR [BUILD_DIR]   (default .build/release)
#   Env: PARENTS (60000) MENTORS (3000) SITES (120)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(realpath -m "$1")"
build="$(realpath "${2:-$here/../.build/release}")"
enlace="$build/enlace"
parents="${PARENTS:-60000}"; mentors="${MENTORS:-3000}"; sites="${SITES:-120}"
program="$work/district"
now=2026-12-10T12:00:00-08:00

if [[ ! -f "$work/ready" ]]; then
    rm -rf "$work"; mkdir -p "$work"
    "$enlace" generate "$program" --sites "$sites" --mentors "$mentors" --parents "$parents" >/dev/null
    "$enlace" match --program "$program" --json --now 2026-08-10T09:00:00-07:00 >"$work/match.json" 2>/dev/null
    echo "matched: $(cat "$work/match.json")"
    touch "$work/ready"
fi

for run in 1 2 3; do
    sync
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -f '%e s wall, %U s user, %S s sys, %M KB peak' -o "$work/time" \
        "$enlace" report --program "$program" --now "$now" --json >"$work/out.txt" 2>"$work/err.txt"
    echo "report, run $run: $(cat "$work/time")"
done
echo "page: $(stat -c %s "$program/out/report.html") bytes"
python3 "$here/check_report.py" "$program"
