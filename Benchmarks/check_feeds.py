#!/usr/bin/env python3
"""Independent checker of Enlace's calendar feeds (spec sections 7, 9, 10 and 11).

    python3 Benchmarks/check_feeds.py PROGRAM_DIR [--schedule PATH] [--previous-feeds DIR] [--now RFC3339]
        [--parser own|icalendar] [--cross-parsers] [--json]

Reads out/feeds.csv and every feed it names, the program folder and out/schedule.json, and checks
each feed against the plan and, with --previous-feeds (a copy of calendars/feeds from before the
run), against what was published before. Exit 0 when clean, 1 on any violation, 2 on unreadable
input. Written from /work/shared/spec/PROGRAM.md only.

Feeds are read by a strict RFC 5545 content-line reader written here (a 4,000-family district's
feeds take seconds; `icalendar` takes about 20 ms a feed). A feed with RRULE, RDATE or EXDATE is
expanded with `icalendar` + `recurring-ical-events`, and `--parser icalendar` reads every feed that
way. `--cross-parsers` parses every feed with this reader, `icalendar` + `recurring-ical-events`,
Home Assistant's `ical` and `vobject`, and reports every (UID, start, end, status) occurrence on
which they disagree and every SUMMARY, DESCRIPTION or LOCATION that one of the other three reads
otherwise than the file has it (unfolded, unescaped UTF-8), Unicode scalar for scalar.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import math
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import check_schedule as cs  # noqa: E402
import enlace_model as em  # noqa: E402

UTC = dt.timezone.utc
FAR_PAST = dt.datetime(1900, 1, 1, tzinfo=UTC)
# Language names a feed in English or Spanish may use for the meeting language (primary subtag ->
# accepted names, compared without case or accents).
LANGUAGE_NAMES = {
    "en": {"en": ["English"], "es": ["Spanish", "Español"], "vi": ["Vietnamese"], "zh": ["Chinese", "Mandarin"],
           "yue": ["Cantonese"], "ko": ["Korean"], "tl": ["Tagalog", "Filipino"], "fil": ["Filipino", "Tagalog"],
           "ar": ["Arabic"], "hy": ["Armenian"], "ru": ["Russian"], "fa": ["Persian", "Farsi"], "pa": ["Punjabi"],
           "hmn": ["Hmong"], "km": ["Khmer", "Cambodian"], "ja": ["Japanese"], "pt": ["Portuguese"],
           "fr": ["French"], "so": ["Somali"], "uk": ["Ukrainian"], "hi": ["Hindi"], "ur": ["Urdu"],
           "mxi": ["Mixteco", "Mixtec"], "zap": ["Zapotec"], "lo": ["Lao"], "th": ["Thai"], "sm": ["Samoan"]},
    "es": {"en": ["inglés"], "es": ["español"], "vi": ["vietnamita"], "zh": ["chino", "mandarín"],
           "yue": ["cantonés"], "ko": ["coreano"], "tl": ["tagalo", "filipino"], "fil": ["filipino", "tagalo"],
           "ar": ["árabe"], "hy": ["armenio"], "ru": ["ruso"], "fa": ["persa", "farsi"], "pa": ["panyabí", "punjabi"],
           "hmn": ["hmong"], "km": ["jemer", "camboyano"], "ja": ["japonés"], "pt": ["portugués"],
           "fr": ["francés"], "so": ["somalí"], "uk": ["ucraniano"], "hi": ["hindi"], "ur": ["urdu"],
           "mxi": ["mixteco"], "zap": ["zapoteco"], "lo": ["lao"], "th": ["tailandés"], "sm": ["samoano"]},
}
WAITING_LIST_WORDS = {"en": ["waiting list", "wait list", "waitlist"], "es": ["lista de espera"]}
# Properties whose values are dates, times or zone data: not searched for phone numbers.
TIME_PROPS = {"DTSTART", "DTEND", "DTSTAMP", "LAST-MODIFIED", "CREATED", "RECURRENCE-ID", "EXDATE", "RDATE",
              "DUE", "COMPLETED", "TZOFFSETFROM", "TZOFFSETTO", "RRULE", "SEQUENCE", "DURATION", "TRIGGER",
              "REFRESH-INTERVAL", "X-PUBLISHED-TTL"}


# --------------------------------------------------------------------------- reading feeds


class FeedError(Exception):
    """A feed that cannot be read as iCalendar."""


@dataclass(slots=True)
class Prop:
    name: str
    params: dict[str, str]
    value: str
    line: int


@dataclass(slots=True)
class Component:
    name: str
    props: list[Prop] = field(default_factory=list)
    children: list["Component"] = field(default_factory=list)
    first: dict = field(default_factory=dict)  # property name -> its first occurrence

    def get(self, name: str) -> Prop | None:
        return self.first.get(name)

    def text(self, name: str) -> str:
        p = self.get(name)
        return unescape(p.value) if p else ""


@dataclass
class Event:
    """One occurrence of a VEVENT, as the checks see it."""

    uid: str
    recurrence_id: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    status: str
    sequence: int
    summary: str
    description: str
    location: str
    transp: str
    organizer: str
    languages: tuple
    url: str = ""

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, dt.datetime)

    @property
    def cancelled(self) -> bool:
        return self.status == "CANCELLED"

    @property
    def key(self) -> tuple:
        return (self.uid, self.recurrence_id)

    @property
    def instants(self) -> tuple:
        return (self.start, self.end)

    def show(self) -> str:
        when = self.start.isoformat() if self.all_day else self.start.astimezone(UTC).isoformat()
        return f"{self.uid} ({when})"


@dataclass
class Feed:
    calendar: Component
    events: list[Event]
    tzids_used: set[str]
    raw: bytes


ESCAPE = re.compile(r"\\([\\;,nN])")


def unescape(value: str) -> str:
    if "\\" not in value:
        return value
    return ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _split_params(rest: str, line: int) -> tuple[dict[str, str], str]:
    """`;NAME=value;...:VALUE` -> ({NAME: value}, VALUE); quoted values may hold ';', ':' and ','."""
    if '"' not in rest:
        head, sep, value = rest.partition(":")
        if sep and all("=" in p for p in head[1:].split(";")):
            return {k.upper(): v for k, _, v in (p.partition("=") for p in head[1:].split(";"))}, value
    params: dict[str, str] = {}
    i, n = 0, len(rest)
    while i < n and rest[i] == ";":
        j = rest.find("=", i)
        if j < 0:
            raise FeedError(f"content line {line}: parameter without '='")
        pname = rest[i + 1:j].upper()
        i = j + 1
        values = []
        while True:
            if i < n and rest[i] == '"':
                k = rest.find('"', i + 1)
                if k < 0:
                    raise FeedError(f"content line {line}: unterminated quoted parameter")
                values.append(rest[i + 1:k])
                i = k + 1
            else:
                k = i
                while k < n and rest[k] not in ",;:":
                    k += 1
                values.append(rest[i:k])
                i = k
            if i < n and rest[i] == ",":
                i += 1
                continue
            break
        params[pname] = ",".join(values)
    if i >= n or rest[i] != ":":
        raise FeedError(f"content line {line}: no ':' before the value")
    return params, rest[i + 1:]


def content_lines(text: str) -> list[str]:
    """Unfolded content lines (a CRLF followed by a space or tab continues the line)."""
    return [line for line in text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n") if line]


def parse_calendar(text: str) -> Component:
    """The component tree of one VCALENDAR; `n` in messages counts unfolded content lines."""
    stack: list[Component] = []
    root = None
    for n, line in enumerate(content_lines(text), start=1):
        colon, semi = line.find(":"), line.find(";")
        cut = semi if 0 <= semi < colon else colon
        name = line[:cut].upper()
        if cut <= 0 or not (name.isascii() and name.replace("-", "").isalnum()):
            raise FeedError(f"content line {n}: no property name followed by ';' or ':'")
        if cut == colon:
            params, value = {}, line[colon + 1:]
        else:
            params, value = _split_params(line[cut:], n)
        if name == "BEGIN":
            comp = Component(value.upper())
            if stack:
                stack[-1].children.append(comp)
            elif root is None:
                root = comp
            else:
                raise FeedError(f"content line {n}: a second top-level component")
            stack.append(comp)
        elif name == "END":
            if not stack or stack[-1].name != value.upper():
                raise FeedError(f"content line {n}: END:{value} does not close {stack[-1].name if stack else 'anything'}")
            stack.pop()
        elif stack:
            prop = Prop(name, params, value, n)
            stack[-1].props.append(prop)
            stack[-1].first.setdefault(name, prop)
        else:
            raise FeedError(f"content line {n}: property outside a component")
    if root is None or root.name != "VCALENDAR" or stack:
        raise FeedError("not one complete VCALENDAR")
    return root


DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
DATE_TIME = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)")


def parse_when(prop: Prop, tzids: set[str]) -> dt.datetime | dt.date:
    value = prop.value.strip()
    try:
        m = DATE.fullmatch(value)
        if m:
            return dt.date(*(int(x) for x in m.groups()))
        m = DATE_TIME.fullmatch(value)
        if not m or prop.params.get("VALUE", "").upper() == "DATE":
            raise ValueError("not a DATE or DATE-TIME")
        local = dt.datetime(*(int(x) for x in m.groups()[:6]))
    except ValueError as exc:
        raise FeedError(f"content line {prop.line}: {prop.name} {value!r}: {exc}")
    if m.group(7):
        return local.replace(tzinfo=UTC)
    tzid = prop.params.get("TZID")
    if not tzid:
        raise FeedError(f"content line {prop.line}: {prop.name} is a floating time (no TZID, no Z)")
    tzids.add(tzid)
    try:
        return local.replace(tzinfo=ZoneInfo(tzid.strip("/")))
    except Exception:
        raise FeedError(f"content line {prop.line}: TZID {tzid!r} is not an IANA zone this checker can resolve")


def _duration(text: str) -> dt.timedelta:
    m = re.fullmatch(r"([+-]?)P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", text.strip())
    if not m:
        raise FeedError(f"DURATION {text!r} is not understood")
    sign = -1 if m.group(1) == "-" else 1
    w, d, h, mi, s = (int(x or 0) for x in m.groups()[1:])
    return sign * dt.timedelta(weeks=w, days=d, hours=h, minutes=mi, seconds=s)


def _lang(comp: Component) -> tuple:
    return tuple(comp.get(n).params.get("LANGUAGE", "") if comp.get(n) else "" for n in
                 ("SUMMARY", "DESCRIPTION", "LOCATION"))


def event_from_component(comp: Component, tzids: set[str]) -> Event:
    start_p = comp.get("DTSTART")
    if start_p is None:
        raise FeedError(f"VEVENT {comp.text('UID')!r} has no DTSTART")
    start = parse_when(start_p, tzids)
    end_p, dur_p = comp.get("DTEND"), comp.get("DURATION")
    if end_p is not None:
        end = parse_when(end_p, tzids)
    elif dur_p is not None:
        end = start + _duration(dur_p.value)
    else:
        end = start + dt.timedelta(days=1) if not isinstance(start, dt.datetime) else start
    rid = comp.get("RECURRENCE-ID")
    seq = comp.text("SEQUENCE").strip() or "0"
    if not re.fullmatch(r"\d+", seq):
        raise FeedError(f"VEVENT {comp.text('UID')!r}: SEQUENCE {seq!r} is not a number")
    org = comp.get("ORGANIZER")
    return Event(comp.text("UID"), rid.value if rid else "", start, end, comp.text("STATUS").upper(), int(seq),
                 comp.text("SUMMARY"), comp.text("DESCRIPTION"), comp.text("LOCATION"),
                 comp.text("TRANSP").upper() or "OPAQUE", org.value if org else "", _lang(comp), comp.text("URL"))


def has_recurrence(cal: Component) -> bool:
    return any(c.get(n) for c in cal.children if c.name == "VEVENT" for n in ("RRULE", "RDATE", "EXDATE"))


def read_feed(raw: bytes, parser: str = "own") -> Feed:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FeedError(f"not UTF-8 ({exc})")
    cal = parse_calendar(text)
    tzids: set[str] = set()
    events = [event_from_component(c, tzids) for c in cal.children if c.name == "VEVENT"]
    if parser == "icalendar" or has_recurrence(cal):
        events = events_icalendar(raw, tzids)
    return Feed(cal, events, tzids, raw)


def _to_event_ical(comp, start, end) -> Event:
    def text(name):
        v = comp.get(name)
        return str(v) if v is not None else ""

    def lang(name):
        v = comp.get(name)
        return v.params.get("LANGUAGE", "") if v is not None and hasattr(v, "params") else ""
    rid = comp.get("RECURRENCE-ID")
    org = comp.get("ORGANIZER")
    return Event(text("UID"), rid.to_ical().decode() if rid is not None else "", start, end, text("STATUS").upper(),
                 int(comp.get("SEQUENCE", 0)), text("SUMMARY"), text("DESCRIPTION"), text("LOCATION"),
                 text("TRANSP").upper() or "OPAQUE", str(org) if org is not None else "",
                 (lang("SUMMARY"), lang("DESCRIPTION"), lang("LOCATION")), text("URL"))


def _ical_times(comp):
    start = comp.get("DTSTART").dt
    end_p, dur = comp.get("DTEND"), comp.get("DURATION")
    if end_p is not None:
        end = end_p.dt
    elif dur is not None:
        end = start + dur.dt
    else:
        end = start if isinstance(start, dt.datetime) else start + dt.timedelta(days=1)
    return start, end


def events_icalendar(raw: bytes, tzids: set[str] | None = None, calendar=None) -> list[Event]:
    """Every occurrence by `icalendar` + `recurring-ical-events` (cancelled ones included);
    `calendar` is `raw` already parsed by `icalendar`, when the caller has it."""
    import icalendar
    import recurring_ical_events

    cal = calendar if calendar is not None else icalendar.Calendar.from_ical(raw)
    out = []
    plain = [c for c in cal.walk("VEVENT") if not any(c.get(n) for n in ("RRULE", "RDATE", "EXDATE"))
             and c.get("RECURRENCE-ID") is None]
    for comp in plain:
        start, end = _ical_times(comp)
        out.append(_to_event_ical(comp, start, end))
    if len(plain) != len(list(cal.walk("VEVENT"))):
        plain_ids = {id(c) for c in plain}
        plain_uids = {str(c.get("UID")) for c in plain}
        query = recurring_ical_events.of(cal)
        for comp in query.between(dt.date(1970, 1, 1), dt.date(2100, 1, 1)):
            if id(comp) in plain_ids or (comp.get("RRULE") is None and comp.get("RECURRENCE-ID") is None
                                         and str(comp.get("UID")) in plain_uids):
                continue
            start, end = _ical_times(comp)
            out.append(_to_event_ical(comp, start, end))
    if tzids is not None:
        for comp in cal.walk("VEVENT"):
            for name in ("DTSTART", "DTEND"):
                p = comp.get(name)
                if p is not None and "TZID" in p.params:
                    tzids.add(p.params["TZID"])
    return out


# --------------------------------------------------------------------------- the plan


@dataclass
class FeedRow:
    kind: str
    id: str
    token: str
    path: str
    url: str
    line: int


@dataclass
class Plan:
    """What schedule.json and the program folder say each feed should show."""

    prog: em.Program
    entries: list
    now: dt.datetime | None
    member_of: dict  # parent -> Entry
    held_for: dict  # parent -> [(Entry, Session)]
    recordings: list  # (group, site, date, url)

    def is_past(self, ev: Event) -> bool:
        return not ev.all_day and self.now is not None and ev.start < self.now


def read_recordings(root: str) -> list[tuple]:
    path = os.path.join(root, "data", "recordings.csv")
    if not os.path.exists(path):
        return []
    return [((r.get("group") or "").strip(), (r.get("site") or "").strip(), (r.get("date") or "").strip(),
             (r.get("url") or "").strip()) for _, r in em.read_csv(path)]


def build_plan(prog: em.Program, sched: dict, now: dt.datetime | None, rep: cs.Report) -> Plan:
    """The plan from schedule.json; its own rules are check_schedule.py's, so only how "now" was
    found is reported here."""
    scratch = cs.Report()
    entries = [cs.parse_group(prog, raw, scratch, i) for i, raw in enumerate(sched.get("groups") or [])]
    now = cs.resolve_now(entries, now, scratch)
    cs.split_sessions(entries, now, scratch)
    rep.warnings.extend(w for w in scratch.warnings if "--now" in w)
    member_of = {pid: e for e in entries for pid in e.members}
    held_for: dict[str, list] = defaultdict(list)
    for e in entries:
        for s in e.held:
            for pid in s.parents or []:
                held_for[pid].append((e, s))
    return Plan(prog, entries, now, member_of, held_for, read_recordings(prog.root))


def read_feeds_csv(root: str, rep: cs.Report) -> list[FeedRow]:
    path = os.path.join(root, "out", "feeds.csv")
    rows = cs.read_out_csv(path, ("kind", "id", "token", "path", "url"), rep, "feeds_csv")
    return [FeedRow(r["kind"], r["id"], r["token"], r["path"], r["url"], n) for n, r in rows or []]


def token_bits(token: str) -> float:
    if re.fullmatch(r"[0-9a-f]+", token) or re.fullmatch(r"[0-9A-F]+", token):
        per = 4
    elif re.fullmatch(r"[a-z2-7]+", token) or re.fullmatch(r"[A-Z2-7]+", token):
        per = 5
    elif re.fullmatch(r"[A-Za-z0-9_-]+", token):
        per = 6
    else:
        per = math.log2(len(set(token)) or 1)
    return per * len(token)


def check_feeds_csv(prog: em.Program, rows: list[FeedRow], base_url: str, rep: cs.Report) -> None:
    """out/feeds.csv (section 7): one feed per parent, mentor and site; unguessable tokens; urls."""
    want = {"parent": set(prog.parents), "mentor": set(prog.mentors), "site": set(prog.sites)}
    seen = Counter((r.kind, r.id) for r in rows)
    for kind, ids in want.items():
        for i in sorted(ids - {r.id for r in rows if r.kind == kind}):
            rep.add("feeds_csv", f"out/feeds.csv: no {kind} feed for {i}", **{kind: i} if kind == "parent" else {})
    for r in rows:
        where = f"out/feeds.csv line {r.line}"
        if r.kind not in want:
            rep.add("feeds_csv", f"{where}: kind {r.kind!r} is not parent, mentor or site")
        elif r.id not in want[r.kind]:
            rep.add("feeds_csv", f"{where}: {r.kind} {r.id!r} is not in the program")
        if seen[(r.kind, r.id)] > 1:
            rep.add("feeds_csv", f"{where}: {r.kind} {r.id} has {seen[(r.kind, r.id)]} feeds")
        if token_bits(r.token) < 128:
            rep.add("feeds_csv", f"{where}: token {r.token[:4]}… carries about {token_bits(r.token):.0f} bits (< 128)")
        if base_url and r.url != base_url + r.token + ".ics":
            rep.add("feeds_csv", f"{where}: url {r.url!r} is not feed_base_url + TOKEN.ics")
        if os.path.basename(r.path) != r.token + ".ics":
            rep.add("feeds_csv", f"{where}: path {r.path!r} is not named TOKEN.ics")
    for token, n in Counter(r.token for r in rows).items():
        if n > 1:
            rep.add("feeds_csv", f"out/feeds.csv: token {token[:4]}… is used by {n} feeds")


# --------------------------------------------------------------------------- checks on every feed


def check_lines(name: str, raw: bytes, rep: cs.Report, who: dict) -> None:
    """CRLF line ends, at most 75 octets a line, no fold inside a UTF-8 character (RFC 5545 3.1)."""
    lines = raw.split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    else:
        rep.add("feed_line_endings", f"feed {name}: does not end with CRLF", **who)
    if raw.count(b"\n") != raw.count(b"\r\n") or raw.count(b"\r") != raw.count(b"\r\n"):
        n = next(i for i, line in enumerate(lines, start=1) if b"\n" in line or b"\r" in line)
        rep.add("feed_line_endings", f"feed {name} line {n}: a bare LF or CR (lines end with CRLF)", **who)
    if max(map(len, lines), default=0) > 75:
        n = next(i for i, line in enumerate(lines, start=1) if len(line) > 75)
        rep.add("feed_line_length", f"feed {name} line {n}: {len(lines[n - 1])} octets > 75", **who)
    if not raw.isascii():
        for n, line in enumerate(lines, start=1):
            try:
                line.isascii() or line.decode("utf-8")
            except UnicodeDecodeError:
                rep.add("feed_line_fold", f"feed {name} line {n}: folded inside a UTF-8 character", **who)
                break


COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# Scripts written without spaces between words: a name there is found as a substring of a word.
NO_SPACE = re.compile(r"[\u0e00-\u0eff\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
PHONE = re.compile(r"\+?\(?\d[\d\s().-]{5,}\d")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def fold_text(text: str) -> str:
    """Case- and accent-insensitive form for comparing names and texts."""
    return COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


class Privacy:
    """Finds people's names, emails and phone numbers in feed text in one pass over its words."""

    def __init__(self, prog: em.Program, coordinator_email: str, coordinator_phone: str) -> None:
        allowed = " ".join([prog.settings.name, prog.settings.coordinator_name]
                           + [m.name for m in prog.mentors.values()]
                           + [m.custom.get("display_name", "") for m in prog.mentors.values()]
                           + [s.get("name", "") for s in prog.sites.values()])
        allowed_tokens = re.findall(r"\w+", fold_text(allowed))
        allowed_seq = " " + " ".join(allowed_tokens) + " "
        self.by_token: dict[str, list] = defaultdict(list)
        self.by_pair: dict[str, list] = defaultdict(list)
        for pid, p in prog.parents.items():
            tokens = re.findall(r"\w+", fold_text(p.name))
            if not tokens or (" " + " ".join(tokens) + " ") in allowed_seq:
                continue
            if len(tokens) == 1 and NO_SPACE.search(tokens[0]):
                if len(tokens[0]) >= 2:
                    self.by_pair[tokens[0][:2]].append((tokens[0], pid))
            else:
                self.by_token[tokens[0]].append((tokens, pid))
        self.emails = {}
        self.phones = {}
        self.name_memo: dict[str, set] = {}
        self.contact_memo: dict[str, set] = {}
        for kind, people in (("parent", prog.parents), ("mentor", prog.mentors)):
            for pid, p in people.items():
                if p.email and p.email.lower() != coordinator_email.lower():
                    self.emails[p.email.lower()] = f"{kind} {pid}"
                digits = phone_digits(p.phone)
                if len(digits) >= 7 and digits != phone_digits(coordinator_phone):
                    self.phones[digits] = f"{kind} {pid}"

    def names_in(self, values: list[str]) -> set[str]:
        """Parents named in these property values (as written, escaped)."""
        return self._search(values, self.names, self.name_memo)

    def contacts_in(self, values: list[str]) -> set[str]:
        return self._search(values, self.contacts, self.contact_memo)

    @staticmethod
    def _search(values: list[str], fn, memo: dict) -> set[str]:
        # families of one group share most texts: each distinct text is searched once
        found: set[str] = set()
        for value in values:
            hit = memo.get(value)
            if hit is None:
                hit = memo[value] = fn(unescape(value))
            if hit:
                found |= hit
        return found

    def names(self, text: str) -> set[str]:
        folded = fold_text(text)
        tokens = re.findall(r"\w+", folded)
        found = set()
        by_token = self.by_token
        for i, tok in enumerate(tokens):
            hits = by_token.get(tok)
            if hits:
                for name, pid in hits:
                    if tokens[i:i + len(name)] == name:
                        found.add(pid)
        if self.by_pair:
            for run in NO_SPACE.findall(folded):
                for j in range(len(run) - 1):
                    for name, pid in self.by_pair.get(run[j:j + 2], ()):
                        if run.startswith(name, j):
                            found.add(pid)
        return found

    def contacts(self, text: str) -> set[str]:
        found = set()
        for email in EMAIL.findall(text):
            who = self.emails.get(email.lower())
            if who:
                found.add(f"the email of {who}")
        for chunk in PHONE.findall(text):
            digits = phone_digits(chunk)
            for tail in {digits, digits[-10:], digits[-7:]}:
                who = self.phones.get(tail)
                if who:
                    found.add(f"the phone number of {who}")
        return found


