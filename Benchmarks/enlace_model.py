"""Independent Python reading of an Enlace program folder (docs: /work/shared/spec/PROGRAM.md).

Written from the spec only (sections 2-6, 8-11), for the tools in this folder:
`check_schedule.py` (verifies out/schedule.json and its CSV companions), `check_feeds.py`,
`check_participation.py` and `mip_reference.py` (solves the exact MIP with HiGHS). Nothing here
imports or mirrors the Swift sources.

Conventions (where the spec leaves a choice, see README.md "Interpretations"):
- wall-clock times are in the program's time zone (zoneinfo);
- a weekly session starts at its local wall-clock slot time on its date and lasts D minutes
  of real (absolute) time; open-house sessions are anchored on absolute instants as well;
- every interval is half-open [start, end).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import tomllib
from dataclasses import dataclass, field
from typing import Iterable
from zoneinfo import ZoneInfo

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]  # index == date.weekday()
MODES = ("in_person", "virtual")
CADENCES = ("monthly", "biweekly", "weekly")
ANCHORS = ("after", "before")

DEFAULT_WEIGHTS = {
    "matched": 100,
    "preferred_language": 10,
    "open_house": 15,
    "shared_topic": 2,
    "shared_topic_cap": 3,
    "continuity": 50,
    "same_group": 30,
    "group": -20,
}
# Weight keys that are objective terms (shared_topic_cap is a parameter, not a term).
TERM_KEYS = ("matched", "preferred_language", "open_house", "shared_topic", "continuity", "same_group", "group")

DEFAULT_SETTINGS = {
    "session_minutes": 60,
    "slot_step_minutes": 30,
    "max_group_size": 8,
    "max_groups_per_mentor": 2,
    "cadence": "monthly",
    "anchor": "after",
    "feed_base_url": "",
    "virtual_meeting_url": "",
    "coordinator_name": "",
    "coordinator_phone": "",
    "coordinator_email": "",
    "report_language": "en",
}
DEFAULT_RANK_WEIGHTS = [5, 4, 3, 2, 1]
DEFAULT_REQUIRED_WEIGHT = 1000
DEFAULT_MIN_VIRTUAL_MINUTES = 15
# parents.csv / mentors.csv columns the spec names; any other column is a custom attribute.
PARENT_COLUMNS = {"id", "name", "email", "phone", "languages", "site", "modes", "availability", "open_house",
                  "topics"}
MENTOR_COLUMNS = PARENT_COLUMNS - {"site"} | {"sites", "capacity"}


class ProgramError(Exception):
    """The program folder cannot be read."""


# --------------------------------------------------------------------------- data


@dataclass
class Settings:
    name: str
    timezone: str
    term_start: dt.date
    term_end: dt.date
    session_minutes: int = 60
    slot_step_minutes: int = 30
    max_group_size: int = 8
    max_groups_per_mentor: int = 2
    cadence: str = "monthly"
    anchor: str = "after"
    weights: dict = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    plugins: dict = field(default_factory=dict)
    feed_base_url: str = ""
    virtual_meeting_url: str = ""
    coordinator_name: str = ""
    coordinator_phone: str = ""
    coordinator_email: str = ""
    report_language: str = "en"
    rank_weights: list = field(default_factory=lambda: list(DEFAULT_RANK_WEIGHTS))
    required_weight: float = DEFAULT_REQUIRED_WEIGHT
    min_virtual_minutes: float = DEFAULT_MIN_VIRTUAL_MINUTES

    def plugin_enabled(self, name: str) -> bool:
        """A built-in plugin is off only with `[plugins.NAME] enabled = false` (spec section 5)."""
        table = self.plugins.get(name)
        return not (isinstance(table, dict) and table.get("enabled") is False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass
class Person:
    id: str
    name: str
    languages: list[str]
    modes: list[str]
    windows: dict[int, list[tuple[int, int]]]  # weekday -> merged [start, end) minutes
    open_house: bool
    topics: list[str]
    line: int
    email: str = ""
    phone: str = ""
    custom: dict = field(default_factory=dict)  # columns the spec does not name, as text


@dataclass
class Mentor(Person):
    sites: list[str] = field(default_factory=list)
    capacity: int = 0


@dataclass
class Parent(Person):
    site: str = ""


@dataclass
class OpenHouse:
    site: str
    start: dt.datetime  # aware, program tz
    end: dt.datetime
    summary: str = ""

    @property
    def date(self) -> dt.date:
        return self.start.date()


@dataclass
class Session:
    start: dt.datetime  # aware, program tz
    end: dt.datetime
    held: bool = False  # section 9: started before "now"
    parents: list | None = None  # held sessions: the ids it was held for
    topic: str | None = None  # section 10


@dataclass
class Topic:
    """One row of data/topics.csv (spec section 10)."""

    id: str
    title: str
    description: str
    required: bool
    window_from: tuple[int, int] | None  # (month, day)
    window_until: tuple[int, int] | None
    titles: dict[str, str]  # BCP 47 tag -> translated title
    descriptions: dict[str, str]
    line: int

    def in_window(self, day: dt.date, term: tuple[dt.date, dt.date] | None = None) -> bool:
        """`from`..`until` bound the local date; from > until wraps around the new year.

        A missing bound is the term's end on that side (interpretation 12): in an August–June
        term, `until = 03-31` alone is August to March and `from = 01-15` alone January to June.
        Without a term, a missing bound is the calendar year's end."""
        md = (day.month, day.day)
        lo, hi = self.window_from, self.window_until
        if lo is None and hi is None:
            return True
        if lo is None:
            if term is None:
                return md <= hi
            lo = (term[0].month, term[0].day)
        if hi is None:
            if term is None:
                return md >= lo
            hi = (term[1].month, term[1].day)
        if lo <= hi:
            return lo <= md <= hi
        return md >= lo or md <= hi

    def text(self, kind: str, language: str) -> str:
        """Title or description in a feed language: the @TAG column whose primary subtag matches,
        else the plain column. When several match (`zh-Hans`, `zh-Hant`), the one whose whole tag
        is the feed's language (case ignored), else the first in column order (interpretation 12)."""
        table = self.titles if kind == "title" else self.descriptions
        plain = self.title if kind == "title" else self.description
        filled = [tag for tag in table if table[tag].strip()]
        for tag in filled:
            if tag.lower() == language.lower():
                return table[tag]
        for tag in filled:
            if primary(tag) == primary(language):
                return table[tag]
        return plain


