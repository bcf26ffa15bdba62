#!/usr/bin/env python3
"""Reference MIP of the Enlace matching model (spec section 4), solved with HiGHS.

    python3 Benchmarks/mip_reference.py PROGRAM_DIR [--time-limit SECONDS] [--threads 2]
        [--previous ASSIGNMENTS_CSV] [--rel-gap 0] [--write-schedule PATH]

Prints {"status","objective","bound","gap","seconds","parents","mentors","groups","pairs"}
(groups = candidate groups with at least one fitting parent, pairs = fitting parent-group pairs).
With --write-schedule it also writes the solution as a schedule.json (spec section 6) that
check_schedule.py can verify. A benchmark tool, not a product dependency (`pip install highspy`).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import enlace_model as em  # noqa: E402


def fitting_pairs(prog: em.Program, groups: list[em.Group]) -> dict[int, list[str]]:
    """group index -> parent ids that fit it (spec: 'A parent p fits a group')."""
    st = prog.settings
    D = st.session_minutes
    by_mentor_lang: dict[str, list[em.Parent]] = {}
    for mid, m in prog.mentors.items():
        by_mentor_lang[mid] = [p for _, p in sorted(prog.parents.items()) if em.share_language(p.languages, m.languages)]
    out: dict[int, list[str]] = {}
    for gi, g in enumerate(groups):
        fits = []
        for p in by_mentor_lang[g.mentor]:
            if g.mode not in p.modes:
                continue
            if g.mode == "in_person" and p.site != g.site:
                continue
            if g.kind == "weekly":
                if not em.slot_in_windows(p.windows, g.weekday, g.start, g.start + D):
                    continue
            else:
                if not p.open_house:
                    if not all(em.session_in_windows(p.windows, s, st.tz) for s in g.sessions):
                        continue
            fits.append(p.id)
        if fits:
            out[gi] = fits
    return out


def conflict_cliques(prog: em.Program, groups: list[em.Group], used: list[int]) -> list[list[int]]:
    """Sets of group indices of one mentor that pairwise overlap (each set: at most one open)."""
    cliques: set[tuple[int, ...]] = set()
    by_mentor: dict[str, list[int]] = defaultdict(list)
    for gi in used:
        by_mentor[groups[gi].mentor].append(gi)
    for mid, gis in by_mentor.items():
        weekly = [gi for gi in gis if groups[gi].kind == "weekly"]
        oh = [gi for gi in gis if groups[gi].kind == "open_house"]
        # weekly slots on one weekday: the maximal cliques of intervals sit at interval starts
        for day in range(7):
            wd = [gi for gi in weekly if groups[gi].weekday == day]
            for point in sorted({groups[gi].start for gi in wd}):
                c = tuple(sorted(gi for gi in wd if groups[gi].start <= point < groups[gi].start + groups[gi].minutes))
                if len(c) > 1:
                    cliques.add(c)
        if not oh:
            continue
        # dated sessions: every overlap between an open-house group and another group shows at a
        # session start lying inside a session of the other group.
        points = set()
        for gi in oh:
            points.update(s.start for s in groups[gi].sessions)
        oh_sessions = [s for gi in oh for s in groups[gi].sessions]
        for gi in weekly:
            for s in groups[gi].sessions:
                if any(o.start <= s.start < o.end for o in oh_sessions):
                    points.add(s.start)
        for t in points:
            c = tuple(sorted(gi for gi in gis if any(s.start <= t < s.end for s in groups[gi].sessions)))
            if len(c) > 1 and any(groups[gi].kind == "open_house" for gi in c):
                cliques.add(c)
    # drop cliques contained in another one
    ordered = sorted(cliques, key=len, reverse=True)
    kept: list[set[int]] = []
    for c in ordered:
        sc = set(c)
        if not any(sc <= k for k in kept):
            kept.append(sc)
    return [sorted(k) for k in kept]


def _quiet_highs(highspy):
    """A Highs instance without its start-up banner on stdout (stdout carries our JSON)."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            h = highspy.Highs()
            h.setOptionValue("output_flag", False)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    return h


def conflict_pairs(prog: em.Program, groups: list[em.Group], used: list[int]) -> list[list[int]]:
    """Every overlapping pair of one mentor's groups (weak formulation, for cross-checking cliques)."""
    by_mentor: dict[str, list[int]] = defaultdict(list)
    for gi in used:
        by_mentor[groups[gi].mentor].append(gi)
    out = []
    for gis in by_mentor.values():
        for i in range(len(gis)):
            for j in range(i + 1, len(gis)):
                if em.groups_conflict(groups[gis[i]], groups[gis[j]]):
                    out.append([gis[i], gis[j]])
    return out