def phone_digits(text: str) -> str:
    digits = re.sub(r"\D", "", text or "")
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


def searchable_values(cal: Component) -> list[str]:
    """Property values (escaped, as written) and person-naming parameters, outside VTIMEZONE and
    date-valued properties."""
    parts = []

    def walk(c: Component):
        if c.name in ("VTIMEZONE",):
            return
        for p in c.props:
            if p.name not in TIME_PROPS:
                parts.append(p.value)
                parts.extend(v for k, v in p.params.items() if k in ("CN", "ALTREP", "DIR", "SENT-BY"))
        for ch in c.children:
            walk(ch)
    walk(cal)
    return parts


def check_generic(name: str, plan: Plan, feed: Feed, host: str, rep: cs.Report, who: dict) -> None:
    """Rules for every feed: UIDs, ORGANIZER, VTIMEZONEs, required properties, cancellations.
    ORGANIZER is checked on events not yet held: held events stay as they were published."""
    coordinator_email = plan.prog.settings.coordinator_email
    defined = {c.text("TZID") for c in feed.calendar.children if c.name == "VTIMEZONE"}
    for tzid in sorted(feed.tzids_used - defined):
        rep.add("feed_tzid", f"feed {name}: TZID {tzid} is used without its VTIMEZONE", **who)
    keys = Counter(ev.key for ev in feed.events)
    for key, n in keys.items():
        if n > 1:
            rep.add("feed_uid_duplicate", f"feed {name}: UID {key[0]} appears {n} times", **who)
    for comp in feed.calendar.children:
        if comp.name != "VEVENT":
            continue
        for prop in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            if comp.get(prop) is None:
                rep.add("feed_event_shape", f"feed {name}: event {comp.text('UID')!r} has no {prop}", **who)
    for ev in feed.events:
        if host and not ev.uid.endswith("@" + host):
            rep.add("feed_uid_host", f"feed {name}: UID {ev.uid} does not end in @{host}", **who)
        if coordinator_email and not plan.is_past(ev):
            org = re.sub(r"^mailto:", "", ev.organizer.strip(), flags=re.I)
            if org.lower() != coordinator_email.lower():
                rep.add("feed_organizer", f"feed {name}: event {ev.show()} has ORGANIZER {ev.organizer!r}, not the "
                        f"coordinator's mailto:{coordinator_email}", **who)
        if ev.cancelled:
            if ev.transp != "TRANSPARENT":
                rep.add("feed_cancelled_transp", f"feed {name}: cancelled event {ev.show()} is not TRANSP:TRANSPARENT",
                        **who)
            if not ev.description.strip():
                rep.add("feed_cancelled_reason", f"feed {name}: cancelled event {ev.show()} has no DESCRIPTION "
                        "saying why", **who)