@dataclass
class Group:
    """A candidate (or reported) group."""

    mentor: str
    kind: str  # weekly | open_house
    mode: str  # in_person | virtual
    site: str | None
    weekday: int | None  # weekly only
    start: int | None  # minutes from 00:00, weekly only
    minutes: int
    sessions: list[Session]

    @property
    def key(self) -> tuple:
        return (self.mentor, self.kind, self.mode, self.site, self.weekday, self.start)

    def label(self) -> str:
        where = self.site if self.site else "virtual"
        if self.kind == "weekly":
            return f"{self.mentor}/weekly/{DAYS[self.weekday]} {fmt_minutes(self.start)}/{self.mode}@{where}"
        return f"{self.mentor}/open_house/{where}"


@dataclass
class Program:
    root: str
    settings: Settings
    sites: dict[str, dict]
    mentors: dict[str, Mentor]
    parents: dict[str, Parent]
    blackouts: set[dt.date]
    open_houses: dict[str, list[OpenHouse]]
    warnings: list[str]
    topics: dict[str, Topic] | None = None  # None: no data/topics.csv (sessions have no topic)


# --------------------------------------------------------------------------- helpers


def fmt_minutes(m: int) -> str:
    return f"{m // 60:02d}:{m % 60:02d}"


def parse_hhmm(text: str) -> int:
    mt = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", text)
    if not mt:
        raise ValueError(f"not a HH:MM time: {text!r}")
    h, m = int(mt.group(1)), int(mt.group(2))
    if m >= 60 or h > 24 or (h == 24 and m != 0):
        raise ValueError(f"not a valid time: {text!r}")
    return h * 60 + m


def split_list(cell: str | None) -> list[str]:
    if cell is None:
        return []
    return [p.strip() for p in cell.split(";") if p.strip()]


def parse_availability(cell: str | None) -> dict[int, list[tuple[int, int]]]:
    """`TU 18:00-20:00; SA 09:00-12:00` -> {1: [(1080, 1200)], 5: [(540, 720)]}, merged per day."""
    raw: dict[int, list[tuple[int, int]]] = {}
    for part in split_list(cell):
        mt = re.fullmatch(r"([A-Za-z]{2})\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})", part)
        if not mt:
            raise ValueError(f"availability window {part!r} is not like 'TU 18:00-20:00'")
        day = mt.group(1).upper()
        if day not in DAYS:
            raise ValueError(f"unknown day {mt.group(1)!r} in {part!r}")
        s, e = parse_hhmm(mt.group(2)), parse_hhmm(mt.group(3))
        if e <= s:
            raise ValueError(f"window {part!r} does not end after it starts")
        raw.setdefault(DAYS.index(day), []).append((s, e))
    merged: dict[int, list[tuple[int, int]]] = {}
    for day, wins in raw.items():
        wins.sort()
        out: list[list[int]] = []
        for s, e in wins:
            if out and s <= out[-1][1]:  # overlap or touch
                out[-1][1] = max(out[-1][1], e)
            else:
                out.append([s, e])
        merged[day] = [(s, e) for s, e in out]
    return merged


