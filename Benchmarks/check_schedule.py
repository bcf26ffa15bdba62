#!/usr/bin/env python3
"""Independent checker of an Enlace `out/schedule.json` against its program folder.

    python3 Benchmarks/check_schedule.py PROGRAM_DIR [--schedule PATH] [--previous ASSIGNMENTS_CSV] [--json]

Written from /work/shared/spec/PROGRAM.md only (sections 2-6). It re-reads the program
folder (enlace.toml, data/*.csv, calendars/*.ics), recomputes every group's sessions and the
objective, and checks every hard rule of section 4 and the shape of section 6.
Exit 0 when clean, 1 on any violation, 2 on a usage error or unreadable input.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from collections import Counter, defaultdict

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


def _num(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


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


def parse_group(prog: em.Program, raw: dict, rep: Report, index: int):
    """Returns (gid, Group or None, parent ids)."""
    st, tz = prog.settings, prog.settings.tz
    gid = raw.get("id") if isinstance(raw, dict) else None
    if not isinstance(raw, dict):
        rep.add("shape", f"groups[{index}] is not an object")
        return f"#{index}", None, []
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
    sessions: list[em.Session] = []
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
        sessions.append(em.Session(a.astimezone(tz), b.astimezone(tz)))
    if mid not in prog.mentors:
        rep.add("unknown_mentor", f"group {gid}: mentor {mid!r} is not in mentors.csv", group=gid, mentor=mid)
        return gid, None, parents
    if kind not in ("weekly", "open_house") or mode not in em.MODES or \
            (kind == "weekly" and (weekday is None or start is None)):
        return gid, None, parents
    g = em.Group(mid, kind, mode, site if mode == "in_person" else None, weekday, start, minutes, sessions)
    return gid, g, parents


def check(prog: em.Program, sched: dict, previous: dict[str, str]) -> tuple[Report, dict]:
    rep = Report()
    st, tz = prog.settings, prog.settings.tz
    rep.warnings.extend(prog.warnings)
    unknown_plugins = sorted(k for k, v in st.plugins.items() if isinstance(v, dict))
    if unknown_plugins:
        rep.warnings.append(f"enlace.toml has [plugins] tables {unknown_plugins}; this checker knows only the "
                            "built-in rules of spec section 4")
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

    groups: list[tuple[str, em.Group | None, list]] = []
    seen_ids: set[str] = set()
    for i, raw in enumerate(sched.get("groups") or []):
        gid, g, parents = parse_group(prog, raw, rep, i)
        if gid in seen_ids:
            rep.add("duplicate_group_id", f"group id {gid!r} is used twice", group=gid)
        seen_ids.add(gid)
        groups.append((gid, g, parents))

    # --- per group
    where: dict[str, list[str]] = defaultdict(list)  # parent -> group ids
    assignment: list[tuple[str, str, str]] = []
    for gid, g, parents in groups:
        if not parents:
            rep.add("empty_group", f"group {gid} has no parents", group=gid)
        if len(parents) > st.max_group_size:
            rep.add("group_size", f"group {gid} has {len(parents)} parents > max_group_size {st.max_group_size}",
                    group=gid)
        for pid in parents:
            where[pid].append(gid)
        if g is None:
            continue
        m = prog.mentors[g.mentor]
        for why in em.group_fits_mentor(prog, m, g):
            rep.add("group_invalid", f"group {gid} ({g.label()}): {why}", group=gid, mentor=m.id)
        # sessions: recompute and compare
        if g.kind == "weekly":
            expected = em.weekly_sessions(prog, g.weekday, g.start)
        else:
            expected = em.open_house_sessions(prog, g.site) if g.site else []
        exp = {(s.start, s.end) for s in expected}
        got = [(s.start, s.end) for s in g.sessions]
        if len(set(got)) != len(got):
            rep.add("session_duplicate", f"group {gid}: a session is listed twice", group=gid)
        missing = sorted(exp - set(got))
        extra = sorted(set(got) - exp)
        for a, b in missing:
            rep.add("session_missing", f"group {gid}: expected session {em.rfc3339(a)} - {em.rfc3339(b)} "
                    "is missing", group=gid)
        for a, b in extra:
            rep.add("session_unexpected", f"group {gid}: session {em.rfc3339(a)} - {em.rfc3339(b)} is not one "
                    "of the group's sessions by the spec", group=gid)
        if got != sorted(got):
            rep.warnings.append(f"group {gid}: sessions are not in chronological order")
        if not g.sessions:
            rep.add("no_sessions", f"group {gid} has no sessions", group=gid)
        for s in g.sessions:
            for d in em.session_dates_touched(s, tz):
                if d in prog.blackouts:
                    rep.add("session_blackout", f"group {gid}: session {em.rfc3339(s.start)} falls on blackout "
                            f"day {d}", group=gid)
                if not (st.term_start <= d <= st.term_end):
                    rep.add("session_outside_term", f"group {gid}: session {em.rfc3339(s.start)} is outside "
                            f"the term {st.term_start}..{st.term_end}", group=gid)
        # parents
        for pid in dict.fromkeys(parents):
            if pid not in prog.parents:
                rep.add("unknown_parent", f"group {gid}: parent {pid!r} is not in parents.csv", group=gid,
                        parent=pid)
                continue
            for why in em.parent_fits(prog, prog.parents[pid], m, g):
                rep.add("parent_fit", f"group {gid}: parent {pid} does not fit: {why}", group=gid, parent=pid,
                        mentor=m.id)
            assignment.append((pid, m.id, g.kind))

    for pid, gids in where.items():
        if len(gids) > 1:
            rep.add("parent_twice", f"parent {pid} is in more than one group (or twice in one): {gids}",
                    parent=pid)

    # --- unmatched
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

    # --- mentors
    by_mentor: dict[str, list[tuple[str, em.Group, list]]] = defaultdict(list)
    for gid, g, parents in groups:
        if g is not None:
            by_mentor[g.mentor].append((gid, g, parents))
    for mid, gs in sorted(by_mentor.items()):
        m = prog.mentors[mid]
        total = sum(len(set(p)) for _, _, p in gs)
        if total > m.capacity:
            rep.add("mentor_capacity", f"mentor {mid} has {total} parents > capacity {m.capacity}", mentor=mid)
        if len(gs) > st.max_groups_per_mentor:
            rep.add("mentor_groups", f"mentor {mid} has {len(gs)} groups > max_groups_per_mentor "
                    f"{st.max_groups_per_mentor}", mentor=mid)
        for i in range(len(gs)):
            for j in range(i + 1, len(gs)):
                why = em.groups_conflict(gs[i][1], gs[j][1])
                if why:
                    rep.add("mentor_overlap", f"mentor {mid}: groups {gs[i][0]} and {gs[j][0]} overlap: {why}",
                            mentor=mid, groups=[gs[i][0], gs[j][0]])

    # --- score
    n_groups = sum(1 for _, g, _ in groups if g is not None)
    terms = em.objective_terms(prog, assignment, n_groups, previous)
    total = sum(terms.values())
    objective = {"total": total, "terms": terms}
    score = sched.get("score")
    if not isinstance(score, dict):
        rep.add("shape", "score is not an object")
        return rep, objective
    rterms = score.get("terms")
    if not isinstance(rterms, dict):
        rep.add("shape", "score.terms is not an object")
        rterms = {}
    for key in em.TERM_KEYS:
        got = rterms.get(key, 0)
        if not _num(got):
            rep.add("score_term", f"score.terms.{key} is {got!r}, not a number")
        elif abs(got - terms[key]) > TOL:
            rep.add("score_term", f"score.terms.{key} is {got}, recomputed {terms[key]}")
    for key, val in rterms.items():
        if key not in em.TERM_KEYS and (not _num(val) or abs(val) > TOL):
            rep.add("score_term", f"score.terms has unknown term {key!r} = {val!r} (not a built-in weight key)")
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
    return rep, objective


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Check an Enlace schedule.json against its program folder.")
    ap.add_argument("program_dir")
    ap.add_argument("--schedule", help="schedule file (default PROGRAM_DIR/out/schedule.json)")
    ap.add_argument("--previous", help="assignments.csv of the previous run (for the continuity term)")
    ap.add_argument("--json", action="store_true", help="print {ok, violations, warnings, objective} as JSON")
    a = ap.parse_args(argv)
    path = a.schedule or os.path.join(a.program_dir, "out", "schedule.json")
    try:
        prog = em.load_program(a.program_dir)
        previous = em.read_previous(a.previous)
    except em.ProgramError as exc:
        print(f"check_schedule: cannot read program: {exc}", file=sys.stderr)
        return 2
    try:
        with open(path, encoding="utf-8") as fh:
            sched = json.load(fh)
    except (OSError, json.JSONDecodeError) as exc:
        print(f"check_schedule: cannot read {path}: {exc}", file=sys.stderr)
        return 2
    rep, objective = check(prog, sched, previous)
    ok = not rep.violations
    if a.json:
        print(json.dumps({"ok": ok, "violations": rep.violations, "warnings": rep.warnings,
                          "objective": objective}, indent=2, sort_keys=True))
    else:
        n_groups = len(sched.get("groups") or []) if isinstance(sched, dict) else 0
        print(f"schedule: {path}")
        print(f"program:  {prog.settings.name} ({len(prog.parents)} parents, {len(prog.mentors)} mentors, "
              f"{n_groups} groups)")
        if objective:
            print(f"objective recomputed: {objective['total']}  terms: "
                  + ", ".join(f"{k}={v}" for k, v in objective["terms"].items()))
        for w in rep.warnings:
            print(f"warning: {w}")
        if ok:
            print("OK: no violations")
        else:
            by_rule: dict[str, list[dict]] = defaultdict(list)
            for v in rep.violations:
                by_rule[v["rule"]].append(v)
            print(f"FAILED: {len(rep.violations)} violation(s)")
            for rule in sorted(by_rule):
                print(f"[{rule}] {len(by_rule[rule])}")
                for v in by_rule[rule]:
                    print(f"  - {v['message']}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