def check_privacy(name: str, feed: Feed, privacy: Privacy, own: str | None, any_name: bool, rep: cs.Report,
                  who: dict) -> None:
    values = searchable_values(feed.calendar)
    for what in sorted(privacy.contacts_in(values)):
        rep.add("feed_privacy", f"feed {name}: carries {what}", **who)
    if own is None and not any_name:
        return
    for pid in sorted(privacy.names_in(values) - {own}):
        rep.add("feed_privacy", f"feed {name}: carries the name of parent {pid}", **who)


# --------------------------------------------------------------------------- history (sections 7 and 9)


def _changed(a: Event, b: Event) -> list[str]:
    fields = ("start", "end", "summary", "description", "location", "status", "languages", "url")
    return [f for f in fields if getattr(a, f) != getattr(b, f)]


def feed_scope(plan: Plan, kind: str, owner: str) -> tuple[set, set] | None:
    """The groups and sites whose sessions and open houses a feed may show: a family's groups and
    site, a mentor's groups and sites, a site's in-person groups and itself (None: unknown owner).
    Two groups can meet at the same time, so an event's time alone does not say whose it is."""
    prog = plan.prog
    if kind == "parent" and owner in prog.parents:
        groups = {e.gid for e, _ in plan.held_for.get(owner, [])}
        if owner in plan.member_of:
            groups.add(plan.member_of[owner].gid)
        return groups, {prog.parents[owner].site}
    if kind == "mentor" and owner in prog.mentors:
        return {e.gid for e in plan.entries if e.raw.get("mentor") == owner}, set(prog.mentors[owner].sites)
    if kind == "site":
        groups = {e.gid for e in plan.entries if e.raw.get("site") == owner and e.raw.get("mode") == "in_person"}
        return groups, {owner}
    return None