def slot_in_windows(windows: dict[int, list[tuple[int, int]]], day: int, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in windows.get(day, []))


def session_in_windows(windows, session: Session, tz) -> bool:
    """The session lies inside one weekly window of its local start day (wall-clock minutes)."""
    s = session.start.astimezone(tz)
    e = session.end.astimezone(tz)
    start_min = s.hour * 60 + s.minute
    if e.date() == s.date():
        end_min = e.hour * 60 + e.minute + (1 if (e.second or e.microsecond) else 0)
    elif e.date() == s.date() + dt.timedelta(days=1) and e.time() == dt.time(0, 0):
        end_min = 24 * 60
    else:
        return False
    return slot_in_windows(windows, s.weekday(), start_min, end_min)


def primary(tag: str) -> str:
    return tag.split("-")[0].split("_")[0].strip().lower()


def share_language(a: Iterable[str], b: Iterable[str]) -> bool:
    pa = {primary(t) for t in a}
    return any(primary(t) in pa for t in b)


def speaks(mentor_langs: Iterable[str], tag: str) -> bool:
    return primary(tag) in {primary(t) for t in mentor_langs}


def parse_date(value, key: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ProgramError(f"enlace.toml: {key} is not a date: {value!r}")


def local_dt(day: dt.date, minutes: int, tz) -> dt.datetime:
    """Local wall-clock time `minutes` (< 24h) after 00:00 on `day`, as an aware datetime."""
    return dt.datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=tz)


def add_minutes(t: dt.datetime, minutes: int, tz) -> dt.datetime:
    """Absolute-time addition (Python's aware arithmetic is wall-clock), result in tz."""
    return (t.astimezone(dt.timezone.utc) + dt.timedelta(minutes=minutes)).astimezone(tz)


def rfc3339(t: dt.datetime) -> str:
    return t.isoformat(timespec="seconds")


def session_dates_touched(s: Session, tz) -> list[dt.date]:
    """Local dates a session touches (half-open)."""
    a = s.start.astimezone(tz)
    b = s.end.astimezone(tz)
    last = (b - dt.timedelta(microseconds=1)).date() if b > a else a.date()
    out, d = [], a.date()
    while d <= last:
        out.append(d)
        d += dt.timedelta(days=1)
    return out


# --------------------------------------------------------------------------- reading


def read_settings(root: str) -> Settings:
    path = os.path.join(root, "enlace.toml")
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ProgramError(f"{path}: missing")
    except tomllib.TOMLDecodeError as exc:
        raise ProgramError(f"{path}: {exc}")
    for key in ("name", "timezone", "term_start", "term_end"):
        if key not in data:
            raise ProgramError(f"{path}: {key} is missing")
    st = Settings(
        name=str(data["name"]),
        timezone=str(data["timezone"]),
        term_start=parse_date(data["term_start"], "term_start"),
        term_end=parse_date(data["term_end"], "term_end"),
    )
    for key, default in DEFAULT_SETTINGS.items():
        setattr(st, key, data.get(key, default))
    weights = dict(DEFAULT_WEIGHTS)
    weights.update(data.get("weights", {}) or {})
    st.weights = weights
    st.plugins = data.get("plugins", {}) or {}
    curriculum = data.get("curriculum", {}) or {}
    st.rank_weights = list(curriculum.get("rank_weights", DEFAULT_RANK_WEIGHTS))
    st.required_weight = curriculum.get("required_weight", DEFAULT_REQUIRED_WEIGHT)
    if not st.rank_weights:
        raise ProgramError(f"{path}: [curriculum] rank_weights is empty")
    participation = data.get("participation", {}) or {}
    st.min_virtual_minutes = participation.get("min_virtual_minutes", DEFAULT_MIN_VIRTUAL_MINUTES)
    try:
        ZoneInfo(st.timezone)
    except Exception:
        raise ProgramError(f"{path}: unknown timezone {st.timezone!r}")
    if st.cadence not in CADENCES:
        raise ProgramError(f"{path}: cadence {st.cadence!r} not in {CADENCES}")
    if st.anchor not in ANCHORS:
        raise ProgramError(f"{path}: anchor {st.anchor!r} not in {ANCHORS}")
    return st


