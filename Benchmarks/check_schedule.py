#!/usr/bin/env python3
"""Independent checker of an Enlace `out/schedule.json` (and its CSV companions) against its program folder.

    python3 Benchmarks/check_schedule.py PROGRAM_DIR [--schedule PATH] [--out DIR]
        [--previous ASSIGNMENTS_CSV] [--previous-schedule SCHEDULE_JSON] [--now RFC3339] [--json]

Written from /work/shared/spec/PROGRAM.md only. It re-reads the program folder (enlace.toml,
data/*.csv, calendars/*.ics), recomputes every group's sessions, the objective and each group's
best curriculum, and checks the hard rules of sections 4 and 8, the shape of section 6, a term in
progress (section 9, against the previous run's schedule.json) and the curriculum (section 10,
with out/curriculum.csv and out/topic-demand.csv). Exit 0 when clean, 1 on any violation, 2 on a
usage error or unreadable input. The rules are split across `check_*` functions, one per section.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import enlace_model as em  # noqa: E402

RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
TOL = 1e-6


class Report:
    def __init__(self) -> None:
        self.violations: list[dict] = []
        self.warnings: list[str] = []

    def add(self, rule: str, message: str, **ids) -> None:
        v = {"rule": rule, "message": message}
        v.update({k: val for k, val in ids.items() if val is not None})
        self.violations.append(v)


@dataclass
class Entry:
    """One group of schedule.json as read, with its sessions split at "now"."""

    gid: str
    group: em.Group | None  # None when the group is too malformed to check against the model
    parents: list  # members from now on
    sessions: list[em.Session] = field(default_factory=list)  # every listed session, in order
    raw_sessions: list[dict] = field(default_factory=list)  # the same, as written
    raw: dict = field(default_factory=dict)
    future: list[em.Session] = field(default_factory=list)
    held: list[em.Session] = field(default_factory=list)
    held_ids: set = field(default_factory=set)  # id() of the held sessions

    @property
    def members(self) -> list:
        return list(dict.fromkeys(self.parents))


def _num(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def parse_instant(text: str) -> dt.datetime:
    """An RFC 3339 time with offset (the CLI's --now and the schedule's session times)."""
    if not isinstance(text, str) or not RFC3339.match(text):
        raise ValueError(f"{text!r} is not an RFC 3339 time with offset, e.g. 2026-12-10T12:00:00-08:00")
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def parse_time(text, tz, rep: Report, gid: str, what: str) -> dt.datetime | None:
    if not isinstance(text, str) or not RFC3339.match(text):
        rep.add("session_format", f"group {gid}: session {what} {text!r} is not an RFC 3339 time with offset",
                group=gid)
        return None
    t = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    expected_offset = t.astimezone(tz).utcoffset()
    if t.utcoffset() != expected_offset:
        rep.add("session_offset", f"group {gid}: session {what} {text} has offset {t.utcoffset()}, but the "
                f"program zone's offset at that instant is {expected_offset} (local time should be "
                f"{em.rfc3339(t.astimezone(tz))})", group=gid)
    return t


def _parse_sessions(raw: dict, gid: str, minutes: int, tz, rep: Report) -> tuple[list, list]:
    sessions, raws = [], []
    for i, s in enumerate(raw.get("sessions") or []):
        if not isinstance(s, dict):
            rep.add("shape", f"group {gid}: sessions[{i}] is not an object", group=gid)
            continue
        a = parse_time(s.get("start"), tz, rep, gid, "start")
        b = parse_time(s.get("end"), tz, rep, gid, "end")
        if a is None or b is None:
            continue
        if (b - a) != dt.timedelta(minutes=minutes):
            rep.add("session_length", f"group {gid}: session {s.get('start')} lasts {(b - a)} not {minutes} min",
                    group=gid)
        held = s.get("held")
        parents = s.get("parents")
        topic = s.get("topic")
        sessions.append(em.Session(a.astimezone(tz), b.astimezone(tz), held is True,
                                   parents if isinstance(parents, list) else None,
                                   topic if isinstance(topic, str) else None))
        raws.append(s)
    return sessions, raws


def parse_group(prog: em.Program, raw: dict, rep: Report, index: int) -> Entry:
    st, tz = prog.settings, prog.settings.tz
    gid = raw.get("id") if isinstance(raw, dict) else None
    if not isinstance(raw, dict):
        rep.add("shape", f"groups[{index}] is not an object")
        return Entry(f"#{index}", None, [])
    if not isinstance(gid, str) or not gid:
        rep.add("shape", f"groups[{index}] has no string id")
        gid = f"#{index}"
    for key in ("mentor", "kind", "mode", "site", "minutes", "parents", "sessions"):
        if key not in raw:
            rep.add("shape", f"group {gid}: missing key {key!r}", group=gid)
    parents = raw.get("parents") if isinstance(raw.get("parents"), list) else []
    kind, mode, site = raw.get("kind"), raw.get("mode"), raw.get("site")
    mid = raw.get("mentor")
    weekday = start = None
    if kind == "weekly":
        wd, s = raw.get("weekday"), raw.get("start")
        if wd not in em.DAYS:
            rep.add("shape", f"group {gid}: weekday {wd!r} is not one of MO..SU", group=gid)
        else:
            weekday = em.DAYS.index(wd)
        if not isinstance(s, str) or not re.fullmatch(r"\d{2}:\d{2}", s):
            rep.add("shape", f"group {gid}: start {s!r} is not HH:MM", group=gid)
        else:
            try:
                start = em.parse_hhmm(s)
            except ValueError:
                rep.add("shape", f"group {gid}: start {s!r} is not a valid time", group=gid)
    elif kind == "open_house":
        if raw.get("weekday") is not None or raw.get("start") is not None:
            rep.warnings.append(f"group {gid}: open-house group carries weekday/start (weekly only)")
    else:
        rep.add("shape", f"group {gid}: kind {kind!r} is not weekly or open_house", group=gid)
    if mode == "virtual" and site is not None:
        rep.add("shape", f"group {gid}: virtual group has site {site!r} (must be null)", group=gid)
    if mode == "in_person" and not isinstance(site, str):
        rep.add("shape", f"group {gid}: in-person group without a site", group=gid)
    minutes = raw.get("minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool):
        rep.add("shape", f"group {gid}: minutes {minutes!r} is not an integer", group=gid)
        minutes = st.session_minutes
    sessions, raws = _parse_sessions(raw, gid, minutes, tz, rep)
    entry = Entry(gid, None, parents, sessions, raws, raw)
    if mid not in prog.mentors:
        # A mentor who left keeps the sessions already held (spec section 9): such a group stays
        # listed with its history and no members from now on.
        history_only = not parents and bool(raws) and all(isinstance(r, dict) and r.get("held") is True for r in raws)
        if not history_only:
            rep.add("unknown_mentor", f"group {gid}: mentor {mid!r} is not in mentors.csv", group=gid, mentor=mid)
        return entry
    if kind not in ("weekly", "open_house") or mode not in em.MODES or \
            (kind == "weekly" and (weekday is None or start is None)):
        return entry
    entry.group = em.Group(mid, kind, mode, site if mode == "in_person" else None, weekday, start, minutes,
                           list(sessions))
    return entry


def group_key(raw: dict) -> tuple:
    """What `same_group` compares (spec section 4): mentor, kind, mode, site, weekday and start."""
    weekly = raw.get("kind") == "weekly"
    return (raw.get("mentor"), raw.get("kind"), raw.get("mode"),
            raw.get("site") if raw.get("mode") == "in_person" else None,
            raw.get("weekday") if weekly else None, raw.get("start") if weekly else None)


# --------------------------------------------------------------------------- the previous run


@dataclass
class PrevSession:
    start: dt.datetime
    end: dt.datetime
    held: bool
    parents: list | None
    topic: str | None


@dataclass
class PrevGroup:
    gid: str
    raw: dict
    parents: list
    sessions: list[PrevSession]


def read_previous_schedule(sched: dict) -> dict[str, PrevGroup]:
    """The previous run's schedule.json, read leniently: it was checked when it was written."""
    out: dict[str, PrevGroup] = {}
    for raw in sched.get("groups") or []:
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            continue
        sessions = []
        for s in raw.get("sessions") or []:
            try:
                a, b = parse_instant(s.get("start")), parse_instant(s.get("end"))
            except (ValueError, AttributeError):
                continue
            sessions.append(PrevSession(a, b, s.get("held") is True,
                                        s.get("parents") if isinstance(s.get("parents"), list) else None,
                                        s.get("topic") if isinstance(s.get("topic"), str) else None))
        parents = raw.get("parents") if isinstance(raw.get("parents"), list) else []
        out[raw["id"]] = PrevGroup(raw["id"], raw, parents, sessions)
    return out