def recording_urls(plan: Plan, ev: Event, scope: tuple[set, set] | None = None) -> set[str]:
    """Recording links data/recordings.csv gives for what this event shows: a group row for a
    session of that group at the event's time, a site row for that site's open house then (of the
    feed's groups and sites, with `scope`)."""
    if ev.all_day or not plan.recordings:
        return set()
    day = ev.start.astimezone(plan.prog.settings.tz).date().isoformat()
    groups = {e.gid for e in plan.entries for s in e.sessions if (s.start, s.end) == ev.instants}
    sites = {oh.site for ohs in plan.prog.open_houses.values() for oh in ohs if (oh.start, oh.end) == ev.instants}
    if scope is not None:
        groups, sites = groups & scope[0], sites & scope[1]
    return {url for g, site, date, url in plan.recordings if date == day and (g in groups or site in sites)}


def check_recordings(name: str, plan: Plan, feed: Feed, rep: cs.Report, who: dict,
                     scope: tuple[set, set] | None = None) -> None:
    """Every feed showing a held session or open house with a recording gains its link (section 11)."""
    for ev in feed.events:
        if ev.cancelled or not plan.is_past(ev):
            continue
        for url in sorted(recording_urls(plan, ev, scope)):
            if url not in ev.description and url not in ev.url:
                rep.add("feed_recording_missing", f"feed {name}: held event {ev.show()} lacks the recording link "
                        f"{url} of data/recordings.csv", **who)