def read_csv(path: str) -> list[tuple[int, dict[str, str]]]:
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except FileNotFoundError:
        raise ProgramError(f"{path}: missing")
    text = raw.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = list(reader)
    if not rows:
        raise ProgramError(f"{path}: empty (no header row)")
    header = [h.strip() for h in rows[0]]
    out = []
    for i, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        out.append((i, {h: (row[j] if j < len(row) else "") for j, h in enumerate(header)}))
    return out


def _yes(cell: str | None, where: str) -> bool:
    v = (cell or "").strip().lower()
    if v in ("", "no"):
        return False
    if v == "yes":
        return True
    raise ProgramError(f"{where}: open_house must be yes or no, not {cell!r}")


def _person_fields(path, line, row):
    where = f"{path} line {line}"
    pid = (row.get("id") or "").strip()
    if not pid:
        raise ProgramError(f"{where}: id is empty")
    modes = split_list(row.get("modes"))
    for m in modes:
        if m not in MODES:
            raise ProgramError(f"{where}: mode {m!r} not in {MODES}")
    try:
        windows = parse_availability(row.get("availability"))
    except ValueError as exc:
        raise ProgramError(f"{where}: availability: {exc}")
    return dict(
        id=pid,
        name=(row.get("name") or "").strip(),
        languages=split_list(row.get("languages")),
        modes=modes,
        windows=windows,
        open_house=_yes(row.get("open_house"), where),
        topics=split_list(row.get("topics")),
        line=line,
        email=(row.get("email") or "").strip(),
        phone=(row.get("phone") or "").strip(),
    )


def _custom(row: dict[str, str], known: set[str]) -> dict[str, str]:
    return {k: v for k, v in row.items() if k not in known}


def read_people(root: str):
    sites: dict[str, dict] = {}
    p = os.path.join(root, "data", "sites.csv")
    for line, row in read_csv(p):
        sid = (row.get("id") or "").strip()
        if not sid:
            raise ProgramError(f"{p} line {line}: id is empty")
        if sid in sites:
            raise ProgramError(f"{p} line {line}: duplicate id {sid!r}")
        sites[sid] = row
    mentors: dict[str, Mentor] = {}
    p = os.path.join(root, "data", "mentors.csv")
    for line, row in read_csv(p):
        f = _person_fields(p, line, row)
        try:
            cap = int((row.get("capacity") or "").strip())
        except ValueError:
            raise ProgramError(f"{p} line {line}: capacity {row.get('capacity')!r} is not an integer")
        if f["id"] in mentors:
            raise ProgramError(f"{p} line {line}: duplicate id {f['id']!r}")
        mentors[f["id"]] = Mentor(**f, sites=split_list(row.get("sites")), capacity=cap,
                                  custom=_custom(row, MENTOR_COLUMNS))
    parents: dict[str, Parent] = {}
    p = os.path.join(root, "data", "parents.csv")
    for line, row in read_csv(p):
        f = _person_fields(p, line, row)
        if f["id"] in parents:
            raise ProgramError(f"{p} line {line}: duplicate id {f['id']!r}")
        parents[f["id"]] = Parent(**f, site=(row.get("site") or "").strip(), custom=_custom(row, PARENT_COLUMNS))
    return sites, mentors, parents


def _load_ics(path: str):
    import icalendar

    with open(path, "rb") as fh:
        return icalendar.Calendar.from_ical(fh.read())


def _occurrences(cal, start: dt.date, end_exclusive: dt.date):
    import recurring_ical_events

    return list(recurring_ical_events.of(cal).between(start, end_exclusive))


def _component_times(ev, tz):
    """(start, end, all_day) with aware datetimes in tz for timed events, dates for all-day."""
    start = ev.get("DTSTART").dt
    end_prop = ev.get("DTEND")
    dur = ev.get("DURATION")
    if isinstance(start, dt.datetime):
        if start.tzinfo is None:
            start = start.replace(tzinfo=tz)  # floating time: program zone
        start = start.astimezone(tz)
        if end_prop is not None:
            end = end_prop.dt
            if not isinstance(end, dt.datetime):
                end = dt.datetime.combine(end, dt.time(), tzinfo=tz)
            if end.tzinfo is None:
                end = end.replace(tzinfo=tz)
            end = end.astimezone(tz)
        elif dur is not None:
            end = (start.astimezone(dt.timezone.utc) + dur.dt).astimezone(tz)
        else:
            end = start
        return start, end, False
    # all-day
    if end_prop is not None:
        end = end_prop.dt
        if isinstance(end, dt.datetime):
            end = end.date()
    elif dur is not None:
        end = start + dt.timedelta(days=max(1, dur.dt.days))
    else:
        end = start + dt.timedelta(days=1)
    if end <= start:
        end = start + dt.timedelta(days=1)
    return start, end, True