# --------------------------------------------------------------------------- section 9: "now" and held


def resolve_now(entries: list[Entry], now: dt.datetime | None, rep: Report) -> dt.datetime | None:
    """The instant that splits held from future sessions: --now, or else, when the sessions carry
    `held` flags, the first future session's start, with a warning (sessions that should lie
    between the real now and that start go unchecked). None: no
    flags and no --now, everything is future (sections 4-7)."""
    if now is not None:
        for e in entries:
            for s, raw in zip(e.sessions, e.raw_sessions):
                if not isinstance(raw.get("held"), bool):
                    rep.add("held_flag", f"group {e.gid}: session {em.rfc3339(s.start)} has no boolean "
                            "\"held\" (section 9: every session carries it)", group=e.gid)
                elif raw["held"] != (s.start < now):
                    rep.add("held_flag", f"group {e.gid}: session {em.rfc3339(s.start)} has held={raw['held']} "
                            f"but it starts {'before' if s.start < now else 'at or after'} now "
                            f"({em.rfc3339(now)})", group=e.gid)
        return now
    flagged = any(isinstance(raw.get("held"), bool) for e in entries for raw in e.raw_sessions)
    if not flagged:
        return None
    held = [(s.start, e.gid) for e in entries for s in e.sessions if s.held]
    future = [(s.start, e.gid) for e in entries for s in e.sessions if not s.held]
    if not future and not held:
        return None
    rep.warnings.append("no --now: now is taken as the first session still to come (what the held flags imply); "
                        "pass --now to check the held flags themselves and the sessions just before it")
    first_future = min(future) if future else None
    if held and first_future is not None:
        last_held = max(held)
        if last_held[0] >= first_future[0]:
            rep.add("held_flag", f"held flags do not split the sessions at one instant: group {last_held[1]}'s held "
                    f"session {em.rfc3339(last_held[0])} starts at or after group {first_future[1]}'s future "
                    f"session {em.rfc3339(first_future[0])}", group=last_held[1])
    if first_future is not None:
        return first_future[0]
    return max(held)[0] + dt.timedelta(microseconds=1)


