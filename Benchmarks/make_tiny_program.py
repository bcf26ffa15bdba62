#!/usr/bin/env python3
"""Write a small, valid Enlace program folder (spec sections 2, 3 and 5) for tests and benchmarks.

    python3 Benchmarks/make_tiny_program.py OUT_DIR [--seed 1] [--sites 2] [--mentors 4]
        [--parents 12] [--cadence monthly|biweekly|weekly] [--anchor after|before]

The folder has enlace.toml, data/{sites,mentors,parents}.csv (parents.csv with a BOM),
calendars/blackouts.ics (all-day, multi-day, timed and recurring blackouts) and
calendars/open-houses/SITE.ics for the first two sites: a TZID-based monthly RRULE with an
EXDATE, a RECURRENCE-ID override, a cancelled occurrence and an ignored all-day event; and a
Google-style calendar (UTC times + X-WR-TIMEZONE) whose weekly recurrence crosses the DST change.
Same seed, same folder.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import random

TZ = "America/Los_Angeles"
LANGS = [["es"], ["es-MX", "en"], ["en"], ["vi", "en"], ["zh"], ["en", "es"], ["es"], ["yue", "zh"]]
TOPICS = ["distance-learning", "biliteracy", "funding", "college", "iep", "attendance"]
MENTOR_LANGS = [["es", "en"], ["es-MX"], ["en", "vi"], ["zh", "en"], ["es", "en"], ["EN"]]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA"]

VTIMEZONE = """BEGIN:VTIMEZONE
TZID:America/Los_Angeles
BEGIN:DAYLIGHT
TZOFFSETFROM:-0800
TZOFFSETTO:-0700
TZNAME:PDT
DTSTART:19700308T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0700
TZOFFSETTO:-0800
TZNAME:PST
DTSTART:19701101T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE
"""


def ics(body: str, extra_header: str = "") -> str:
    text = ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Enlace Benchmarks//tiny//EN\n" + extra_header
            + VTIMEZONE + body + "END:VCALENDAR\n")
    return text.replace("\n", "\r\n")


BLACKOUTS = """BEGIN:VEVENT
UID:labor-day@tiny
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:20260907
SUMMARY:Labor Day
END:VEVENT
BEGIN:VEVENT
UID:staff-day@tiny
DTSTAMP:20260101T000000Z
DTSTART;TZID=America/Los_Angeles:20261006T080000
DTEND;TZID=America/Los_Angeles:20261006T150000
SUMMARY:Staff development (timed)
END:VEVENT
BEGIN:VEVENT
UID:thanksgiving@tiny
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:20261125
DTEND;VALUE=DATE:20261128
SUMMARY:Thanksgiving break
END:VEVENT
BEGIN:VEVENT
UID:first-wed-dec@tiny
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:20261202
RRULE:FREQ=WEEKLY;COUNT=2
SUMMARY:Testing days (recurring)
END:VEVENT
BEGIN:VEVENT
UID:oh-blackout@tiny
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:20260917
SUMMARY:Minimum day
END:VEVENT
"""

# Site 1: 3rd Thursday (first: 2026-08-20) 18:00-19:00 local, monthly; EXDATE Oct, Nov moved, Dec cancelled.
OPEN_HOUSES_TZID = """BEGIN:VEVENT
UID:oh-monthly@tiny
DTSTAMP:20260101T000000Z
DTSTART;TZID=America/Los_Angeles:20260820T180000
DTEND;TZID=America/Los_Angeles:20260820T190000
RRULE:FREQ=MONTHLY;BYDAY=3TH;UNTIL=20270630T000000Z
EXDATE;TZID=America/Los_Angeles:20261015T180000
SUMMARY:Parent open house
END:VEVENT
BEGIN:VEVENT
UID:oh-monthly@tiny
DTSTAMP:20260101T000000Z
RECURRENCE-ID;TZID=America/Los_Angeles:20261119T180000
DTSTART;TZID=America/Los_Angeles:20261119T173000
DTEND;TZID=America/Los_Angeles:20261119T183000
SUMMARY:Parent open house (moved)
END:VEVENT
BEGIN:VEVENT
UID:oh-monthly@tiny
DTSTAMP:20260101T000000Z
RECURRENCE-ID;TZID=America/Los_Angeles:20261217T180000
DTSTART;TZID=America/Los_Angeles:20261217T180000
DTEND;TZID=America/Los_Angeles:20261217T190000
STATUS:CANCELLED
SUMMARY:Parent open house (cancelled)
END:VEVENT
BEGIN:VEVENT
UID:oh-allday@tiny
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:20260910
SUMMARY:Back-to-school fair (all day, ignored)
END:VEVENT
"""

# Site 2, Google style: UTC times, X-WR-TIMEZONE. 2026-08-26T01:00Z = Tue 2026-08-25 18:00 PDT;
# every 4 weeks, crossing the DST change (stays 18:00 local).
OPEN_HOUSES_GOOGLE = """BEGIN:VEVENT
UID:oh-google@tiny
DTSTAMP:20260101T000000Z
DTSTART:20260826T010000Z
DTEND:20260826T023000Z
RRULE:FREQ=WEEKLY;INTERVAL=4;COUNT=6
SUMMARY:Family night
END:VEVENT
"""


def window(rng: random.Random) -> str:
    day = rng.choice(DAYS)
    if day == "SA":
        s = rng.choice([9, 10])
        return f"SA {s:02d}:00-{s + rng.choice([2, 3]):02d}:00"
    s = rng.choice([16, 17, 17, 18])
    e = s + rng.choice([1, 2, 3])
    return f"{day} {s:02d}:{rng.choice(['00', '30'])}-{e:02d}:00"


def modes(rng: random.Random) -> str:
    return rng.choice(["in_person", "virtual", "in_person;virtual", "in_person;virtual"])


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def write(path: str, text: str, bom: bool = False) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        fh.write(text)


def make(out: str, seed: int = 1, n_sites: int = 2, n_mentors: int = 4, n_parents: int = 12,
         cadence: str = "monthly", anchor: str = "after", max_group_size: int = 4,
         max_groups_per_mentor: int = 2) -> str:
    rng = random.Random(seed)
    write(os.path.join(out, "enlace.toml"), f"""# tiny program generated by Benchmarks/make_tiny_program.py (seed {seed})