def _cancelled(ev) -> bool:
    return str(ev.get("STATUS", "")).upper() == "CANCELLED"


def read_blackouts(root: str, st: Settings, warnings: list[str]) -> set[dt.date]:
    path = os.path.join(root, "calendars", "blackouts.ics")
    if not os.path.exists(path):
        warnings.append(f"{path}: missing; no blackout days")
        return set()
    tz = st.tz
    cal = _load_ics(path)
    days: set[dt.date] = set()
    lo = st.term_start - dt.timedelta(days=2)
    hi = st.term_end + dt.timedelta(days=3)
    for ev in _occurrences(cal, lo, hi):
        if _cancelled(ev):
            continue
        start, end, all_day = _component_times(ev, tz)
        if all_day:
            d = start
            while d < end:
                days.add(d)
                d += dt.timedelta(days=1)
        else:
            for d in session_dates_touched(Session(start, end), tz):
                days.add(d)
    return days


def read_open_houses(root: str, st: Settings, sites: dict, warnings: list[str]) -> dict[str, list[OpenHouse]]:
    folder = os.path.join(root, "calendars", "open-houses")
    out: dict[str, list[OpenHouse]] = {}
    if not os.path.isdir(folder):
        return out
    tz = st.tz
    for fname in sorted(os.listdir(folder)):
        if not fname.endswith(".ics"):
            continue
        site = fname[: -len(".ics")]
        if site not in sites:
            warnings.append(f"{fname}: no site {site!r} in sites.csv; ignored")
            continue
        cal = _load_ics(os.path.join(folder, fname))
        lo = st.term_start - dt.timedelta(days=2)
        hi = st.term_end + dt.timedelta(days=3)
        seen = set()
        for ev in _occurrences(cal, lo, hi):
            if _cancelled(ev):
                continue
            start, end, all_day = _component_times(ev, tz)
            if all_day:
                warnings.append(f"{fname}: all-day event {str(ev.get('SUMMARY', ''))!r} on {start} ignored")
                continue
            if not (st.term_start <= start.date() <= st.term_end):
                continue
            k = (start, end)
            if k in seen:
                continue
            seen.add(k)
            out.setdefault(site, []).append(OpenHouse(site, start, end, str(ev.get("SUMMARY", ""))))
        if site in out:
            out[site].sort(key=lambda o: (o.start, o.end))
    return out


def load_program(root: str) -> Program:
    st = read_settings(root)
    warnings: list[str] = []
    sites, mentors, parents = read_people(root)
    blackouts = read_blackouts(root, st, warnings)
    ohs = read_open_houses(root, st, sites, warnings)
    topics = read_topics(root)
    return Program(root, st, sites, mentors, parents, blackouts, ohs, warnings, topics)


def _month_day(cell: str, where: str) -> tuple[int, int] | None:
    cell = (cell or "").strip()
    if not cell:
        return None
    mt = re.fullmatch(r"(\d{2})-(\d{2})", cell)
    if not mt:
        raise ProgramError(f"{where}: {cell!r} is not MM-DD")
    month, day = int(mt.group(1)), int(mt.group(2))
    try:
        dt.date(2024, month, day)  # a leap year, so 02-29 is a valid bound
    except ValueError:
        raise ProgramError(f"{where}: {cell!r} is not a day of the year")
    return month, day


def read_topics(root: str) -> dict[str, Topic] | None:
    """data/topics.csv (spec section 10), or None when the program has none."""
    path = os.path.join(root, "data", "topics.csv")
    if not os.path.exists(path):
        return None
    topics: dict[str, Topic] = {}
    for line, row in read_csv(path):
        where = f"{path} line {line}"
        tid = (row.get("id") or "").strip()
        if not tid:
            raise ProgramError(f"{where}: id is empty")
        if tid in topics:
            raise ProgramError(f"{where}: duplicate id {tid!r}")
        required = (row.get("required") or "").strip().lower()
        if required not in ("", "yes", "no"):
            raise ProgramError(f"{where}: required must be yes or no, not {row.get('required')!r}")
        titles = {k.split("@", 1)[1]: v.strip() for k, v in row.items() if k.startswith("title@")}
        descriptions = {k.split("@", 1)[1]: v.strip() for k, v in row.items() if k.startswith("description@")}
        topics[tid] = Topic(tid, (row.get("title") or "").strip(), (row.get("description") or "").strip(),
                            required == "yes", _month_day(row.get("from"), f"{where} column from"),
                            _month_day(row.get("until"), f"{where} column until"), titles, descriptions, line)
    return topics