def split_sessions(entries: list[Entry], now: dt.datetime | None, rep: Report) -> None:
    for e in entries:
        e.held = [s for s in e.sessions if now is not None and s.start < now]
        e.future = [s for s in e.sessions if now is None or s.start >= now]
        e.held_ids = {id(s) for s in e.held}
        if e.group is not None:
            e.group.sessions = list(e.future)
        for s, raw in zip(e.sessions, e.raw_sessions):
            if id(s) in e.held_ids and not isinstance(raw.get("parents"), list):
                rep.add("held_parents", f"group {e.gid}: held session {em.rfc3339(s.start)} has no \"parents\" "
                        "list (the ids it was held for)", group=e.gid)


# --------------------------------------------------------------------------- sections 4 and 6


def check_group(prog: em.Program, e: Entry, now: dt.datetime | None, rep: Report) -> None:
    st, tz, gid = prog.settings, prog.settings.tz, e.gid
    members = e.members
    if not members and not e.held:
        rep.add("empty_group", f"group {gid} has no parents", group=gid)
    if not members and e.future and e.held:
        rep.add("empty_group", f"group {gid} has no members from now on but still lists "
                f"{len(e.future)} session(s) from now on", group=gid)
    if len(e.parents) > st.max_group_size:
        rep.add("group_size", f"group {gid} has {len(e.parents)} parents > max_group_size {st.max_group_size}",
                group=gid)
    g = e.group
    if g is None or not (members or e.future):
        return
    m = prog.mentors[g.mentor]
    for why in em.group_fits_mentor(prog, m, g):
        rep.add("group_invalid", f"group {gid} ({g.label()}): {why}", group=gid, mentor=m.id)
    expected = em.weekly_sessions(prog, g.weekday, g.start) if g.kind == "weekly" else \
        (em.open_house_sessions(prog, g.site) if g.site else [])
    exp = {(s.start, s.end) for s in expected if now is None or s.start >= now}
    got = [(s.start, s.end) for s in e.future]
    if len(set(got)) != len(got):
        rep.add("session_duplicate", f"group {gid}: a session is listed twice", group=gid)
    for a, b in sorted(exp - set(got)):
        rep.add("session_missing", f"group {gid}: expected session {em.rfc3339(a)} - {em.rfc3339(b)} "
                "is missing", group=gid)
    for a, b in sorted(set(got) - exp):
        rep.add("session_unexpected", f"group {gid}: session {em.rfc3339(a)} - {em.rfc3339(b)} is not one "
                "of the group's sessions by the spec", group=gid)
    listed = [(s.start, s.end) for s in e.sessions]
    if listed != sorted(listed):
        rep.warnings.append(f"group {gid}: sessions are not in chronological order")
    if members and not e.future:
        what = "sessions from now on" if now is not None else "sessions"
        rep.add("no_sessions", f"group {gid} has no {what}", group=gid)
    for s in e.future:
        for d in em.session_dates_touched(s, tz):
            if d in prog.blackouts:
                rep.add("session_blackout", f"group {gid}: session {em.rfc3339(s.start)} falls on blackout "
                        f"day {d}", group=gid)
            if not (st.term_start <= d <= st.term_end):
                rep.add("session_outside_term", f"group {gid}: session {em.rfc3339(s.start)} is outside "
                        f"the term {st.term_start}..{st.term_end}", group=gid)
    for pid in members:
        if pid not in prog.parents:
            rep.add("unknown_parent", f"group {gid}: parent {pid!r} is not in parents.csv", group=gid, parent=pid)
            continue
        for why in em.parent_fits(prog, prog.parents[pid], m, g):
            rep.add("parent_fit", f"group {gid}: parent {pid} does not fit: {why}", group=gid, parent=pid,
                    mentor=m.id)


def check_parents(prog: em.Program, sched: dict, entries: list[Entry], rep: Report) -> None:
    where: dict[str, list[str]] = defaultdict(list)
    for e in entries:
        for pid in e.parents:
            where[pid].append(e.gid)
    for pid, gids in where.items():
        if len(gids) > 1:
            rep.add("parent_twice", f"parent {pid} is in more than one group (or twice in one): {gids}",
                    parent=pid)
    unmatched: list[str] = []
    for i, u in enumerate(sched.get("unmatched") or []):
        if not isinstance(u, dict) or not isinstance(u.get("parent"), str):
            rep.add("shape", f"unmatched[{i}] is not an object with a parent id")
            continue
        pid = u["parent"]
        unmatched.append(pid)
        reasons = u.get("reasons")
        if not isinstance(reasons, list) or not all(isinstance(r, str) for r in reasons):
            rep.add("shape", f"unmatched parent {pid}: reasons is not a list of text", parent=pid)
        elif not reasons:
            rep.warnings.append(f"unmatched parent {pid} has no reasons")
        if pid not in prog.parents:
            rep.add("unknown_parent", f"unmatched parent {pid!r} is not in parents.csv", parent=pid)
        if pid in where:
            rep.add("parent_matched_and_unmatched", f"parent {pid} is in group(s) {where[pid]} and in unmatched",
                    parent=pid)
    for pid in sorted(p for p, n in Counter(unmatched).items() if n > 1):
        rep.add("parent_twice", f"parent {pid} is listed more than once in unmatched", parent=pid)
    for pid in sorted(set(prog.parents) - set(where) - set(unmatched)):
        rep.add("parent_missing", f"parent {pid} is neither in a group nor in unmatched", parent=pid)