def check_held_event(name: str, plan: Plan, before: Event, after: Event, rep: cs.Report, who: dict) -> None:
    changed = _changed(before, after)
    if changed == ["description"] or changed == ["url"] or sorted(changed) == ["description", "url"]:
        added = {u for u in recording_urls(plan, before)
                 if u not in before.description + before.url and u in after.description + after.url}
        kept = all(line in after.description for line in before.description.splitlines())
        if added and kept and after.sequence > before.sequence:
            return
        rep.add("feed_held_changed", f"feed {name}: held event {before.show()} changed its {', '.join(changed)} "
                "(only a recording link of data/recordings.csv may be added, with a higher SEQUENCE)", **who)
        return
    if changed:
        rep.add("feed_held_changed", f"feed {name}: held event {before.show()} changed its {', '.join(changed)}",
                **who)
    elif after.sequence != before.sequence:
        rep.add("feed_held_changed", f"feed {name}: held event {before.show()} changed SEQUENCE "
                f"{before.sequence} -> {after.sequence}", **who)


def check_history(name: str, plan: Plan, feed: Feed, previous: Feed | None, open_house_times: set,
                  rep: cs.Report, who: dict) -> None:
    before = {ev.key: ev for ev in previous.events} if previous else {}
    now_by_key = {ev.key: ev for ev in feed.events}
    for key, old in before.items():
        new = now_by_key.get(key)
        if new is None:
            what = "held" if plan.is_past(old) else "published"
            rep.add("feed_event_removed", f"feed {name}: {what} event {old.show()} is gone (events stay, cancelled "
                    "when they leave the plan)", **who)
        elif plan.is_past(old):
            check_held_event(name, plan, old, new, rep, who)
        else:
            changed = _changed(old, new)
            if changed and new.sequence <= old.sequence:
                rep.add("feed_sequence", f"feed {name}: event {old.show()} changed its {', '.join(changed)} but "
                        f"SEQUENCE stayed {old.sequence} -> {new.sequence}", **who)
            elif new.sequence < old.sequence:
                rep.add("feed_sequence", f"feed {name}: event {old.show()} SEQUENCE went down", **who)
            if new.cancelled and not old.cancelled and new.description == old.description:
                rep.add("feed_cancelled_reason", f"feed {name}: event {old.show()} was cancelled without saying why "
                        "(its DESCRIPTION did not change)", **who)
    if previous is None:
        return
    for ev in feed.events:
        if ev.key not in before and plan.is_past(ev) and ev.instants not in open_house_times:
            rep.add("feed_held_added", f"feed {name}: event {ev.show()} dated before now was not in the feed "
                    "before (a held session is never added)", **who)


# --------------------------------------------------------------------------- parent feeds


def feed_language(feed: Feed, p: em.Parent) -> tuple[str, bool]:
    """(language, stated): the LANGUAGE of the feed's texts, else the family's preferred one."""
    for ev in feed.events:
        for tag in ev.languages:
            if tag:
                return tag, True
    cal_name = feed.calendar.get("NAME") or feed.calendar.get("X-WR-CALNAME")
    if cal_name is not None and cal_name.params.get("LANGUAGE"):
        return cal_name.params["LANGUAGE"], True
    return (p.languages[0] if p.languages else "en"), False


def meeting_languages(p: em.Parent, m: em.Mentor) -> list[str]:
    """The family's preferred language when the mentor speaks it, else the languages they share."""
    if p.languages and em.speaks(m.languages, p.languages[0]):
        return [em.primary(p.languages[0])]
    return [em.primary(t) for t in p.languages if em.speaks(m.languages, t)]


def contains(haystack: str, needle: str) -> bool:
    return fold_text(needle).strip() in fold_text(haystack)