def keep_apart_pairs(prog: Program) -> set[frozenset]:
    """Pairs of parent ids that never share a group (spec section 8, built-in `keep_apart`):
    the parents.csv custom column `keep_apart_from`, read symmetrically. Empty when the plugin is
    switched off."""
    if not prog.settings.plugin_enabled("keep_apart"):
        return set()
    pairs = set()
    for pid, p in prog.parents.items():
        for other in split_list(p.custom.get("keep_apart_from")):
            if other != pid:
                pairs.add(frozenset((pid, other)))
    return pairs


# --------------------------------------------------------------------------- sessions


def nominal_dates(st: Settings, weekday: int) -> list[dt.date]:
    """Nominal dates of a weekly group (before the term filter), month by month."""
    out = []
    y, m = st.term_start.year, st.term_start.month
    while (y, m) <= (st.term_end.year, st.term_end.month):
        first = dt.date(y, m, 1)
        d = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
        occ = []
        while d.month == m:
            occ.append(d)
            d += dt.timedelta(days=7)
        if st.cadence == "monthly":
            occ = occ[:1]
        elif st.cadence == "biweekly":
            occ = [occ[i] for i in (0, 2) if i < len(occ)]
        out.extend(occ)
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def weekly_session_dates(st: Settings, weekday: int, blackouts: set[dt.date]) -> list[dt.date]:
    nominal = [d for d in nominal_dates(st, weekday) if st.term_start <= d <= st.term_end]
    nominal_set = set(nominal)
    out: list[dt.date] = []
    for d in nominal:
        if d not in blackouts:
            out.append(d)
            continue
        c = d + dt.timedelta(days=7)
        moved = None
        while c.month == d.month and c <= st.term_end:
            if c not in blackouts and c not in nominal_set:
                moved = c
                break
            c += dt.timedelta(days=7)
        if moved is not None:
            out.append(moved)
    # Two blacked-out nominal dates can move to the same later date: one session that day.
    return sorted(set(out))


def weekly_sessions(prog: Program, weekday: int, start: int) -> list[Session]:
    st, tz = prog.settings, prog.settings.tz
    out = []
    for d in weekly_session_dates(st, weekday, prog.blackouts):
        s = local_dt(d, start, tz)
        out.append(Session(s, add_minutes(s, st.session_minutes, tz)))
    return out


def session_allowed(prog: Program, s: Session) -> bool:
    st = prog.settings
    for d in session_dates_touched(s, st.tz):
        if d in prog.blackouts or not (st.term_start <= d <= st.term_end):
            return False
    return True


def open_house_sessions(prog: Program, site: str) -> list[Session]:
    st, tz = prog.settings, prog.settings.tz
    D = st.session_minutes
    out = []
    for oh in prog.open_houses.get(site, []):
        if oh.date in prog.blackouts:
            continue
        if st.anchor == "after":
            s = Session(oh.end, add_minutes(oh.end, D, tz))
        else:
            s = Session(add_minutes(oh.start, -D, tz), oh.start)
        if not session_allowed(prog, s):
            continue
        out.append(s)
    # identical sessions (two open houses ending at the same instant) count once
    uniq = {(s.start, s.end): s for s in out}
    return [uniq[k] for k in sorted(uniq)]


# --------------------------------------------------------------------------- fitting