def check_mentors(prog: em.Program, active: list[Entry], rep: Report) -> None:
    """Capacity, K groups and overlaps, over the groups that meet from now on (section 9: held
    sessions and past members do not count)."""
    st = prog.settings
    by_mentor: dict[str, list[Entry]] = defaultdict(list)
    for e in active:
        by_mentor[e.group.mentor].append(e)
    for mid, es in sorted(by_mentor.items()):
        m = prog.mentors[mid]
        total = sum(len(e.members) for e in es)
        if total > m.capacity:
            rep.add("mentor_capacity", f"mentor {mid} has {total} parents > capacity {m.capacity}", mentor=mid)
        if len(es) > st.max_groups_per_mentor:
            rep.add("mentor_groups", f"mentor {mid} has {len(es)} groups > max_groups_per_mentor "
                    f"{st.max_groups_per_mentor}", mentor=mid)
        for i in range(len(es)):
            for j in range(i + 1, len(es)):
                why = em.groups_conflict(es[i].group, es[j].group)
                if why:
                    rep.add("mentor_overlap", f"mentor {mid}: groups {es[i].gid} and {es[j].gid} overlap: {why}",
                            mentor=mid, groups=[es[i].gid, es[j].gid])


def check_pairs(prog: em.Program, entries: list[Entry], rep: Report) -> None:
    """Section 8: `keep_apart_from` parents never share a group, from now on."""
    pairs = em.keep_apart_pairs(prog)
    for pid, p in sorted(prog.parents.items()):
        for other in em.split_list(p.custom.get("keep_apart_from")):
            if other not in prog.parents:
                rep.warnings.append(f"parents.csv: {pid}'s keep_apart_from names unknown parent {other!r} "
                                    "(an import error by the spec)")
    if not pairs:
        return
    for e in entries:
        members = sorted(set(e.members))
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if frozenset((a, b)) in pairs:
                    rep.add("keep_apart", f"group {e.gid}: parents {a} and {b} share the group but keep_apart_from "
                            "keeps them apart", group=e.gid, parent=a)


def check_score(prog: em.Program, sched: dict, active: list[Entry], previous: dict[str, str],
                prev_keys: dict[str, tuple] | None, rep: Report) -> dict:
    assignment = []
    for e in active:
        key = group_key(e.raw)
        for pid in e.members:
            if pid in prog.parents:
                same = prev_keys is not None and prev_keys.get(pid) == key
                assignment.append((pid, e.group.mentor, e.group.kind, same))
    terms = em.objective_terms(prog, assignment, len(active), previous)
    total = sum(terms.values())
    objective = {"total": total, "terms": terms}
    score = sched.get("score")
    if not isinstance(score, dict):
        rep.add("shape", "score is not an object")
        return objective
    rterms = score.get("terms")
    if not isinstance(rterms, dict):
        rep.add("shape", "score.terms is not an object")
        rterms = {}
    unknown_same_group = prev_keys is None and previous
    for key in em.TERM_KEYS:
        got = rterms.get(key, 0)
        if key == "same_group" and unknown_same_group:
            rep.warnings.append("same_group not checked: it needs --previous-schedule (the previous schedule.json)")
            total += got if _num(got) else 0
            objective["total"] = total
            terms[key] = got
            continue
        if not _num(got):
            rep.add("score_term", f"score.terms.{key} is {got!r}, not a number")
        elif abs(got - terms[key]) > TOL:
            rep.add("score_term", f"score.terms.{key} is {got}, recomputed {terms[key]}")
    for key, val in rterms.items():
        if key not in em.TERM_KEYS and (not _num(val) or abs(val) > TOL):
            rep.add("score_term", f"score.terms has unknown term {key!r} = {val!r} (not a built-in weight key)")
    check_score_totals(score, rterms, total, rep)
    return objective


def check_score_totals(score: dict, rterms: dict, total: float, rep: Report) -> None:
    rtotal, bound, gap = score.get("total"), score.get("bound"), score.get("gap")
    if not _num(rtotal):
        rep.add("score_total", f"score.total is {rtotal!r}, not a number")
    else:
        if abs(rtotal - total) > TOL:
            rep.add("score_total", f"score.total is {rtotal}, recomputed objective is {total}")
        s = sum(v for v in rterms.values() if _num(v))
        if abs(rtotal - s) > TOL:
            rep.add("score_total", f"score.total {rtotal} != sum of score.terms {s}")
    if not _num(bound):
        rep.add("score_bound", f"score.bound is {bound!r}, not a number")
    elif _num(rtotal) and bound < rtotal - TOL:
        rep.add("score_bound", f"score.bound {bound} < score.total {rtotal}")
    if not _num(gap):
        rep.add("score_gap", f"score.gap is {gap!r}, not a number")
    elif _num(bound) and _num(rtotal):
        if gap < -TOL:
            rep.add("score_gap", f"score.gap {gap} is negative")
        diff = bound - rtotal
        cands = [diff]
        for den in (abs(bound), abs(rtotal), max(abs(bound), abs(rtotal)), max(1.0, abs(bound)),
                    max(1.0, abs(rtotal))):
            if den > 0:
                cands += [diff / den, 100 * diff / den]
        if not any(abs(gap - c) <= 1e-6 + 1e-3 * abs(c) for c in cands):
            rep.add("score_gap", f"score.gap {gap} is not consistent with bound {bound} and total {rtotal} "
                    f"(relative gap would be {diff / max(abs(bound), 1e-9):.6g})")


# --------------------------------------------------------------------------- section 9: history


def attendees(e: Entry, s: em.Session) -> list:
    """Whom a session is (or was) for: a held session's own list, else the group's members."""
    if id(s) in e.held_ids:
        return list(s.parents or [])
    return e.members