def check_session_texts(name: str, plan: Plan, p: em.Parent, e, ev: Event, s: em.Session, lang: str,
                        stated: bool, rep: cs.Report, who: dict) -> None:
    prog, st = plan.prog, plan.prog.settings
    text = ev.summary + "\n" + ev.description
    m = prog.mentors[e.group.mentor]
    feed_lang = em.primary(lang)
    if feed_lang in LANGUAGE_NAMES:
        codes = meeting_languages(p, m)
        names = [n for code in codes for n in LANGUAGE_NAMES[feed_lang].get(code, [])]
        if len(names) < len(codes):
            rep.warnings.append(f"feed {name}: no {feed_lang} name known for meeting language(s) {codes}: not checked")
        elif names and not any(contains(text, n) for n in names):
            rep.add("feed_meeting_language", f"feed {name}: event {ev.show()} does not say the meeting is in "
                    f"{' / '.join(names)}", **who)
    check_contact(name, ev.description, f"event {ev.show()}", st, rep, who)
    if s.topic and prog.topics and s.topic in prog.topics:
        t = prog.topics[s.topic]
        titles = {t.text("title", lang)} if stated else {t.text("title", lang), t.text("title", "en")}
        if not any(ev.summary.strip().startswith(x) for x in titles if x):
            rep.add("feed_topic", f"feed {name}: event {ev.show()} SUMMARY {ev.summary!r} does not start with the "
                    f"topic's title {' / '.join(sorted(titles))!r}", **who)
        descs = {t.text("description", lang)} if stated else {t.text("description", lang),
                                                              t.text("description", "en")}
        # As written in topics.csv, scalar for scalar: a district's own text in the family's script.
        if any(descs) and not any(d.strip() in ev.description for d in descs if d):
            rep.add("feed_topic", f"feed {name}: event {ev.show()} DESCRIPTION lacks the topic's description "
                    "as topics.csv writes it", **who)


def check_contact(name: str, text: str, what: str, st: em.Settings, rep: cs.Report, who: dict) -> None:
    missing = [v for v in (st.coordinator_name, st.coordinator_email) if v and not contains(text, v)]
    if st.coordinator_phone and phone_digits(st.coordinator_phone) not in \
            {phone_digits(c) for c in PHONE.findall(text)}:
        missing.append(st.coordinator_phone)
    if missing:
        rep.add("feed_coordinator_contact", f"feed {name}: {what} does not say how to reach the coordinator "
                f"(missing {', '.join(missing)})", **who)


def check_waiting_list(name: str, plan: Plan, feed: Feed, previous: Feed | None, matched: bool, lang: str,
                       rep: cs.Report, who: dict) -> None:
    st, tz = plan.prog.settings, plan.prog.settings.tz
    active = [ev for ev in feed.events if ev.all_day and not ev.cancelled]
    if matched:
        for ev in active:
            rep.add("feed_waiting_list", f"feed {name}: the family has a group but all-day event {ev.show()} "
                    "(a waiting-list notice) is still active", **who)
        return
    if len(active) != 1:
        rep.add("feed_waiting_list", f"feed {name}: a family without a group needs one active all-day "
                f"waiting-list event, the feed has {len(active)}", **who)
    cal_desc = feed.calendar.text("DESCRIPTION")
    if not cal_desc.strip():
        rep.add("feed_waiting_list", f"feed {name}: a family without a group gets a calendar DESCRIPTION saying so",
                **who)
    words = WAITING_LIST_WORDS.get(em.primary(lang))
    for ev in active[:1]:
        if words and not any(contains(ev.summary + "\n" + ev.description, w) for w in words):
            rep.add("feed_waiting_list", f"feed {name}: waiting-list event {ev.show()} does not say "
                    f"{words[0]!r}", **who)
        if words and cal_desc and not any(contains(cal_desc, w) for w in words):
            rep.add("feed_waiting_list", f"feed {name}: calendar DESCRIPTION does not say {words[0]!r}", **who)
        check_contact(name, ev.description, f"waiting-list event {ev.show()}", st, rep, who)
        if plan.now is not None and ev.start > plan.now.astimezone(tz).date():
            rep.add("feed_waiting_list", f"feed {name}: waiting-list event is dated {ev.start}, after today", **who)
        old = [o for o in (previous.events if previous else []) if o.all_day and not o.cancelled]
        if old and (old[0].uid, old[0].start) != (ev.uid, ev.start):
            rep.add("feed_waiting_list", f"feed {name}: waiting-list event moved from {old[0].show()} to {ev.show()} "
                    "(it is dated the day the family was first published without a group)", **who)


def check_parent_feed(name: str, plan: Plan, pid: str, feed: Feed, previous: Feed | None, rep: cs.Report) -> None:
    prog, who = plan.prog, {"parent": pid}
    p = prog.parents[pid]
    e = plan.member_of.get(pid)
    lang, stated = feed_language(feed, p)
    active = defaultdict(list)
    for ev in feed.events:
        if not ev.cancelled and not ev.all_day:
            active[ev.instants].append(ev)
    open_houses = {(oh.start, oh.end) for oh in prog.open_houses.get(p.site, [])}
    future = e.future if e is not None and e.group is not None else []
    # A session may share its time with an open house (both are listed): count what each time needs.
    need = Counter((s.start, s.end) for s in future)
    need.update(k for k in open_houses if plan.now is None or k[0] >= plan.now)
    for s in future:
        evs = active.get((s.start, s.end), [])
        if len(evs) < need[(s.start, s.end)]:
            rep.add("feed_session_missing", f"feed {name}: group {e.gid}'s session {em.rfc3339(s.start)} is not an "
                    "active event", parent=pid, group=e.gid)
        if evs:
            check_session_event(name, plan, p, e, evs, s, lang, stated, rep, who)
    for start, end in sorted(open_houses):
        if (plan.now is None or start >= plan.now) and len(active.get((start, end), [])) < need[(start, end)] \
                and (start, end) not in {(s.start, s.end) for s in future}:
            rep.add("feed_open_house_missing", f"feed {name}: open house {em.rfc3339(start)} of site {p.site} is "
                    "missing", **who)
    held = {(s.start, s.end) for _, s in plan.held_for.get(pid, [])}
    # Held sessions stay (section 9), beside an open house at the same time: both are expected.
    held_need = Counter((s.start, s.end) for _, s in plan.held_for.get(pid, []))
    held_need.update(k for k in open_houses if plan.now is not None and k[0] < plan.now)
    for key, evs in active.items():
        if key in need or key in open_houses:
            allowed = max(need[key] + held_need[key], 1)
            if len(evs) > allowed:
                rep.add("feed_duplicate_event", f"feed {name}: {len(evs)} active events at {em.rfc3339(key[0])} for "
                        f"{allowed} planned", **who)
            continue
        for ev in evs:
            if not plan.is_past(ev):
                rep.add("feed_unexpected_event", f"feed {name}: active event {ev.show()} is neither a session of the "
                        "family's group from now on nor an open house of their site (cancel it)", **who)
            elif previous is None and key not in held:
                rep.add("feed_held_added", f"feed {name}: event {ev.show()} dated before now is not a session held "
                        "for this family", **who)
    check_waiting_list(name, plan, feed, previous, e is not None, lang, rep, who)
    check_history(name, plan, feed, previous, open_houses, rep, who)