def group_fits_mentor(prog: Program, m: Mentor, g: Group) -> list[str]:
    """Reasons why g is not a valid candidate group of mentor m (empty list = valid)."""
    st = prog.settings
    why = []
    if g.mode not in MODES:
        why.append(f"mode {g.mode!r} is not in_person or virtual")
    elif g.mode not in m.modes:
        why.append(f"mode {g.mode} is not in mentor {m.id}'s modes {m.modes}")
    if g.mode == "in_person" and g.site not in m.sites:
        why.append(f"site {g.site!r} is not in mentor {m.id}'s sites {m.sites}")
    if g.mode == "virtual" and g.site is not None:
        why.append(f"virtual group has site {g.site!r} (should be null)")
    if g.minutes != st.session_minutes:
        why.append(f"minutes {g.minutes} != session_minutes {st.session_minutes}")
    if g.kind == "weekly":
        if g.weekday is None or g.start is None:
            why.append("weekly group without weekday/start")
        else:
            if g.start % st.slot_step_minutes != 0:
                why.append(f"start {fmt_minutes(g.start)} is not on the {st.slot_step_minutes}-minute slot grid")
            if not slot_in_windows(m.windows, g.weekday, g.start, g.start + st.session_minutes):
                why.append(f"slot {DAYS[g.weekday]} {fmt_minutes(g.start)}+{st.session_minutes}min "
                           f"is not inside mentor {m.id}'s windows")
    elif g.kind == "open_house":
        if g.mode != "in_person":
            why.append("open-house group is not in_person")
        if not prog.open_houses.get(g.site or ""):
            why.append(f"site {g.site!r} has no open houses")
        elif not m.open_house and not all(session_in_windows(m.windows, s, st.tz) for s in g.sessions):
            why.append(f"mentor {m.id} has open_house=no and not every session lies inside the mentor's windows")
    else:
        why.append(f"kind {g.kind!r} is not weekly or open_house")
    return why


def parent_fits(prog: Program, p: Parent, m: Mentor, g: Group) -> list[str]:
    """Reasons why parent p does not fit group g of mentor m (empty list = fits)."""
    st = prog.settings
    why = []
    if not share_language(p.languages, m.languages):
        why.append(f"no shared language (parent {p.languages}, mentor {m.languages})")
    if g.mode not in p.modes:
        why.append(f"mode {g.mode} not in parent's modes {p.modes}")
    if g.mode not in m.modes:
        why.append(f"mode {g.mode} not in mentor's modes {m.modes}")
    if g.mode == "in_person" and p.site != g.site:
        why.append(f"parent's site {p.site!r} is not the group's site {g.site!r}")
    if g.kind == "weekly":
        if g.weekday is None or g.start is None or \
                not slot_in_windows(p.windows, g.weekday, g.start, g.start + st.session_minutes):
            why.append("weekly slot is not inside one of the parent's windows")
    else:
        if not p.open_house and not all(session_in_windows(p.windows, s, st.tz) for s in g.sessions):
            why.append("parent has open_house=no and not every session lies inside the parent's windows")
    return why