def check_history(e_by_id: dict[str, Entry], prev: dict[str, PrevGroup], now: dt.datetime | None,
                  rep: Report) -> None:
    """Held sessions of the previous run stay exactly as they were; nothing else becomes history."""
    expected: dict[str, dict[dt.datetime, tuple]] = defaultdict(dict)
    for pg in prev.values():
        for ps in pg.sessions:
            if now is None or ps.start >= now:
                continue
            parents = ps.parents if ps.held else pg.parents
            expected[pg.gid][ps.start] = (ps.end, sorted(parents or []), ps.topic)
    for gid, sessions in sorted(expected.items()):
        e = e_by_id.get(gid)
        if e is None:
            rep.add("history_group_missing", f"group {gid} met before now ({len(sessions)} held session(s)) but "
                    "is not listed", group=gid)
            continue
        for key in ("mentor", "kind", "mode", "site", "weekday", "start", "minutes"):
            before, after = prev[gid].raw.get(key), e.raw.get(key)
            if before != after:
                rep.add("history_group_changed", f"group {gid}: {key} was {before!r} for its held sessions, now "
                        f"{after!r} (held sessions keep their time and place)", group=gid)
        held_now = {s.start: s for s in e.held}
        for start, (end, parents, topic) in sorted(sessions.items()):
            s = held_now.get(start)
            when = em.rfc3339(start)
            if s is None:
                rep.add("history_session_missing", f"group {gid}: held session {when} of the previous run is "
                        "missing or not held", group=gid, session=when)
                continue
            if s.end != end:
                rep.add("history_session_changed", f"group {gid}: held session {when} ended at {em.rfc3339(end)}, "
                        f"now {em.rfc3339(s.end)}", group=gid, session=when)
            if s.parents is not None and sorted(s.parents) != parents:
                rep.add("history_parents_changed", f"group {gid}: held session {when} was held for {parents}, now "
                        f"lists {sorted(s.parents)}", group=gid, session=when)
            if s.topic != topic:
                rep.add("history_topic_changed", f"group {gid}: held session {when} had topic {topic!r}, now "
                        f"{s.topic!r}", group=gid, session=when)
    for gid, e in sorted(e_by_id.items()):
        for s in e.held:
            if s.start not in expected.get(gid, {}):
                rep.add("history_session_added", f"group {gid}: held session {em.rfc3339(s.start)} was not a "
                        "session of this group in the previous run (a new group has no sessions before now)",
                        group=gid, session=em.rfc3339(s.start))


# --------------------------------------------------------------------------- section 10: curriculum


def taught(e: Entry) -> Counter:
    return Counter(s.topic for s in e.sessions if s.topic is not None)


def group_curriculum_value(prog: em.Program, e: Entry) -> float:
    return sum(em.topic_value(prog, s.topic, e.members) for s in e.future if s.topic is not None)


def best_group_curriculum(prog: em.Program, e: Entry) -> float:
    """The highest curriculum value the rules allow this group's future sessions (section 10)."""
    m = prog.mentors[e.group.mentor]
    done = {s.topic for s in e.held if s.topic is not None}
    topics = [prog.topics[t] for t in dict.fromkeys(m.topics) if t in prog.topics and t not in done]
    values = [em.topic_value(prog, t.id, e.members) for t in topics]
    tz = prog.settings.tz
    term = (prog.settings.term_start, prog.settings.term_end)
    matrix = [[v if t.in_window(s.start.astimezone(tz).date(), term) else None for t, v in zip(topics, values)]
              for s in e.future]
    return em.best_assignment_value(matrix) if matrix and topics else 0.0


def expected_required_missing(prog: em.Program, active: list[Entry]) -> set[str]:
    """Required topics that some group meeting from now on, with a mentor trained in them, does
    not teach this term (held sessions count as taught)."""
    missing = set()
    for e in active:
        done = set(taught(e))
        for tid in prog.mentors[e.group.mentor].topics:
            t = prog.topics.get(tid)
            if t is not None and t.required and tid not in done:
                missing.add(tid)
    return missing


def check_curriculum(prog: em.Program, sched: dict, entries: list[Entry], active: list[Entry],
                     rep: Report) -> None:
    tz = prog.settings.tz
    if prog.topics is None:
        for e in entries:
            for s in e.sessions:
                if s.topic is not None:
                    rep.add("topic_without_topics_csv", f"group {e.gid}: session {em.rfc3339(s.start)} has topic "
                            f"{s.topic!r} but the program has no data/topics.csv", group=e.gid)
        return
    for e in entries:
        for s, raw in zip(e.sessions, e.raw_sessions):
            if "topic" not in raw or not (raw["topic"] is None or isinstance(raw["topic"], str)):
                rep.add("topic_shape", f"group {e.gid}: session {em.rfc3339(s.start)} has no \"topic\" (a topic id "
                        "or null)", group=e.gid)
        for tid, n in sorted(taught(e).items()):
            if n > 1:
                rep.add("topic_repeated", f"group {e.gid}: topic {tid} is taught {n} times this term (at most once "
                        "per group, held sessions count)", group=e.gid)
        if e.group is None:
            continue
        m = prog.mentors[e.group.mentor]
        for s in e.future:
            if s.topic is None:
                continue
            when = em.rfc3339(s.start)
            t = prog.topics.get(s.topic)
            if t is None:
                rep.add("topic_unknown", f"group {e.gid}: session {when} has topic {s.topic!r}, not in topics.csv",
                        group=e.gid, session=when)
                continue
            if s.topic not in m.topics:
                rep.add("topic_not_trained", f"group {e.gid}: session {when} teaches {s.topic} but mentor {m.id} "
                        "was not trained in it", group=e.gid, session=when)
            if not t.in_window(s.start.astimezone(tz).date(), (prog.settings.term_start, prog.settings.term_end)):
                rep.add("topic_window", f"group {e.gid}: session {when} teaches {s.topic} outside its window "
                        f"{t.window_from}..{t.window_until} (month, day)", group=e.gid, session=when)
    total = 0.0
    for e in active:
        value = group_curriculum_value(prog, e)
        total += value
        best = best_group_curriculum(prog, e)
        if value < best - TOL:
            rep.add("curriculum_not_optimal", f"group {e.gid}: curriculum value {value:g} < best possible "
                    f"{best:g}", group=e.gid)
    check_curriculum_summary(prog, sched, active, total, rep)