name = "Tiny District {seed}"
timezone = "{TZ}"
term_start = 2026-08-17
term_end = "2026-12-18"
session_minutes = 60
slot_step_minutes = 30
max_group_size = {max_group_size}
max_groups_per_mentor = {max_groups_per_mentor}
cadence = "{cadence}"
anchor = "{anchor}"

[weights]
matched = 100
group = -20
""")
    sites = [f"S{i + 1}" for i in range(n_sites)]
    write(os.path.join(out, "data", "sites.csv"),
          csv_text(["id", "name", "address"], [[s, f"School {s}", f"{i + 1} Main St, Town"] for i, s in enumerate(sites)]))
    mrows = []
    for i in range(n_mentors):
        wins = "; ".join(window(rng) for _ in range(rng.randint(2, 4)))
        if i == 0:  # one mentor who always fits open houses at S1
            wins, oh = "TH 17:00-19:00; TH 18:30-20:00", "yes"
        else:
            oh = rng.choice(["yes", "no", ""])
        msites = sorted(rng.sample(sites, rng.randint(1, len(sites)))) if i else sites[:1]
        mrows.append([f"m{i + 1}", f"Mentor {i + 1}", f"m{i + 1}@example.org", "", ";".join(MENTOR_LANGS[i % len(MENTOR_LANGS)]),
                      ";".join(msites), modes(rng) if i else "in_person;virtual", str(rng.randint(2, 6)), wins, oh,
                      ";".join(rng.sample(TOPICS, rng.randint(0, 4))), "x"])
    write(os.path.join(out, "data", "mentors.csv"),
          csv_text(["id", "name", "email", "phone", "languages", "sites", "modes", "capacity", "availability",
                    "open_house", "topics", "neighborhood"], mrows))
    prows = []
    for i in range(n_parents):
        wins = "; ".join(window(rng) for _ in range(rng.randint(1, 3)))
        prows.append([f"p{i + 1:02d}", f"Parent {i + 1}", "", "555-0100", ";".join(rng.choice(LANGS)),
                      rng.choice(sites), modes(rng), wins, rng.choice(["yes", "no", "", "no"]),
                      ";".join(rng.sample(TOPICS, rng.randint(0, 5)))])
    # column order differs from the spec's list on purpose
    write(os.path.join(out, "data", "parents.csv"),
          csv_text(["name", "id", "email", "phone", "languages", "site", "modes", "availability", "open_house",
                    "topics"], [[r[1], r[0]] + r[2:] for r in prows]), bom=True)
    write(os.path.join(out, "calendars", "blackouts.ics"), ics(BLACKOUTS))
    write(os.path.join(out, "calendars", "open-houses", f"{sites[0]}.ics"), ics(OPEN_HOUSES_TZID))
    if len(sites) > 1:
        write(os.path.join(out, "calendars", "open-houses", f"{sites[1]}.ics"),
              ics(OPEN_HOUSES_GOOGLE, "X-WR-CALNAME:Family nights\nX-WR-TIMEZONE:America/Los_Angeles\n"))
    os.makedirs(os.path.join(out, "out"), exist_ok=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sites", type=int, default=2)
    ap.add_argument("--mentors", type=int, default=4)
    ap.add_argument("--parents", type=int, default=12)
    ap.add_argument("--cadence", default="monthly", choices=["monthly", "biweekly", "weekly"])
    ap.add_argument("--anchor", default="after", choices=["after", "before"])
    ap.add_argument("--max-group-size", type=int, default=4)
    ap.add_argument("--max-groups-per-mentor", type=int, default=2)
    a = ap.parse_args()
    make(a.out, a.seed, a.sites, a.mentors, a.parents, a.cadence, a.anchor, a.max_group_size,
         a.max_groups_per_mentor)
    print(a.out)


if __name__ == "__main__":
    main()