def check_session_event(name: str, plan: Plan, p: em.Parent, e, evs: list[Event], s: em.Session, lang: str,
                        stated: bool, rep: cs.Report, who: dict) -> None:
    """The texts of a session's event; when an open house shares its time, one of the events must pass."""
    first = None
    for ev in evs:
        scratch = cs.Report()
        check_session_texts(name, plan, p, e, ev, s, lang, stated, scratch, who)
        if not scratch.violations:
            return
        first = first or scratch
    rep.violations.extend(first.violations)


def check_mentor_feed(name: str, plan: Plan, mid: str, feed: Feed, previous: Feed | None, rep: cs.Report) -> None:
    who = {"mentor": mid}
    active = {ev.instants for ev in feed.events if not ev.cancelled and not ev.all_day}
    m = plan.prog.mentors[mid]
    open_houses = {(oh.start, oh.end) for site in m.sites for oh in plan.prog.open_houses.get(site, [])}
    planned = set(open_houses)
    for e in plan.entries:
        if e.group is None or e.group.mentor != mid or not e.members:
            continue
        for s in e.future:
            planned.add((s.start, s.end))
            if (s.start, s.end) not in active:
                rep.add("feed_session_missing", f"feed {name}: group {e.gid}'s session {em.rfc3339(s.start)} is not "
                        "an active event of the mentor's feed", mentor=mid, group=e.gid)
    for ev in feed.events:
        if not ev.cancelled and not ev.all_day and not plan.is_past(ev) and ev.instants not in planned:
            rep.add("feed_unexpected_event", f"feed {name}: active event {ev.show()} is not a session of the "
                    "mentor's groups from now on nor an open house of their sites", **who)
    check_history(name, plan, feed, previous, open_houses, rep, who)


# --------------------------------------------------------------------------- cross-parser check

# The texts a family reads: every parser must read them as the file has them, scalar for scalar (a
# fold, an escape or an encoding a client reads otherwise changes what the family sees).
TEXT_PROPS = ("SUMMARY", "DESCRIPTION", "LOCATION")


def _when(t) -> str:
    return t.isoformat() if not isinstance(t, dt.datetime) else t.astimezone(UTC).isoformat()


def _occ(uid, start, end, status) -> tuple:
    return (str(uid), _when(start), _when(end), str(status or "").upper())


def occurrences_of(events: list[Event]) -> set[tuple]:
    return {_occ(ev.uid, ev.start, ev.end, ev.status) for ev in events}


def texts_own(cal: Component) -> dict[tuple, tuple]:
    """(UID, DTSTART) of each VEVENT -> its SUMMARY, DESCRIPTION and LOCATION as this checker reads
    them: the file's bytes as UTF-8, unfolded and unescaped (RFC 5545 3.1, 3.3.11)."""
    return {(c.text("UID"), _when(parse_when(c.get("DTSTART"), set()))): tuple(c.text(n) for n in TEXT_PROPS)
            for c in cal.children if c.name == "VEVENT" and c.get("DTSTART") is not None}


def read_icalendar(raw: bytes) -> tuple[set, dict]:
    """Occurrences (expanded by recurring-ical-events) and texts as `icalendar` reads them."""
    import icalendar

    cal = icalendar.Calendar.from_ical(raw)
    texts = {(str(c.get("UID")), _when(c.get("DTSTART").dt)): tuple(str(c.get(n, "")) for n in TEXT_PROPS)
             for c in cal.walk("VEVENT") if c.get("DTSTART") is not None}
    return occurrences_of(events_icalendar(raw, calendar=cal)), texts


def read_ical(text: str) -> tuple[set, dict]:
    """Occurrences and texts as Home Assistant's `ical` reads them."""
    from ical.calendar_stream import IcsCalendarStream

    cal = IcsCalendarStream.calendar_from_ics(text)
    out = set()
    items = cal.events if not any(ev.rrule or ev.rdate for ev in cal.events) else list(cal.timeline)
    for ev in items:
        start, end = ev.dtstart, ev.dtend or ev.end
        status = ev.status.value if ev.status is not None and hasattr(ev.status, "value") else (ev.status or "")
        out.add(_occ(ev.uid, start, end, status))
    texts = {(str(ev.uid), _when(ev.dtstart)): (ev.summary or "", ev.description or "", ev.location or "")
             for ev in cal.events}
    return out, texts


def read_vobject(text: str) -> tuple[set, dict]:
    """Occurrences and texts as `vobject` reads them."""
    import vobject
    import vobject.icalendar

    # vobject keeps every VTIMEZONE it has read in one process-wide table keyed by TZID, so a
    # feed's own zone would be ignored after another feed's: each feed starts from an empty table.
    getattr(vobject.icalendar, "__tzidMap").clear()
    cal = vobject.readOne(text)
    out, texts = set(), {}
    for ev in getattr(cal, "vevent_list", []):
        start = ev.dtstart.value
        if hasattr(ev, "dtend"):
            end = ev.dtend.value
        elif hasattr(ev, "duration"):
            end = start + ev.duration.value
        else:
            end = start if isinstance(start, dt.datetime) else start + dt.timedelta(days=1)
        status = ev.status.value if hasattr(ev, "status") else ""
        uid = ev.uid.value
        if hasattr(ev, "rrule") or hasattr(ev, "rdate"):
            for occ in ev.getrruleset(addRDate=True):
                out.add(_occ(uid, occ, occ + (end - start), status))
        else:
            out.add(_occ(uid, start, end, status))
        texts[(uid, _when(start))] = tuple(getattr(ev, n.lower()).value if hasattr(ev, n.lower()) else ""
                                           for n in TEXT_PROPS)
    return out, texts


def first_difference(expected: str, got: str) -> str:
    """Where two texts part, by Unicode scalar: "at scalar 41: U+0A3F where the file has U+0020"."""
    i = next((k for k, (a, b) in enumerate(zip(expected, got)) if a != b), min(len(expected), len(got)))
    seen = f"U+{ord(got[i]):04X}" if i < len(got) else "the end of the text"
    wanted = f"U+{ord(expected[i]):04X}" if i < len(expected) else "the end of the text"
    return f"at scalar {i}: {seen} where the file has {wanted} (…{expected[max(0, i - 12):i + 12]!r}…)"


def compare_texts(name: str, label: str, texts: dict, reference: dict, rep: cs.Report, who: dict) -> None:
    """Every event's SUMMARY, DESCRIPTION and LOCATION, scalar for scalar, against the file's."""
    found = 0
    for key in sorted(reference):
        got = texts.get(key)
        if got is None:
            continue  # an event a parser does not see is reported with the occurrences
        for prop, want, have in zip(TEXT_PROPS, reference[key], got):
            if want != have and found < 3:
                found += 1
                rep.add("feed_cross_parser_text", f"feed {name}: {label} reads the {prop} of event {key[0]} "
                        f"({key[1]}) differently from the file, {first_difference(want, have)}", **who)