def _required_missing_ids(raw) -> list | None:
    if not isinstance(raw, list):
        return None
    out = []
    for item in raw:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and isinstance(item.get("topic"), str):
            out.append(item["topic"])
        else:
            return None
    return out


def check_curriculum_summary(prog: em.Program, sched: dict, active: list[Entry], total: float,
                             rep: Report) -> None:
    cur = sched.get("curriculum")
    if not isinstance(cur, dict):
        rep.add("curriculum_shape", "schedule.json has no \"curriculum\" object although data/topics.csv exists")
        return
    value = cur.get("value")
    if not _num(value) or abs(value - total) > TOL:
        rep.add("curriculum_value", f"curriculum.value is {value!r}, recomputed from the sessions' topics {total:g}")
    ids = _required_missing_ids(cur.get("required_missing"))
    if ids is None:
        rep.add("curriculum_shape", f"curriculum.required_missing is {cur.get('required_missing')!r}, not a list of "
                "topic ids (or of objects with a \"topic\")")
        return
    expected = expected_required_missing(prog, active)
    got = set(ids)
    for tid in sorted(expected - got):
        rep.add("required_missing", f"required topic {tid} is missing from curriculum.required_missing: a group "
                "whose mentor was trained in it does not teach it")
    for tid in sorted(got - expected):
        rep.add("required_missing", f"curriculum.required_missing lists {tid!r}, but every group whose mentor was "
                "trained in it teaches it (or it is not a required topic)")


# --------------------------------------------------------------------------- CSV outputs


def read_out_csv(path: str, columns: tuple, rep: Report, rule: str) -> list[tuple[int, dict]] | None:
    if not os.path.exists(path):
        rep.add(rule, f"{path} is missing")
        return None
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows:
        rep.add(rule, f"{path} is empty (no header row)")
        return None
    header = rows[0]
    absent = [c for c in columns if c not in header]
    if absent:
        rep.add(rule, f"{path}: header {header} lacks column(s) {absent}")
        return None
    return [(n, dict(zip(header, r))) for n, r in enumerate(rows[1:], start=2) if any(c.strip() for c in r)]


def check_assignments(prog: em.Program, sched: dict, entries: list[Entry], out_dir: str, need_since: bool,
                      rep: Report) -> None:
    """out/assignments.csv (section 6) and its `since` column (section 9)."""
    path = os.path.join(out_dir, "assignments.csv")
    columns = ("parent_id", "mentor_id", "group_id", "reason") + (("since",) if need_since else ())
    rows = read_out_csv(path, columns, rep, "assignments_csv")
    if rows is None:
        return
    has_since = rows and "since" in rows[0][1]
    tz = prog.settings.tz
    member_of = {pid: e for e in entries for pid in e.members}
    seen = Counter(r.get("parent_id", "") for _, r in rows)
    for pid in sorted(set(prog.parents) - set(seen)):
        rep.add("assignments_csv", f"{path}: no row for parent {pid}", parent=pid)
    for line, r in rows:
        pid = r.get("parent_id", "")
        where = f"{path} line {line}"
        if pid not in prog.parents:
            rep.add("assignments_csv", f"{where}: parent {pid!r} is not in parents.csv", parent=pid)
            continue
        if seen[pid] > 1:
            rep.add("assignments_csv", f"{where}: parent {pid} has {seen[pid]} rows", parent=pid)
        e = member_of.get(pid)
        want = (e.group.mentor if e and e.group else (e.raw.get("mentor") if e else ""), e.gid if e else "")
        if (r.get("mentor_id", ""), r.get("group_id", "")) != want:
            rep.add("assignments_csv", f"{where}: parent {pid} has mentor/group {r.get('mentor_id')!r}/"
                    f"{r.get('group_id')!r}, schedule.json says {want[0]!r}/{want[1]!r}", parent=pid)
        if e is None and not r.get("reason", "").strip():
            rep.add("assignments_csv", f"{where}: unmatched parent {pid} has no reason", parent=pid)
        if not has_since:
            continue
        firsts = [s.start for s in e.sessions if pid in attendees(e, s)] if e else []
        since = min(firsts).astimezone(tz).date().isoformat() if firsts else ""
        if r.get("since", "") != since:
            rep.add("assignments_since", f"{where}: parent {pid} has since {r.get('since')!r}, expected {since!r} "
                    "(local date of the parent's first session in the group)", parent=pid)


def curriculum_rows(prog: em.Program, entries: list[Entry]) -> dict[tuple, tuple]:
    """(group, session start instant) -> (topic id, members who asked) for every session with a topic."""
    out = {}
    for e in entries:
        for s in e.sessions:
            if s.topic is not None:
                asked = sorted(p for p in attendees(e, s) if p in prog.parents and s.topic in prog.parents[p].topics)
                out[(e.gid, s.start)] = (s.topic, asked)
    return out


def _asked_matches(cell: str, asked: list[str]) -> bool:
    cell = cell.strip()
    if re.fullmatch(r"\d+", cell):
        return int(cell) == len(asked)
    return sorted(em.split_list(cell)) == asked