def candidate_groups(prog: Program) -> list[Group]:
    """Every candidate group of spec section 4 with at least one session."""
    st = prog.settings
    D, step = st.session_minutes, st.slot_step_minutes
    cache: dict[tuple[int, int], list[Session]] = {}
    groups: list[Group] = []
    for mid in sorted(prog.mentors):
        m = prog.mentors[mid]
        variants = []
        if "virtual" in m.modes:
            variants.append(("virtual", None))
        if "in_person" in m.modes:
            variants += [("in_person", s) for s in m.sites]
        for day in range(7):
            starts = sorted({t for (a, b) in m.windows.get(day, [])
                             for t in range(((a + step - 1) // step) * step, b - D + 1, step)})
            for t in starts:
                if (day, t) not in cache:
                    cache[(day, t)] = weekly_sessions(prog, day, t)
                sess = cache[(day, t)]
                if not sess:
                    continue
                for mode, site in variants:
                    groups.append(Group(mid, "weekly", mode, site, day, t, D, sess))
        if "in_person" in m.modes:
            for site in m.sites:
                if not prog.open_houses.get(site):
                    continue
                sess = open_house_sessions(prog, site)
                if not sess:
                    continue
                g = Group(mid, "open_house", "in_person", site, None, None, D, sess)
                if not group_fits_mentor(prog, m, g):
                    groups.append(g)
    return groups


def sessions_overlap(a: list[Session], b: list[Session]) -> tuple[Session, Session] | None:
    for s in a:
        for t in b:
            if s.start < t.end and t.start < s.end:
                return s, t
    return None


def groups_conflict(g: Group, h: Group) -> str | None:
    D = g.minutes
    if g.kind == "weekly" and h.kind == "weekly" and g.weekday == h.weekday \
            and g.start is not None and h.start is not None \
            and g.start < h.start + h.minutes and h.start < g.start + D:
        return f"weekly slots overlap on {DAYS[g.weekday]} ({fmt_minutes(g.start)} and {fmt_minutes(h.start)})"
    hit = sessions_overlap(g.sessions, h.sessions)
    if hit:
        return f"sessions overlap ({rfc3339(hit[0].start)} and {rfc3339(hit[1].start)})"
    return None


# --------------------------------------------------------------------------- objective


def read_previous(path: str | None) -> dict[str, str]:
    """parent_id -> mentor_id of a previous run's assignments.csv (empty mentor = unmatched)."""
    if not path:
        return {}
    out = {}
    for _, row in read_csv(path):
        pid = (row.get("parent_id") or "").strip()
        mid = (row.get("mentor_id") or "").strip()
        if pid and mid:
            out[pid] = mid
    return out


def pair_terms(prog: Program, p: Parent, m: Mentor, kind: str, previous: dict[str, str],
               same_group: bool = False) -> dict[str, float]:
    """Weighted objective contribution of putting parent p in a group (of `kind`) of mentor m;
    `same_group`: the group is the one p was in at the previous run (same mentor, kind, mode, site,
    weekday and start)."""
    w = prog.settings.weights
    shared = len(set(p.topics) & set(m.topics))
    cap = w.get("shared_topic_cap", 3)
    return {
        "matched": w["matched"],
        "preferred_language": w["preferred_language"] if p.languages and speaks(m.languages, p.languages[0]) else 0,
        "open_house": w["open_house"] if kind == "open_house" else 0,
        "shared_topic": w["shared_topic"] * min(shared, cap),
        "continuity": w["continuity"] if previous.get(p.id) == m.id else 0,
        "same_group": w["same_group"] if same_group else 0,
    }


def objective_terms(prog: Program, assignment: list[tuple], n_groups: int,
                    previous: dict[str, str]) -> dict[str, float]:
    """assignment: (parent_id, mentor_id, kind[, same_group]) per matched parent."""
    terms = {k: 0 for k in TERM_KEYS}
    for pid, mid, kind, *same in assignment:
        for k, v in pair_terms(prog, prog.parents[pid], prog.mentors[mid], kind, previous,
                               bool(same and same[0])).items():
            terms[k] += v
    terms["group"] = prog.settings.weights["group"] * n_groups
    return terms


# --------------------------------------------------------------------------- curriculum (section 10)


def rank_weight(st: Settings, rank: int) -> float:
    """Worth of a topic a family listed at rank `rank` (1 = first); past the list, its last number."""
    w = st.rank_weights
    return w[min(rank, len(w)) - 1]


def topic_value(prog: Program, tid: str, members) -> float:
    """What one session on topic `tid` adds to a group's curriculum: `required_weight` for a required
    topic plus the rank weight of every member who listed it."""
    st = prog.settings
    topic = (prog.topics or {}).get(tid)
    value = st.required_weight if topic is not None and topic.required else 0
    for pid in members:
        p = prog.parents.get(pid)
        if p is not None and tid in p.topics:
            value += rank_weight(st, p.topics.index(tid) + 1)
    return value


def best_assignment_value(values: list[list[float | None]]) -> float:
    """Highest total of a matching of rows (sessions) to columns (topics), each used at most once,
    where `None` marks a forbidden pair and a row may stay unmatched (an open conversation).

    A forbidden or negative cell is worth 0, the same as leaving the session without a topic, so the
    problem is a plain rectangular assignment: scipy's `linear_sum_assignment` when scipy is
    installed, else the Hungarian method below. Neither is a min-cost flow, which is what a checker
    of a flow-based planner wants."""
    rows = [[max(0.0, v) if v is not None else 0.0 for v in row] for row in values]
    if not rows or not rows[0]:
        return 0.0
    try:
        import numpy as np
        from scipy.optimize import linear_sum_assignment
    except ImportError:
        return hungarian_max(rows)
    matrix = np.array(rows, dtype=float)
    r, c = linear_sum_assignment(matrix, maximize=True)
    return float(matrix[r, c].sum())


def hungarian_max(rows: list[list[float]]) -> float:
    """Maximum-weight assignment of a rectangular matrix by the Hungarian method with potentials
    (O(n^2 m)), in pure Python for machines without scipy."""
    if len(rows) > len(rows[0]):
        rows = [list(col) for col in zip(*rows)]
    n, m = len(rows), len(rows[0])
    inf = float("inf")
    cost = [[-v for v in row] for row in rows]
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    match = [0] * (m + 1)  # column -> row (1-based, 0 = free)
    for i in range(1, n + 1):
        match[0], j0 = i, 0
        minv, used, way = [inf] * (m + 1), [False] * (m + 1), [0] * (m + 1)
        while match[j0] != 0:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sum(rows[match[j] - 1][j - 1] for j in range(1, m + 1) if match[j])