def cross_parse(name: str, feed: Feed, rep: cs.Report, who: dict) -> None:
    """Occurrences (UID, start, end, status) by four parsers, which must agree, and the texts of
    every event as three other parsers read them, which must be the file's exactly."""
    raw = feed.raw
    text = raw.decode("utf-8", errors="replace")
    results = {"this checker": occurrences_of(read_feed(raw).events)}
    for label, fn in (("icalendar+recurring-ical-events", lambda: read_icalendar(raw)),
                      ("ical", lambda: read_ical(text)), ("vobject", lambda: read_vobject(text))):
        try:
            occurrences, texts = fn()
        except ImportError as exc:
            rep.warnings.append(f"--cross-parsers: {label} is not installed ({exc}); pip install ical vobject")
            continue
        except Exception as exc:  # a parser that cannot read the feed is itself a finding
            rep.add("feed_cross_parsers", f"feed {name}: {label} cannot read it: {exc}", **who)
            continue
        results[label] = occurrences
        compare_texts(name, label, texts, texts_own(feed.calendar), rep, who)
    ref_label = "icalendar+recurring-ical-events"
    ref = results.get(ref_label)
    if ref is None:
        return
    for label, occ in results.items():
        if label == ref_label:
            continue
        for item in sorted(occ - ref)[:3]:
            rep.add("feed_cross_parsers", f"feed {name}: {label} sees occurrence {item} that {ref_label} does not",
                    **who)
        for item in sorted(ref - occ)[:3]:
            rep.add("feed_cross_parsers", f"feed {name}: {ref_label} sees occurrence {item} that {label} does not",
                    **who)


# --------------------------------------------------------------------------- driver


def load_feed(path: str, name: str, parser: str, rep: cs.Report, who: dict, lines: bool = True) -> Feed | None:
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        rep.add("feed_unreadable", f"feed {name}: {exc}", **who)
        return None
    if lines:
        check_lines(name, raw, rep, who)
    try:
        return read_feed(raw, parser)
    except (FeedError, ValueError) as exc:
        rep.add("feed_unreadable", f"feed {name}: {exc}", **who)
        return None


def check(root: str, sched: dict, *, now: dt.datetime | None = None, previous_dir: str | None = None,
          parser: str = "own", cross_parsers: bool = False) -> cs.Report:
    rep = cs.Report()
    prog = em.load_program(root)
    st = prog.settings
    plan = build_plan(prog, sched, now, rep)
    rows = read_feeds_csv(root, rep)
    base = st.feed_base_url
    if not base and rows:
        base = rows[0].url[: -len(rows[0].token + ".ics")] if rows[0].url.endswith(rows[0].token + ".ics") else ""
        rep.warnings.append(f"enlace.toml has no feed_base_url; taken from out/feeds.csv as {base!r}")
    host = urlparse(base).hostname or ""
    check_feeds_csv(prog, rows, st.feed_base_url, rep)
    privacy = Privacy(prog, st.coordinator_email, st.coordinator_phone)
    for r in rows:
        who = {r.kind: r.id} if r.kind in ("parent", "mentor") else {}
        name = f"{r.kind} {r.id}"
        path = r.path if os.path.isabs(r.path) else os.path.join(root, r.path)
        feed = load_feed(path, name, parser, rep, who)
        if feed is None:
            continue
        previous = None
        if previous_dir is not None:
            prev_path = os.path.join(previous_dir, r.token + ".ics")
            previous = load_feed(prev_path, name + " (previous)", parser, rep, who, lines=False) \
                if os.path.exists(prev_path) else Feed(Component("VCALENDAR"), [], set(), b"")
        check_generic(name, plan, feed, host, rep, who)
        check_recordings(name, plan, feed, rep, who, feed_scope(plan, r.kind, r.id))
        if r.kind == "parent" and r.id in prog.parents:
            check_privacy(name, feed, privacy, r.id, True, rep, who)
            check_parent_feed(name, plan, r.id, feed, previous, rep)
        elif r.kind == "mentor" and r.id in prog.mentors:
            check_privacy(name, feed, privacy, None, False, rep, who)
            check_mentor_feed(name, plan, r.id, feed, previous, rep)
        else:
            check_privacy(name, feed, privacy, None, True, rep, who)
            check_history(name, plan, feed, previous, set(), rep, who)
        if cross_parsers:
            cross_parse(name, feed, rep, who)
    return rep


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Check Enlace's calendar feeds against the plan and the spec.")
    ap.add_argument("program_dir")
    ap.add_argument("--schedule", help="schedule file (default PROGRAM_DIR/out/schedule.json)")
    ap.add_argument("--previous-feeds", help="a copy of calendars/feeds from before the run")
    ap.add_argument("--now", help="the run's now, RFC 3339; default: what the schedule's held flags imply")
    ap.add_argument("--parser", choices=("own", "icalendar"), default="own",
                    help="read feeds with this checker's reader (fast) or with icalendar + recurring-ical-events")
    ap.add_argument("--cross-parsers", action="store_true",
                    help="also parse every feed with icalendar+recurring-ical-events, ical and vobject and compare "
                    "their (UID, start, end, status) occurrences and every event's texts")
    ap.add_argument("--json", action="store_true", help="print {ok, violations, warnings} as JSON")
    a = ap.parse_args(argv)
    try:
        now = cs.parse_instant(a.now) if a.now else None
    except ValueError as exc:
        print(f"check_feeds: --now: {exc}", file=sys.stderr)
        return 2
    path = a.schedule or os.path.join(a.program_dir, "out", "schedule.json")
    # Parsing builds a few million small objects that live until their feed is checked; the cyclic
    # collector's repeated passes over them cost more than the run's memory (about 100 MB).
    gc.disable()
    try:
        with open(path, encoding="utf-8") as fh:
            sched = json.load(fh)
        rep = check(a.program_dir, sched, now=now, previous_dir=a.previous_feeds, parser=a.parser,
                    cross_parsers=a.cross_parsers)
    except (OSError, json.JSONDecodeError, em.ProgramError) as exc:
        print(f"check_feeds: cannot read input: {exc}", file=sys.stderr)
        return 2
    ok = not rep.violations
    if a.json:
        print(json.dumps({"ok": ok, "violations": rep.violations, "warnings": rep.warnings}, indent=2,
                         sort_keys=True))
        return 0 if ok else 1
    for w in rep.warnings:
        print(f"warning: {w}")
    if ok:
        print("OK: no violations")
        return 0
    by_rule: dict[str, list] = defaultdict(list)
    for v in rep.violations:
        by_rule[v["rule"]].append(v)
    print(f"FAILED: {len(rep.violations)} violation(s)")
    for rule in sorted(by_rule):
        print(f"[{rule}] {len(by_rule[rule])}")
        for v in by_rule[rule]:
            print(f"  - {v['message']}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