def check_curriculum_csv(prog: em.Program, entries: list[Entry], out_dir: str, rep: Report) -> None:
    """out/curriculum.csv: one row per session with a topic (held sessions too); a session without
    a topic may have a row with an empty topic_id. members_who_asked: a count or `;`-separated ids."""
    path = os.path.join(out_dir, "curriculum.csv")
    rows = read_out_csv(path, ("group_id", "session_start", "topic_id", "members_who_asked"), rep,
                        "curriculum_csv")
    if rows is None:
        return
    expected = curriculum_rows(prog, entries)
    sessions = {(e.gid, s.start) for e in entries for s in e.sessions}
    seen = set()
    for line, r in rows:
        where = f"{path} line {line}"
        try:
            key = (r["group_id"], parse_instant(r["session_start"]))
        except ValueError as exc:
            rep.add("curriculum_csv", f"{where}: session_start: {exc}")
            continue
        if key in seen:
            rep.add("curriculum_csv", f"{where}: session {r['session_start']} of group {r['group_id']} is listed twice",
                    group=r["group_id"])
        seen.add(key)
        if key not in expected:
            if key not in sessions or r["topic_id"].strip():
                rep.add("curriculum_csv", f"{where}: group {r['group_id']} has no session {r['session_start']} with "
                        f"topic {r['topic_id']!r} in schedule.json", group=r["group_id"])
            continue
        tid, asked = expected[key]
        if r["topic_id"] != tid:
            rep.add("curriculum_csv", f"{where}: topic_id {r['topic_id']!r}, schedule.json says {tid!r}",
                    group=r["group_id"])
        if not _asked_matches(r["members_who_asked"], asked):
            rep.add("curriculum_csv", f"{where}: members_who_asked {r['members_who_asked']!r}, expected {len(asked)} "
                    f"({';'.join(asked)})", group=r["group_id"])
    for gid, start in sorted(set(expected) - seen):
        rep.add("curriculum_csv", f"{path}: no row for group {gid}'s session {em.rfc3339(start)} "
                f"(topic {expected[(gid, start)][0]})", group=gid)


def topic_demand(prog: em.Program, entries: list[Entry]) -> dict[str, tuple]:
    """topic id -> (asked, asked_first, members_covered, groups_teaching), spec section 10.
    asked counts every family in parents.csv; a family is covered when a session on the topic is
    (or was) for it; a group teaches a topic when any of its sessions, held or future, has it."""
    ids = list(prog.topics) + sorted({t for p in prog.parents.values() for t in p.topics} - set(prog.topics))
    asked = Counter(t for p in prog.parents.values() for t in dict.fromkeys(p.topics))
    first = Counter(p.topics[0] for p in prog.parents.values() if p.topics)
    covered: dict[str, set] = defaultdict(set)
    teaching: dict[str, set] = defaultdict(set)
    for e in entries:
        for s in e.sessions:
            if s.topic is None:
                continue
            teaching[s.topic].add(e.gid)
            for pid in attendees(e, s):
                if pid in prog.parents and s.topic in prog.parents[pid].topics:
                    covered[s.topic].add(pid)
    return {t: (asked[t], first[t], len(covered[t]), len(teaching[t])) for t in ids}


def check_topic_demand_csv(prog: em.Program, entries: list[Entry], out_dir: str, rep: Report) -> None:
    path = os.path.join(out_dir, "topic-demand.csv")
    columns = ("topic_id", "asked", "asked_first", "members_covered", "groups_teaching")
    rows = read_out_csv(path, columns, rep, "topic_demand_csv")
    if rows is None:
        return
    expected = topic_demand(prog, entries)
    seen = Counter()
    for line, r in rows:
        tid = r["topic_id"]
        seen[tid] += 1
        if tid not in expected:
            rep.add("topic_demand_csv", f"{path} line {line}: topic {tid!r} is neither in topics.csv nor requested "
                    "by any family")
            continue
        got = tuple(r[c].strip() for c in columns[1:])
        want = tuple(str(v) for v in expected[tid])
        if got != want:
            rep.add("topic_demand_csv", f"{path} line {line}: topic {tid}: (asked, asked_first, members_covered, "
                    f"groups_teaching) = {got}, expected {want}")
    for tid in expected:
        if seen[tid] == 0:
            rep.add("topic_demand_csv", f"{path}: no row for topic {tid!r}")
        elif seen[tid] > 1:
            rep.add("topic_demand_csv", f"{path}: topic {tid!r} has {seen[tid]} rows")


# --------------------------------------------------------------------------- driver


def previous_from_schedule(prev: dict[str, PrevGroup]) -> tuple[dict[str, str], dict[str, tuple]]:
    """parent -> mentor and parent -> group key of the previous run's members (from its "now" on)."""
    mentors, keys = {}, {}
    for pg in prev.values():
        for pid in pg.parents:
            mentors[pid] = pg.raw.get("mentor")
            keys[pid] = group_key(pg.raw)
    return mentors, keys


