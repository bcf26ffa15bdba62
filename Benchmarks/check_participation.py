#!/usr/bin/env python3
"""Independent checker of `enlace participation`'s outputs (spec section 11).

    python3 Benchmarks/check_participation.py PROGRAM_DIR [--schedule PATH] [--out DIR] [--now RFC3339] [--json]

Recomputes out/participation.csv and out/follow-up.csv from data/attendance/*.csv (sign-in
sheets and video-meeting participant reports, with or without the meeting block) and the held
sessions of out/schedule.json, and compares them with the files. Exit 0 when they agree, 1 on
any difference, 2 on unreadable input. Written from /work/shared/spec/PROGRAM.md only.

Where the spec leaves a choice (README.md, "Participation"): a row counts only for a held
session that was held for that parent; a report row's minutes are its Leave Time minus its Join
Time, and a parent's rows overlapping one session add up; a session attended in several modes
counts once, in the first of in_person, virtual, recording; watching the recording is attending.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import glob
import json
import os
import sys
from collections import defaultdict
from dataclasses import dataclass

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import check_schedule as cs  # noqa: E402
import enlace_model as em  # noqa: E402

MODES = ("in_person", "virtual", "recording")  # also the priority when a session has several
SIGN_IN = {"date", "group", "parent", "mode"}
REPORT = {"User Email", "Join Time", "Leave Time"}
TIME_FORMATS = ("%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M",
                "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M")


@dataclass
class Held:
    gid: str
    mentor: str
    mode: str
    start: dt.datetime
    end: dt.datetime
    parents: list


def held_sessions(prog: em.Program, sched: dict, now: dt.datetime | None) -> list[Held]:
    """The sessions held before `now`: those the run flags held, with the parents it lists, and,
    when `now` is later than the run's own moment, the run's future sessions that start before
    it, held for the group's members from the run's now on (sections 9 and 11: the run planned
    them for those parents, and time has passed)."""
    scratch = cs.Report()
    entries = [cs.parse_group(prog, raw, scratch, i) for i, raw in enumerate(sched.get("groups") or [])]
    run_now = cs.resolve_now(entries, None, scratch)
    cs.split_sessions(entries, run_now, scratch)
    held = [Held(e.gid, e.raw.get("mentor", ""), e.raw.get("mode", ""), s.start, s.end, list(s.parents or []))
            for e in entries for s in e.held]
    if now is not None:
        held += [Held(e.gid, e.raw.get("mentor", ""), e.raw.get("mode", ""), s.start, s.end, e.members)
                 for e in entries for s in e.future if s.start < now]
    return held


def parse_local(text: str, tz) -> dt.datetime | None:
    for fmt in TIME_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), fmt).replace(tzinfo=tz)
        except ValueError:
            continue
    return None


def read_rows(path: str) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def attendance(prog: em.Program, held: list[Held], warnings: list[str]) -> dict[tuple, set]:
    """(parent, group, session start) -> modes it was attended in."""
    tz, st = prog.settings.tz, prog.settings
    by_group_date = {(h.gid, h.start.astimezone(tz).date().isoformat()): h for h in held}
    virtual_of: dict[str, list[Held]] = defaultdict(list)
    for h in held:
        if h.mode == "virtual":
            for pid in dict.fromkeys(h.parents):
                virtual_of[pid].append(h)
    email_to_parent = {p.email.lower(): pid for pid, p in prog.parents.items() if p.email}
    seen: dict[tuple, set] = defaultdict(set)
    minutes: dict[tuple, float] = defaultdict(float)
    for path in sorted(glob.glob(os.path.join(prog.root, "data", "attendance", "*.csv"))):
        rows = read_rows(path)
        header_at = next((i for i, r in enumerate(rows) if REPORT <= {c.strip() for c in r}), None)
        first = next((r for r in rows if any(c.strip() for c in r)), [])
        if SIGN_IN <= {c.strip() for c in first}:
            cols = {c.strip(): i for i, c in enumerate(first)}
            for r in rows[rows.index(first) + 1:]:
                cell = {k: (r[i].strip() if i < len(r) else "") for k, i in cols.items()}
                h = by_group_date.get((cell["group"], cell["date"]))
                if h is not None and cell["parent"] in h.parents and cell["mode"] in MODES:
                    seen[(cell["parent"], h.gid, h.start)].add(cell["mode"])
        elif header_at is not None:
            cols = {c.strip(): i for i, c in enumerate(rows[header_at])}
            for r in rows[header_at + 1:]:
                if not any(c.strip() for c in r):
                    continue
                pid = email_to_parent.get(r[cols["User Email"]].strip().lower())
                join = parse_local(r[cols["Join Time"]], tz)
                leave = parse_local(r[cols["Leave Time"]], tz)
                if pid is None or join is None or leave is None:
                    continue
                for h in virtual_of.get(pid, ()):
                    if join < h.end and h.start < leave:
                        minutes[(pid, h.gid, h.start)] += (leave - join).total_seconds() / 60
        else:
            warnings.append(f"{path}: neither a sign-in sheet nor a participant report (by its header)")
    for key, total in minutes.items():
        if total >= st.min_virtual_minutes:
            seen[key].add("virtual")
    return seen


def expected_outputs(prog: em.Program, sched: dict, now: dt.datetime | None, warnings: list[str]):
    """({(parent, group): row}, {parent: follow-up row}) with rows as tuples of text."""
    tz = prog.settings.tz
    held = held_sessions(prog, sched, now)
    seen = attendance(prog, held, warnings)
    per_pair: dict[tuple, list[Held]] = defaultdict(list)
    for h in held:
        for pid in dict.fromkeys(h.parents):
            per_pair[(pid, h.gid)].append(h)
    participation = {}
    for (pid, gid), sessions in sorted(per_pair.items()):
        sessions.sort(key=lambda h: h.start)
        mode_of = {h.start: next((m for m in MODES if m in seen.get((pid, gid, h.start), ())), None)
                   for h in sessions}
        went = [h for h in sessions if mode_of[h.start]]
        last = went[-1].start.astimezone(tz).date().isoformat() if went else ""
        participation[(pid, gid)] = tuple(str(x) for x in (
            len(sessions), len(went), *(sum(1 for h in sessions if mode_of[h.start] == m) for m in MODES))) + (last,)
    follow_up = {}
    members = {pid: raw for raw in sched.get("groups") or [] for pid in (raw.get("parents") or [])}
    for pid, raw in sorted(members.items()):
        sessions = sorted(per_pair.get((pid, raw.get("id")), []), key=lambda h: h.start)
        missed = 0
        for h in reversed(sessions):
            if seen.get((pid, h.gid, h.start)):
                break
            missed += 1
        if missed >= 2:
            follow_up[pid] = (raw.get("mentor", ""), str(missed), participation[(pid, raw["id"])][-1])
    return participation, follow_up


def check(root: str, sched: dict, out_dir: str, now: dt.datetime | None = None) -> cs.Report:
    rep = cs.Report()
    prog = em.load_program(root)
    participation, follow_up = expected_outputs(prog, sched, now, rep.warnings)
    path = os.path.join(out_dir, "participation.csv")
    cols = ("parent_id", "group_id", "held", "attended", "in_person", "virtual", "recording", "last_attended")
    rows = cs.read_out_csv(path, cols, rep, "participation_csv")
    seen = set()
    for line, r in rows or []:
        key = (r["parent_id"], r["group_id"])
        got = tuple(r[c].strip() for c in cols[2:])
        if key in seen:
            rep.add("participation_csv", f"{path} line {line}: parent {key[0]} in group {key[1]} is listed twice",
                    parent=key[0], group=key[1])
        seen.add(key)
        want = participation.get(key)
        if want is None:
            if got[:-1] != ("0",) * 5 or got[-1]:
                rep.add("participation_csv", f"{path} line {line}: parent {key[0]} had no session held in group "
                        f"{key[1]}, but the row says {got}", parent=key[0], group=key[1])
        elif got != want:
            rep.add("participation_csv", f"{path} line {line}: parent {key[0]} in group {key[1]}: {cols[2:]} = {got}, "
                    f"expected {want}", parent=key[0], group=key[1])
    for pid, gid in sorted(set(participation) - seen):
        if rows is not None:
            rep.add("participation_csv", f"{path}: no row for parent {pid} in group {gid}", parent=pid, group=gid)
    path = os.path.join(out_dir, "follow-up.csv")
    cols = ("parent_id", "mentor_id", "missed_in_a_row", "last_attended")
    rows = cs.read_out_csv(path, cols, rep, "follow_up_csv")
    listed = set()
    for line, r in rows or []:
        pid = r["parent_id"]
        listed.add(pid)
        got = tuple(r[c].strip() for c in cols[1:])
        if pid not in follow_up:
            rep.add("follow_up_csv", f"{path} line {line}: parent {pid} did not miss their group's last two held "
                    "sessions", parent=pid)
        elif got != follow_up[pid]:
            rep.add("follow_up_csv", f"{path} line {line}: parent {pid}: {cols[1:]} = {got}, expected "
                    f"{follow_up[pid]}", parent=pid)
    for pid in sorted(set(follow_up) - listed):
        if rows is not None:
            rep.add("follow_up_csv", f"{path}: parent {pid} missed their group's last {follow_up[pid][1]} held "
                    "sessions but is not listed", parent=pid)
    return rep


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Check out/participation.csv and out/follow-up.csv.")
    ap.add_argument("program_dir")
    ap.add_argument("--schedule", help="schedule file (default PROGRAM_DIR/out/schedule.json)")
    ap.add_argument("--out", help="folder with participation.csv and follow-up.csv (default PROGRAM_DIR/out)")
    ap.add_argument("--now", help="the moment enlace participation ran (its --now), RFC 3339; sessions the run planned before it count as held for the groups' members; default: the run's own held sessions only")
    ap.add_argument("--json", action="store_true", help="print {ok, violations, warnings} as JSON")
    a = ap.parse_args(argv)
    try:
        now = cs.parse_instant(a.now) if a.now else None
        with open(a.schedule or os.path.join(a.program_dir, "out", "schedule.json"), encoding="utf-8") as fh:
            sched = json.load(fh)
        rep = check(a.program_dir, sched, a.out or os.path.join(a.program_dir, "out"), now)
    except (ValueError, OSError, em.ProgramError) as exc:
        print(f"check_participation: {exc}", file=sys.stderr)
        return 2
    ok = not rep.violations
    if a.json:
        print(json.dumps({"ok": ok, "violations": rep.violations, "warnings": rep.warnings}, indent=2))
        return 0 if ok else 1
    for w in rep.warnings:
        print(f"warning: {w}")
    print("OK: no violations" if ok else f"FAILED: {len(rep.violations)} violation(s)")
    for v in rep.violations:
        print(f"  - [{v['rule']}] {v['message']}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
