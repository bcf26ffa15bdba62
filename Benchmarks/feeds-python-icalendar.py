#!/usr/bin/env python3
"""Writes the same feeds as `enlace feeds` with Python's `icalendar` library, for the speed
comparison in docs/PERFORMANCE.md.

Untimed: every feed Enlace wrote (PROGRAM_DIR/calendars/feeds/*.ics) is read back into plain data:
calendar properties, the VTIMEZONE, and per event its properties with their parameters.
Also untimed: the values are typed for icalendar (as Enlace starts from values in memory).
Timed: for every feed, a `Calendar` is built with icalendar's typed API (datetimes with
`zoneinfo` zones for DTSTART/DTEND, UTC datetimes for DTSTAMP/LAST-MODIFIED, integers, text with
LANGUAGE parameters, `vCalAddress` organizers, durations, recurrence rules in the time zone), the
feed's VTIMEZONE added, serialized with `to_ical()` and written to OUT_DIR/TOKEN.ics: the same
events, the same files, the same order. Nothing is fsynced (Enlace's figure includes its syncfs).

Prints one JSON line: feeds, events, seconds (the timed part), events per second. With --check,
also parses every written file back and compares the event count and UIDs with Enlace's.

Usage: python3 Benchmarks/feeds-python-icalendar.py PROGRAM_DIR OUT_DIR [--limit N] [--check]
Needs: pip install icalendar (measured with 7.x)
"""
import argparse
import datetime as dt
import json
import os
import sys
import time
from zoneinfo import ZoneInfo

import icalendar

TEXT_ESCAPES = {"\\n": "\n", "\\N": "\n", "\\,": ",", "\\;": ";", "\\\\": "\\"}


def unfold(text):
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def split_property(line):
    """`NAME;P=V;Q="W":value` → (NAME, {P: V, Q: W}, value), honouring quoted parameters."""
    quoted, cut = False, None
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            cut = i
            break
    head, value = line[:cut], line[cut + 1:]
    parts, current, quoted = [], "", False
    for char in head:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    params = {}
    for part in parts[1:]:
        key, _, val = part.partition("=")
        params[key.upper()] = val.strip('"')
    return parts[0].upper(), params, value


def unescape(value):
    placeholder = "\x00"
    return (value.replace("\\\\", placeholder).replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",")
            .replace("\\;", ";").replace(placeholder, "\\"))


def read_feed(path):
    """Plain data of one Enlace feed: (calendar properties, timezone lines, events)."""
    with open(path, encoding="utf-8", newline="") as handle:
        lines = unfold(handle.read())
    calendar, zone, events, stack = [], [], [], []
    for line in lines:
        if not line:
            continue
        name, params, value = split_property(line)
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                events.append([])
        if stack and stack[0] == "VCALENDAR" and "VTIMEZONE" in stack:
            zone.append(line)
        elif stack[-1:] == ["VEVENT"] and name not in ("BEGIN", "END"):
            events[-1].append((name, params, value))
        elif stack == ["VCALENDAR"] and name not in ("BEGIN", "END"):
            calendar.append((name, params, value))
        if name == "END":
            stack.pop()
    return calendar, zone, events


def parse_local(value, zone):
    return dt.datetime.strptime(value, "%Y%m%dT%H%M%S").replace(tzinfo=zone)


def parse_utc(value):
    return dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc)


def parse_duration(value):
    return icalendar.vDuration.from_ical(value)


def typed(name, params, value, zones):
    """The typed value icalendar's API takes for this property, and the parameters to keep."""
    if name in ("DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE") and "TZID" in params:
        zone = zones.setdefault(params["TZID"], ZoneInfo(params["TZID"]))
        rest = {k: v for k, v in params.items() if k != "TZID"}
        if name == "EXDATE":
            return [parse_local(v, zone) for v in value.split(",")], rest
        return parse_local(value, zone), rest
    if name in ("DTSTAMP", "LAST-MODIFIED", "CREATED") or (name in ("DTSTART", "DTEND") and value.endswith("Z")):
        return parse_utc(value), params
    if name in ("DTSTART", "DTEND") and params.get("VALUE") == "DATE":
        return dt.datetime.strptime(value, "%Y%m%d").date(), {}
    if name in ("SEQUENCE", "PRIORITY"):
        return int(value), params
    if name == "RRULE":
        return icalendar.vRecur.from_ical(value), params
    if params.get("VALUE") == "DURATION" or name in ("DURATION", "X-PUBLISHED-TTL"):
        return icalendar.vDuration(parse_duration(value)), params
    if name in ("ORGANIZER", "ATTENDEE"):
        return icalendar.vCalAddress(value), params
    if name in ("URL",) or params.get("VALUE") == "URI":
        return icalendar.vUri(value), params
    return unescape(value), params


def prepare(feed, zones):
    """Typed values, untimed (Enlace too starts from values in memory)."""
    calendar_props, zone_lines, events = feed
    typed_calendar = [(name, *typed(name, params, value, zones)) for name, params, value in calendar_props]
    zone = "\r\n".join(zone_lines) + "\r\n"
    typed_events = [[(name, *typed(name, params, value, zones)) for name, params, value in props] for props in events]
    return typed_calendar, zone, typed_events


def build(typed_calendar, zone, typed_events):
    """The timed part: components built with icalendar's API, serialized."""
    cal = icalendar.Calendar()
    for name, value, params in typed_calendar:
        cal.add(name, value, parameters=params or None)
    cal.add_component(icalendar.Timezone.from_ical(zone))
    for props in typed_events:
        event = icalendar.Event()
        for name, value, params in props:
            event.add(name, value, parameters=params or None)
        cal.add_component(event)
    return cal.to_ical()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("program")
    parser.add_argument("out")
    parser.add_argument("--limit", type=int, help="only the first N feeds (sorted by name)")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    feeds_dir = os.path.join(args.program, "calendars", "feeds")
    names = sorted(n for n in os.listdir(feeds_dir) if n.endswith(".ics"))[: args.limit]
    data = [(name, read_feed(os.path.join(feeds_dir, name))) for name in names]
    zones = {}
    prepared = [(name, prepare(feed, zones)) for name, feed in data]
    os.makedirs(args.out, exist_ok=True)
    events = sum(len(feed[2]) for _, feed in data)
    started = time.perf_counter()
    for name, (typed_calendar, zone, typed_events) in prepared:
        with open(os.path.join(args.out, name), "wb") as handle:
            handle.write(build(typed_calendar, zone, typed_events))
    seconds = time.perf_counter() - started
    result = {"feeds": len(data), "events": events, "seconds": round(seconds, 2),
              "events_per_second": round(events / seconds) if seconds else None,
              "icalendar": icalendar.__version__, "python": sys.version.split()[0]}
    if args.check:
        for name, (_, _, feed_events) in data:
            with open(os.path.join(args.out, name), "rb") as handle:
                parsed = icalendar.Calendar.from_ical(handle.read())
            uids = [str(e["UID"]) for e in parsed.walk("VEVENT")]
            expected = [v for props in feed_events for (n, _, v) in props if n == "UID"]
            if uids != expected:
                raise SystemExit(f"{name}: the written events differ from Enlace's")
        result["check"] = "same events, same UIDs, same order"
    print(json.dumps(result))


if __name__ == "__main__":
    main()