def build_and_solve(prog: em.Program, previous: dict[str, str], time_limit: float, threads: int,
                    rel_gap: float, verbose: bool = False, conflicts: str = "cliques") -> dict:
    import highspy
    import numpy as np

    t0 = time.time()
    st = prog.settings
    groups = em.candidate_groups(prog)
    fits = fitting_pairs(prog, groups)
    used = sorted(fits)
    # columns: y for each used group, then x for each pair
    col_of_y = {gi: k for k, gi in enumerate(used)}
    pairs: list[tuple[str, int]] = [(pid, gi) for gi in used for pid in fits[gi]]
    ny = len(used)
    n = ny + len(pairs)
    cost = np.zeros(n)
    w = st.weights
    for gi in used:
        cost[col_of_y[gi]] = w["group"]
    for k, (pid, gi) in enumerate(pairs):
        g = groups[gi]
        cost[ny + k] = sum(em.pair_terms(prog, prog.parents[pid], prog.mentors[g.mentor], g.kind, previous).values())

    rows_lo, rows_hi, starts, idx, val = [], [], [], [], []

    def row(cols, coefs, lo, hi):
        starts.append(len(idx))
        idx.extend(cols)
        val.extend(coefs)
        rows_lo.append(lo)
        rows_hi.append(hi)

    inf = highspy.kHighsInf
    by_parent: dict[str, list[int]] = defaultdict(list)
    by_group: dict[int, list[int]] = defaultdict(list)
    by_mentor_x: dict[str, list[int]] = defaultdict(list)
    by_mentor_y: dict[str, list[int]] = defaultdict(list)
    for k, (pid, gi) in enumerate(pairs):
        by_parent[pid].append(ny + k)
        by_group[gi].append(ny + k)
        by_mentor_x[groups[gi].mentor].append(ny + k)
    for gi in used:
        by_mentor_y[groups[gi].mentor].append(col_of_y[gi])
    for pid, cols in by_parent.items():  # each parent in at most one group
        if len(cols) > 1:
            row(cols, [1.0] * len(cols), -inf, 1.0)
    G = st.max_group_size
    for gi in used:  # group size and linking; x <= y strengthening
        cols = by_group[gi]
        row(cols + [col_of_y[gi]], [1.0] * len(cols) + [-float(G)], -inf, 0.0)
        for c in cols:
            row([c, col_of_y[gi]], [1.0, -1.0], -inf, 0.0)
        row(cols + [col_of_y[gi]], [-1.0] * len(cols) + [1.0], -inf, 0.0)  # only non-empty groups
    for mid, cols in by_mentor_x.items():  # capacity
        cap = prog.mentors[mid].capacity
        if len(cols) > cap:
            row(cols, [1.0] * len(cols), -inf, float(cap))
    K = st.max_groups_per_mentor
    for mid, cols in by_mentor_y.items():
        if len(cols) > K:
            row(cols, [1.0] * len(cols), -inf, float(K))
    if conflicts == "pairs":
        cliques = conflict_pairs(prog, groups, used)
    else:
        cliques = conflict_cliques(prog, groups, used)
    for c in cliques:
        row([col_of_y[gi] for gi in c], [1.0] * len(c), -inf, 1.0)

    # HiGHS keeps one global thread pool per process; a different `threads` value than the
    # pool's makes run() fail, so reset it (matters when called twice in one process, e.g. tests).
    highspy.Highs.resetGlobalScheduler(True)
    h = _quiet_highs(highspy)
    h.setOptionValue("output_flag", bool(verbose))
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", int(threads))
    h.setOptionValue("mip_rel_gap", float(rel_gap))
    h.setOptionValue("random_seed", 0)
    if n:
        h.addCols(n, cost, np.zeros(n), np.ones(n), 0, np.array([], dtype=np.int32),
                  np.array([], dtype=np.int32), np.array([], dtype=np.float64))
        h.changeColsIntegrality(n, np.arange(n, dtype=np.int32),
                                np.array([highspy.HighsVarType.kInteger] * n))
        if rows_lo:
            h.addRows(len(rows_lo), np.array(rows_lo), np.array(rows_hi), len(idx),
                      np.array(starts, dtype=np.int32), np.array(idx, dtype=np.int32), np.array(val))
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    build_seconds = time.time() - t0
    if n:
        run_status = h.run()
        status = h.modelStatusToString(h.getModelStatus())
        if run_status == highspy.HighsStatus.kError:
            status = f"Error ({status})"
        info = h.getInfo()
        objective = info.objective_function_value
        bound = info.mip_dual_bound
        x = list(h.getSolution().col_value)
    else:
        status, objective, bound, x = "Optimal", 0.0, 0.0, []
    def finite(v):
        return v if isinstance(v, (int, float)) and math.isfinite(v) else None

    objective, bound = finite(objective), finite(bound)
    if objective is None or bound is None:
        gap = None
    else:
        gap = max(0.0, (bound - objective) / max(abs(bound), 1e-9)) if abs(bound - objective) > 1e-9 else 0.0
    seconds = time.time() - t0
    chosen_groups = [gi for gi in used if x and x[col_of_y[gi]] > 0.5]
    members = defaultdict(list)
    for k, (pid, gi) in enumerate(pairs):
        if x and x[ny + k] > 0.5:
            members[gi].append(pid)
    return {
        "result": {
            "status": status, "objective": objective, "bound": bound, "gap": gap,
            "seconds": round(seconds, 3), "build_seconds": round(build_seconds, 3),
            "parents": len(prog.parents), "mentors": len(prog.mentors),
            "groups": ny, "pairs": len(pairs), "cliques": len(cliques), "rows": len(rows_lo),
        },
        "groups": groups, "chosen": chosen_groups, "members": members, "fits": fits,
    }


