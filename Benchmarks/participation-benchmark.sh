#!/usr/bin/env bash
# Participation benchmark: `enlace participation` (release) for a district of 60,000 parents with
# the attendance of a whole term: the sample generator's sign-in sheets and monthly participant
# reports (rejoins, short visits, guests) of every session held before 11 June 2027.
#
# The district is generated and matched once before its term (`enlace match`), then
# `enlace-bench attendance` writes its attendance files. Timed, each after the load average:
#   1. `enlace import` of the program alone (data/attendance/ and data/recordings.csv moved
#      aside), nothing changed: what every import costs without attendance;
#   2. `enlace participation` the first time: the same import plus reading, resolving and storing
#      every attendance row, then writing out/participation.csv and out/follow-up.csv;
#   3. `enlace participation` again: nothing to store.
# The differences are what attendance costs. Then Benchmarks/check_participation.py checks the
# files.
#
# Usage: Benchmarks/participation-benchmark.sh WORKDIR [BUILD_DIR]   (default .build/release)
#   Env: PARENTS (60000) MENTORS (6000) SITES (120) CADENCE (monthly)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(realpath -m "$1")"
build="$(realpath "${2:-$here/../.build/release}")"
enlace="$build/enlace"; bench="$build/enlace-bench"
parents="${PARENTS:-60000}"; mentors="${MENTORS:-6000}"; sites="${SITES:-120}"; cadence="${CADENCE:-monthly}"
program="$work/district"
launch=2026-08-10T09:00:00-07:00
end=2027-06-11T12:00:00-07:00

if [[ ! -f "$work/ready" ]]; then
    rm -rf "$work"; mkdir -p "$work"
    "$enlace" generate "$program" --sites "$sites" --mentors "$mentors" --parents "$parents" >/dev/null
    sed -i "s/^cadence = .*/cadence = \"$cadence\"/" "$program/enlace.toml"
    "$enlace" match --program "$program" --json --now "$launch" >"$work/match.json" 2>/dev/null
    echo "matched: $(cat "$work/match.json")"
    "$bench" attendance --program "$program" --as-of "$end" >"$work/attendance.json"
    touch "$work/ready"
fi
echo "attendance files: $(cat "$work/attendance.json") ($(du -sh "$program/data/attendance" | cut -f1))"

timed() {  # LABEL COMMAND…
    local label="$1"; shift
    sync
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -f '%e s wall, %U s user, %S s sys, %M KB peak' -o "$work/time" "$@" >"$work/out.txt" 2>"$work/err.txt"
    echo "$label: $(cat "$work/time")"
}

mv "$program/data/attendance" "$work/attendance-aside"; mv "$program/data/recordings.csv" "$work/recordings-aside.csv"
"$enlace" import --program "$program" >/dev/null 2>&1
timed "import, program alone" "$enlace" import --program "$program"
mv "$work/attendance-aside" "$program/data/attendance"; mv "$work/recordings-aside.csv" "$program/data/recordings.csv"
# A first import stores every record: what earlier runs of this script stored is deleted.
python3 -c "import sqlite3,sys; db=sqlite3.connect(sys.argv[1]); db.execute('DELETE FROM attendance'); db.execute('DELETE FROM recordings'); db.commit()" "$program/enlace.sqlite"
timed "participation, first (every record stored)" "$enlace" participation --program "$program" --now "$end" --json
echo "  $(cat "$work/out.txt")"
timed "participation, again (nothing to store)" "$enlace" participation --program "$program" --now "$end" --json
echo "records stored: $(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM attendance').fetchone()[0])" "$program/enlace.sqlite")," \
     "participation rows: $(($(wc -l <"$program/out/participation.csv") - 1)), follow-up: $(($(wc -l <"$program/out/follow-up.csv") - 1))," \
     "unmatched rows: $(($(wc -l <"$program/out/attendance-unmatched.csv") - 1))"
python3 "$here/check_participation.py" "$program" --now "$end"
