"""Independent Python reading of an Enlace program folder (docs: /work/shared/spec/PROGRAM.md).

Written from the spec only (sections 2-6), for the benchmark tools in this folder:
`check_schedule.py` (verifies out/schedule.json) and `mip_reference.py` (solves the exact
MIP with HiGHS). Nothing here imports or mirrors the Swift sources.

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
    "group": -20,
}
# Weight keys that are objective terms (shared_topic_cap is a parameter, not a term).
TERM_KEYS = ("matched", "preferred_language", "open_house", "shared_topic", "continuity", "group")

DEFAULT_SETTINGS = {
    "session_minutes": 60,
    "slot_step_minutes": 30,
    "max_group_size": 8,
    "max_groups_per_mentor": 2,
    "cadence": "monthly",
    "anchor": "after",
}


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
    )


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
        mentors[f["id"]] = Mentor(**f, sites=split_list(row.get("sites")), capacity=cap)
    parents: dict[str, Parent] = {}
    p = os.path.join(root, "data", "parents.csv")
    for line, row in read_csv(p):
        f = _person_fields(p, line, row)
        if f["id"] in parents:
            raise ProgramError(f"{p} line {line}: duplicate id {f['id']!r}")
        parents[f["id"]] = Parent(**f, site=(row.get("site") or "").strip())
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
    return Program(root, st, sites, mentors, parents, blackouts, ohs, warnings)


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


def pair_terms(prog: Program, p: Parent, m: Mentor, kind: str, previous: dict[str, str]) -> dict[str, float]:
    """Weighted objective contribution of putting parent p in a group (of `kind`) of mentor m."""
    w = prog.settings.weights
    shared = len(set(p.topics) & set(m.topics))
    cap = w.get("shared_topic_cap", 3)
    return {
        "matched": w["matched"],
        "preferred_language": w["preferred_language"] if p.languages and speaks(m.languages, p.languages[0]) else 0,
        "open_house": w["open_house"] if kind == "open_house" else 0,
        "shared_topic": w["shared_topic"] * min(shared, cap),
        "continuity": w["continuity"] if previous.get(p.id) == m.id else 0,
    }


def objective_terms(prog: Program, assignment: list[tuple[str, str, str]], n_groups: int,
                    previous: dict[str, str]) -> dict[str, float]:
    """assignment: (parent_id, mentor_id, kind) per matched parent."""
    terms = {k: 0 for k in TERM_KEYS}
    for pid, mid, kind in assignment:
        for k, v in pair_terms(prog, prog.parents[pid], prog.mentors[mid], kind, previous).items():
            terms[k] += v
    terms["group"] = prog.settings.weights["group"] * n_groups
    return terms