def to_schedule(prog: em.Program, solved: dict, previous: dict[str, str]) -> dict:
    """The solution as a spec section 6 schedule.json (objective recomputed exactly)."""
    st = prog.settings
    groups, chosen, members = solved["groups"], solved["chosen"], solved["members"]
    fittable = {pid for pids in solved["fits"].values() for pid in pids}
    out_groups, assignment, matched = [], [], set()
    order = sorted(chosen, key=lambda gi: (groups[gi].mentor, groups[gi].kind != "weekly",
                                           groups[gi].weekday or 0, groups[gi].start or 0, groups[gi].mode,
                                           groups[gi].site or ""))
    for n, gi in enumerate(order, start=1):
        g = groups[gi]
        pids = sorted(members[gi])
        item = {"id": f"g{n:03d}", "mentor": g.mentor, "kind": g.kind, "mode": g.mode, "site": g.site}
        if g.kind == "weekly":
            item["weekday"] = em.DAYS[g.weekday]
            item["start"] = em.fmt_minutes(g.start)
        item.update({"minutes": g.minutes, "parents": pids,
                     "sessions": [{"start": em.rfc3339(s.start), "end": em.rfc3339(s.end)} for s in g.sessions]})
        out_groups.append(item)
        for pid in pids:
            assignment.append((pid, g.mentor, g.kind))
            matched.add(pid)
    terms = em.objective_terms(prog, assignment, len(order), previous)
    total = sum(terms.values())
    bound = max(solved["result"]["bound"] if solved["result"]["bound"] is not None else total, total)
    unmatched = [{"parent": pid, "reasons": ["fits a candidate group but was not assigned by the reference MIP"
                                             if pid in fittable else "fits no candidate group"]}
                 for pid in sorted(set(prog.parents) - matched)]
    return {"program": st.name, "timezone": st.timezone,
            "score": {"total": total, "bound": bound, "gap": (bound - total) / max(abs(bound), 1e-9),
                      "terms": terms},
            "groups": out_groups, "unmatched": unmatched}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Solve the exact Enlace MIP with HiGHS.")
    ap.add_argument("program_dir")
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rel-gap", type=float, default=0.0, help="HiGHS mip_rel_gap (default 0: prove optimality)")
    ap.add_argument("--previous", help="assignments.csv of the previous run (continuity term)")
    ap.add_argument("--write-schedule", help="also write the solution as schedule.json to this path")
    ap.add_argument("--conflicts", choices=["cliques", "pairs"], default="cliques",
                    help="overlap constraints: clique per time point (default) or one row per overlapping pair")
    ap.add_argument("--verbose", action="store_true", help="show the HiGHS log on stdout")
    a = ap.parse_args(argv)
    try:
        prog = em.load_program(a.program_dir)
        previous = em.read_previous(a.previous)
    except em.ProgramError as exc:
        print(f"mip_reference: cannot read program: {exc}", file=sys.stderr)
        return 1
    for wmsg in prog.warnings:
        print(f"warning: {wmsg}", file=sys.stderr)
    solved = build_and_solve(prog, previous, a.time_limit, a.threads, a.rel_gap, a.verbose, a.conflicts)
    if a.write_schedule:
        sched = to_schedule(prog, solved, previous)
        os.makedirs(os.path.dirname(os.path.abspath(a.write_schedule)), exist_ok=True)
        with open(a.write_schedule, "w", encoding="utf-8") as fh:
            json.dump(sched, fh, indent=2, ensure_ascii=False)
            fh.write("\n")
    print(json.dumps(solved["result"], allow_nan=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
