#!/usr/bin/env bash
# Feed-writing benchmark: `enlace feeds` (release) for a district of 60,000 parents, 3,000 mentors
# and 120 sites, against Python's icalendar writing the same events
# (Benchmarks/feeds-python-icalendar.py).
#
# The district is matched whole by `enlace match` before its term (`--now` 1 August 2026, as the
# publications: every session of the term is still to come), about 12 s at 60,000 parents.
#
# Usage: Benchmarks/feeds-benchmark.sh WORKDIR [ENLACE_BINARY]     (default .build/release/enlace)
#   Env: PARENTS (60000) MENTORS (3000) SITES (120) PYTHON_FEEDS (3000: how
#   many feeds the Python comparison writes; its events per second are compared; 0 skips it);
#   REPUBLISH (1: also time republishing on a later day and after 1% of families changed; 0 skips
#   it); LATER (2026-10-15T19:00:00Z: the later day, in the term, with sessions held since);
#   NEXT_DAY (2026-10-16T19:00:00Z: the nightly run after it).
# Prints: wall and CPU seconds and peak memory of the first publication (every feed written), of
# publishing again (nothing changed, same moment), of publishing on the later day (nothing
# changed), and, on a copy of the district, of publishing after 1% of the families (every
# hundredth row of data/parents.csv) moved to the next site and the district was matched again on
# the later day, of publishing once more after that, and of publishing after matching again
# the next day with nothing changed (a nightly run); each after the load average, with the
# feed and event counts, and the Python figures. ENLACE_FEEDS_TIMINGS=1 adds each phase's seconds
# (stderr).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(realpath -m "$1")"
enlace="$(realpath "${2:-$here/../.build/release/enlace}")"
parents="${PARENTS:-60000}"; mentors="${MENTORS:-3000}"; sites="${SITES:-120}"
python_feeds="${PYTHON_FEEDS:-3000}"
republish="${REPUBLISH:-1}"; later="${LATER:-2026-10-15T19:00:00Z}"; next_day="${NEXT_DAY:-2026-10-16T19:00:00Z}"
program="$work/district"

if [[ ! -f "$work/matched" ]]; then
    rm -rf "$work"; mkdir -p "$work"
    "$enlace" generate "$program" --sites "$sites" --mentors "$mentors" --parents "$parents" >/dev/null
    "$enlace" match --program "$program" --json --now 2026-08-01T12:00:00Z >"$work/match.json" 2>/dev/null
    echo "matched: $(cat "$work/match.json")"
    touch "$work/matched"
fi

# First publication: no feed history, no feeds folder.
python3 - "$program/enlace.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.execute("DELETE FROM feed_events")
for table in ("feed_contents", "feed_publication"):
    if db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone(): db.execute(f"DELETE FROM {table}")
db.commit()
PY
# The old feeds are moved aside and deleted after the timings: deleting 63,000 files just before
# creating 63,000 new ones makes ext4 search past the recently freed inodes (seconds of kernel
# time that a real first publication does not pay).
aside="$work/old-feeds-$$"
mv "$program/calendars/feeds" "$aside" 2>/dev/null || true
rm -f "$program/out/feeds.csv"
sync
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f '%e s wall, %U s user, %S s sys, %M KB peak' -o "$work/time-first" "$enlace" feeds --program "$program" --now 2026-08-01T12:00:00Z >"$work/first.txt"
echo "first publication: $(cat "$work/time-first") — $(cat "$work/first.txt")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f '%e s wall, %U s user, %S s sys, %M KB peak' -o "$work/time-again" "$enlace" feeds --program "$program" --now 2026-08-01T12:00:00Z >"$work/again.txt"
echo "publishing again:  $(cat "$work/time-again") — $(cat "$work/again.txt")"
echo "feeds folder: $(find "$program/calendars/feeds" -name '*.ics' | wc -l) files, $(du -sh "$program/calendars/feeds" | cut -f1)"
rm -rf "$aside"

# timed LABEL FOLDER NOW: one `enlace feeds`, after the load average.
timed() {
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    /usr/bin/time -f '%e s wall, %U s user, %S s sys, %M KB peak' -o "$work/time-$1" "$enlace" feeds --program "$2" --now "$3" >"$work/$1.txt"
    echo "$1: $(cat "$work/time-$1") — $(cat "$work/$1.txt")"
}
if [[ "$republish" != 0 ]]; then
    timed later-day "$program" "$later"
    # 1% of the families change, on a copy (the district stays as matched for the next run).
    changed="$work/changed"
    rm -rf "$changed"; cp -a "$program" "$changed"
    python3 - "$changed/data/parents.csv" "$changed/data/sites.csv" <<'PY'
import csv, sys
sites = [row["id"] for row in csv.DictReader(open(sys.argv[2], newline=""))]
with open(sys.argv[1], newline="") as f:
    reader = csv.DictReader(f); fields = reader.fieldnames; rows = list(reader)
for row in rows[::100]:
    row["site"] = sites[(sites.index(row["site"]) + 1) % len(sites)]
with open(sys.argv[1], "w", newline="") as f:
    writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n"); writer.writeheader(); writer.writerows(rows)
print(f"moved {len(rows[::100])} of {len(rows)} families to the next site", file=sys.stderr)
PY
    "$enlace" match --program "$changed" --json --now "$later" >"$work/rematch.json" 2>/dev/null
    sync
    timed one-percent "$changed" "$later"
    timed after-that "$changed" "$later"
    # The nightly run of the next day: matched again with nothing changed, then published.
    "$enlace" match --program "$changed" --json --now "$next_day" >"$work/nightly.json" 2>/dev/null
    timed nightly "$changed" "$next_day"
    rm -rf "$changed"
fi

[[ "$python_feeds" == 0 ]] && exit 0
rm -rf "$work/python-feeds"
echo "python icalendar ($python_feeds feeds): $(python3 "$here/feeds-python-icalendar.py" "$program" "$work/python-feeds" --limit "$python_feeds" --check)"