def check(prog: em.Program, sched: dict, previous: dict[str, str], *, now: dt.datetime | None = None,
          previous_schedule: dict | None = None, out_dir: str | None = None) -> tuple[Report, dict]:
    """Every rule; `previous` is parent -> mentor of the previous run (--previous), which wins over
    the one `previous_schedule` (--previous-schedule) gives for the continuity term."""
    rep = Report()
    st = prog.settings
    rep.warnings.extend(prog.warnings)
    unknown_plugins = sorted(k for k, v in st.plugins.items() if isinstance(v, dict) and k != "keep_apart")
    if unknown_plugins:
        rep.warnings.append(f"enlace.toml has [plugins] tables {unknown_plugins}; this checker knows only the "
                            "built-in rules of spec sections 4 and 8")
    if not isinstance(sched, dict):
        rep.add("shape", "schedule.json is not a JSON object")
        return rep, {}
    for key in ("program", "timezone", "score", "groups", "unmatched"):
        if key not in sched:
            rep.add("shape", f"schedule.json has no {key!r}")
    if sched.get("program") != st.name:
        rep.add("shape", f"program is {sched.get('program')!r}, enlace.toml name is {st.name!r}")
    if sched.get("timezone") != st.timezone:
        rep.add("shape", f"timezone is {sched.get('timezone')!r}, enlace.toml timezone is {st.timezone!r}")
    entries = []
    for i, raw in enumerate(sched.get("groups") or []):
        entries.append(parse_group(prog, raw, rep, i))
    for gid, n in Counter(e.gid for e in entries).items():
        if n > 1:
            rep.add("duplicate_group_id", f"group id {gid!r} is used twice", group=gid)
    now = resolve_now(entries, now, rep)
    split_sessions(entries, now, rep)
    for e in entries:
        check_group(prog, e, now, rep)
    check_parents(prog, sched, entries, rep)
    active = [e for e in entries if e.group is not None and e.members]
    check_mentors(prog, active, rep)
    check_pairs(prog, entries, rep)
    prev_keys = None
    if previous_schedule is not None:
        prev = read_previous_schedule(previous_schedule)
        prev_mentors, prev_keys = previous_from_schedule(prev)
        previous = previous or prev_mentors
        check_history({e.gid: e for e in entries}, prev, now, rep)
    elif now is not None and any(e.held for e in entries):
        rep.warnings.append("held sessions not checked against history: pass --previous-schedule")
    objective = check_score(prog, sched, active, previous, prev_keys, rep)
    check_curriculum(prog, sched, entries, active, rep)
    if out_dir is not None:
        need_since = now is not None or any("held" in r for e in entries for r in e.raw_sessions)
        check_assignments(prog, sched, entries, out_dir, need_since, rep)
        if prog.topics is not None:
            check_curriculum_csv(prog, entries, out_dir, rep)
            check_topic_demand_csv(prog, entries, out_dir, rep)
    return rep, objective


def _load_json(path: str):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def print_report(rep: Report, objective: dict, prog: em.Program, path: str, sched) -> None:
    n_groups = len(sched.get("groups") or []) if isinstance(sched, dict) else 0
    print(f"schedule: {path}")
    print(f"program:  {prog.settings.name} ({len(prog.parents)} parents, {len(prog.mentors)} mentors, "
          f"{n_groups} groups)")
    if objective:
        print(f"objective recomputed: {objective['total']}  terms: "
              + ", ".join(f"{k}={v}" for k, v in objective["terms"].items()))
    for w in rep.warnings:
        print(f"warning: {w}")
    if not rep.violations:
        print("OK: no violations")
        return
    by_rule: dict[str, list[dict]] = defaultdict(list)
    for v in rep.violations:
        by_rule[v["rule"]].append(v)
    print(f"FAILED: {len(rep.violations)} violation(s)")
    for rule in sorted(by_rule):
        print(f"[{rule}] {len(by_rule[rule])}")
        for v in by_rule[rule]:
            print(f"  - {v['message']}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Check an Enlace schedule.json against its program folder.")
    ap.add_argument("program_dir")
    ap.add_argument("--schedule", help="schedule file (default PROGRAM_DIR/out/schedule.json)")
    ap.add_argument("--out", help="folder with assignments.csv, curriculum.csv, topic-demand.csv to check "
                    "(default PROGRAM_DIR/out when --schedule is not given and it has assignments.csv)")
    ap.add_argument("--previous", help="assignments.csv of the previous run (for the continuity term)")
    ap.add_argument("--previous-schedule", help="schedule.json of the previous run (history, continuity, same_group)")
    ap.add_argument("--now", help="the run's now, RFC 3339 (e.g. 2026-12-10T12:00:00-08:00): sessions before it "
                    "are held")
    ap.add_argument("--json", action="store_true", help="print {ok, violations, warnings, objective} as JSON")
    a = ap.parse_args(argv)
    path = a.schedule or os.path.join(a.program_dir, "out", "schedule.json")
    out_dir = a.out or (None if a.schedule else os.path.join(a.program_dir, "out"))
    try:
        now = parse_instant(a.now) if a.now else None
    except ValueError as exc:
        print(f"check_schedule: --now: {exc}", file=sys.stderr)
        return 2
    try:
        prog = em.load_program(a.program_dir)
        previous = em.read_previous(a.previous)
    except em.ProgramError as exc:
        print(f"check_schedule: cannot read program: {exc}", file=sys.stderr)
        return 2
    try:
        sched = _load_json(path)
        prev_sched = _load_json(a.previous_schedule) if a.previous_schedule else None
    except (OSError, json.JSONDecodeError) as exc:
        print(f"check_schedule: cannot read {exc.filename if isinstance(exc, OSError) else 'JSON'}: {exc}",
              file=sys.stderr)
        return 2
    skipped_out = None
    if a.out is None and out_dir is not None and not os.path.exists(os.path.join(out_dir, "assignments.csv")):
        skipped_out, out_dir = out_dir, None
    rep, objective = check(prog, sched, previous, now=now, previous_schedule=prev_sched, out_dir=out_dir)
    if skipped_out:
        rep.warnings.append(f"{skipped_out}/assignments.csv is missing: the CSV outputs were not checked")
    ok = not rep.violations
    if a.json:
        print(json.dumps({"ok": ok, "violations": rep.violations, "warnings": rep.warnings,
                          "objective": objective}, indent=2, sort_keys=True))
    else:
        print_report(rep, objective, prog, path, sched)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
