#!/usr/bin/env python3
"""Reference MIP of the Enlace matching model (spec section 4), solved with HiGHS.

    python3 Benchmarks/mip_reference.py PROGRAM_DIR [--time-limit SECONDS] [--threads 2]
        [--previous ASSIGNMENTS_CSV] [--rel-gap 0] [--write-schedule PATH]
        [--linking auto|pair|aggregate] [--x-vars auto|binary|continuous]

Prints {"status","objective","bound","gap","seconds","parents","mentors","groups","pairs",...}
(groups = candidate groups with at least one fitting parent, pairs = fitting parent-group pairs;
"seconds" includes "build_seconds", neither includes reading the program folder).
With --write-schedule it also writes the solution as a schedule.json (spec section 6) that
check_schedule.py can verify. A benchmark tool, not a product dependency (`pip install highspy`).

Building the model takes about 2 s at 4,000 parents (762,786 fitting pairs; 779,056 rows with
the x <= y rows; was 35 s with one Python loop per pair): fitting pairs come from numpy masks
per group, with the language test once per mentor language set and the time tests once per
distinct parent windows, and all rows go to HiGHS in one addRows call. Reading the program
folder adds about 1 s. Above LARGE_MODEL_PAIRS pairs the default formulation changes
(aggregate linking rows, continuous x; same optimum, see build_and_solve), because HiGHS does
not get past its set-up of the original one at that size: at 4,000 parents it was still
without a solution 10 minutes into a 300 s limit.
"""
from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import math
import os
import sys
import time
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import enlace_model as em  # noqa: E402


def fitting_pairs_direct(prog: em.Program, groups: list[em.Group]) -> dict[int, list[str]]:
    """group index -> parent ids that fit it, written straight from the spec's rule, one parent and
    group at a time (slow: about 25 s at 4,000 parents). The tests check fitting_pairs against it."""
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


class PairIndex:
    """The fitting parent-group pairs as arrays, found with the same rule as fitting_pairs_direct
    but computed once per distinct value instead of once per pair: the parents sharing a language
    once per mentor language set, a weekly slot against each distinct set of parent windows once,
    an open-house group's sessions against each distinct set of windows once.

    Parents are numbered in sorted id order (`pids`). Pairs are ordered by group index, then
    parent: pair k is (parent `pair_parent[k]`, group `pair_group[k]`), and the pairs of used
    group `used[j]` are `starts[j]:starts[j+1]` — the order fitting_pairs_direct gives.
    """

    def __init__(self, prog: em.Program, groups: list[em.Group]):
        import numpy as np

        st = prog.settings
        D, tz = st.session_minutes, st.tz
        self.pids = sorted(prog.parents)
        parents = [prog.parents[pid] for pid in self.pids]
        P = len(parents)
        self.parents = parents
        # languages: one column per primary subtag any parent has
        lang_ix: dict[str, int] = {}
        for p in parents:
            for t in p.languages:
                lang_ix.setdefault(em.primary(t), len(lang_ix))
        self.lang_ix = lang_ix
        speaks = np.zeros((P, max(1, len(lang_ix))), dtype=bool)
        for i, p in enumerate(parents):
            for t in p.languages:
                speaks[i, lang_ix[em.primary(t)]] = True
        self.first_lang = np.array([lang_ix[em.primary(p.languages[0])] if p.languages else -1 for p in parents],
                                   dtype=np.int64)
        mode_ok = {mode: np.array([mode in p.modes for p in parents], dtype=bool) for mode in em.MODES}
        site_ix: dict[str, int] = {}
        site = np.array([site_ix.setdefault(p.site, len(site_ix)) for p in parents], dtype=np.int64)
        oh_yes = np.array([p.open_house for p in parents], dtype=bool)
        # parents with the same windows fit the same slots
        wkey_ix: dict[tuple, int] = {}
        wclass = np.array([wkey_ix.setdefault(tuple(sorted((d, tuple(w)) for d, w in p.windows.items())),
                                              len(wkey_ix)) for p in parents], dtype=np.int64)
        class_windows: list[dict] = [None] * len(wkey_ix)  # type: ignore[list-item]
        for i, p in enumerate(parents):
            if class_windows[wclass[i]] is None:
                class_windows[wclass[i]] = p.windows
        lang_mask: dict[frozenset, np.ndarray] = {}
        slot_fit: dict[tuple[int, int], np.ndarray] = {}
        oh_fit: dict[tuple[int, tuple], bool] = {}
        used: list[int] = []
        parts: list[np.ndarray] = []
        for gi, g in enumerate(groups):
            m = prog.mentors[g.mentor]
            lkey = frozenset(em.primary(t) for t in m.languages)
            mask = lang_mask.get(lkey)
            if mask is None:
                cols = [lang_ix[t] for t in lkey if t in lang_ix]
                mask = speaks[:, cols].any(axis=1) if cols else np.zeros(P, dtype=bool)
                lang_mask[lkey] = mask
            mask = mask & mode_ok[g.mode] if g.mode in mode_ok else np.zeros(P, dtype=bool)
            if g.mode == "in_person":
                mask &= site == site_ix.get(g.site, -1)
            if g.kind == "weekly":
                fit = slot_fit.get((g.weekday, g.start))
                if fit is None:
                    fit = np.array([em.slot_in_windows(w, g.weekday, g.start, g.start + D) for w in class_windows],
                                   dtype=bool)
                    slot_fit[(g.weekday, g.start)] = fit
                mask &= fit[wclass]
            else:
                skey = tuple((s.start, s.end) for s in g.sessions)
                for i in np.flatnonzero(mask & ~oh_yes):
                    k = (int(wclass[i]), skey)
                    ok = oh_fit.get(k)
                    if ok is None:
                        ok = all(em.session_in_windows(parents[i].windows, s, tz) for s in g.sessions)
                        oh_fit[k] = ok
                    if not ok:
                        mask[i] = False
            fits = np.flatnonzero(mask)
            if len(fits):
                used.append(gi)
                parts.append(fits)
        self.used = used
        self.starts = np.zeros(len(used) + 1, dtype=np.int64)
        if parts:
            self.starts[1:] = np.cumsum([len(a) for a in parts])
            self.pair_parent = np.concatenate(parts)
        else:
            self.pair_parent = np.zeros(0, dtype=np.int64)
        self.pair_used = np.repeat(np.arange(len(used), dtype=np.int64), np.diff(self.starts))
        self.pair_group = np.array(used, dtype=np.int64)[self.pair_used] if used else self.pair_parent.copy()

    def fits(self) -> dict[int, list[str]]:
        pids = self.pids
        return {gi: [pids[i] for i in self.pair_parent[self.starts[j]:self.starts[j + 1]]]
                for j, gi in enumerate(self.used)}

    def pair_costs(self, prog: em.Program, groups: list[em.Group], previous: dict[str, str]):
        """Objective coefficient of each pair: the sum of em.pair_terms, one mentor at a time."""
        import numpy as np

        w = prog.settings.weights
        cap = w.get("shared_topic_cap", 3)
        P = len(self.pids)
        topic_ix: dict[str, int] = {}
        for p in self.parents:
            for t in p.topics:
                topic_ix.setdefault(t, len(topic_ix))
        has_topic = np.zeros((P, max(1, len(topic_ix))), dtype=np.int64)
        for i, p in enumerate(self.parents):
            for t in set(p.topics):
                has_topic[i, topic_ix[t]] = 1
        prev_mentor = np.array([previous.get(pid, "") for pid in self.pids], dtype=object)
        pair_mentor = np.array([groups[gi].mentor for gi in self.used], dtype=object)[self.pair_used] \
            if self.used else np.zeros(0, dtype=object)
        is_oh = np.array([groups[gi].kind == "open_house" for gi in self.used], dtype=bool)[self.pair_used] \
            if self.used else np.zeros(0, dtype=bool)
        cost = np.zeros(len(self.pair_parent))
        order = np.argsort(pair_mentor, kind="stable") if len(pair_mentor) else np.zeros(0, dtype=np.int64)
        bounds = np.flatnonzero(np.r_[True, pair_mentor[order][1:] != pair_mentor[order][:-1], True]) \
            if len(order) else np.zeros(1, dtype=np.int64)
        for a, b in zip(bounds[:-1], bounds[1:]):
            ks = order[a:b]
            m = prog.mentors[pair_mentor[ks[0]]]
            pi = self.pair_parent[ks]
            mlangs = np.zeros(len(self.lang_ix) + 1, dtype=bool)  # last entry: parent without languages
            for t in m.languages:
                if em.primary(t) in self.lang_ix:
                    mlangs[self.lang_ix[em.primary(t)]] = True
            pref = mlangs[self.first_lang[pi]]
            tcols = [topic_ix[t] for t in set(m.topics) if t in topic_ix]
            shared = has_topic[pi][:, tcols].sum(axis=1) if tcols else np.zeros(len(pi), dtype=np.int64)
            # the same terms, added in the same order, as sum(em.pair_terms(...).values())
            c = np.zeros(len(pi)) + w["matched"]
            c = c + np.where(pref, w["preferred_language"], 0)
            c = c + np.where(is_oh[ks], w["open_house"], 0)
            c = c + w["shared_topic"] * np.minimum(shared, cap)
            c = c + np.where(prev_mentor[pi] == m.id, w["continuity"], 0)
            cost[ks] = c
        return cost


def fitting_pairs(prog: em.Program, groups: list[em.Group]) -> dict[int, list[str]]:
    """group index -> parent ids that fit it (spec: 'A parent p fits a group'), in sorted id order."""
    return PairIndex(prog, groups).fits()


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


_MICROS: dict[dt.datetime, int] = {}


def _micros(t: dt.datetime) -> int:
    """Microseconds since 1970 (exact; aware datetimes compare as these do)."""
    v = _MICROS.get(t)
    if v is None:
        if len(_MICROS) > 1_000_000:
            _MICROS.clear()
        v = _MICROS[t] = (t - _EPOCH) // dt.timedelta(microseconds=1)
    return v


class _Cover:
    """covers(t): some session s has s.start <= t < s.end (a bisection instead of a scan)."""

    def __init__(self, sessions):
        ivs = sorted((_micros(s.start), _micros(s.end)) for s in sessions)
        self.starts = [a for a, _ in ivs]
        self.max_end, m = [], None
        for _, b in ivs:
            m = b if m is None or b > m else m
            self.max_end.append(m)

    def covers(self, t: dt.datetime) -> bool:
        u = _micros(t)
        i = bisect.bisect_right(self.starts, u)
        return i > 0 and self.max_end[i - 1] > u


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
        in_oh = _Cover(s for gi in oh for s in groups[gi].sessions)
        for gi in weekly:
            for s in groups[gi].sessions:
                if in_oh.covers(s.start):
                    points.add(s.start)
        cover = {gi: _Cover(groups[gi].sessions) for gi in gis}
        for t in points:
            c = tuple(sorted(gi for gi in gis if cover[gi].covers(t)))
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


class _Rows:
    """Constraint rows collected as numpy blocks (row lengths, column indices, coefficients, upper
    bounds; every lower bound is -inf), concatenated once for a single addRows call."""

    def __init__(self):
        self.lengths, self.idx, self.val, self.hi = [], [], [], []

    def block(self, lengths, idx, val, hi):
        import numpy as np

        lengths = np.asarray(lengths, dtype=np.int64)
        self.lengths.append(lengths)
        self.idx.append(np.asarray(idx, dtype=np.int64))
        self.val.append(np.broadcast_to(np.asarray(val, dtype=np.float64), (int(lengths.sum()),)))
        self.hi.append(np.broadcast_to(np.asarray(hi, dtype=np.float64), (len(lengths),)))

    def arrays(self):
        import numpy as np

        cat = lambda parts, dt: np.concatenate(parts).astype(dt) if parts else np.zeros(0, dtype=dt)  # noqa: E731
        lengths = cat(self.lengths, np.int64)
        starts = np.zeros(len(lengths), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        return starts, cat(self.idx, np.int64), cat(self.val, np.float64), cat(self.hi, np.float64)


def _group_rows(ny: int, gstart, G: float, linking: str):
    """Rows of each used group j, group after group: sum_p x_pg - G y_g <= 0; with linking "pair"
    also x_pg - y_g <= 0 for each of its pairs; then y_g - sum_p x_pg <= 0 (only non-empty groups).
    Returns (row lengths, column indices, coefficients); column of y_g is j, of pair k is ny + k."""
    import numpy as np

    L = np.diff(gstart).astype(np.int64)
    ngroups = len(L)
    per_pair = 4 if linking == "pair" else 2  # entries per pair in the group's rows
    size = per_pair * L + 2
    off = np.zeros(ngroups, dtype=np.int64)
    np.cumsum(size[:-1], out=off[1:])
    idx = np.empty(int(size.sum()), dtype=np.int64)
    val = np.empty(len(idx))
    j = np.repeat(np.arange(ngroups, dtype=np.int64), L)  # group of each pair
    k = np.arange(int(gstart[-1]), dtype=np.int64)
    i = k - gstart[:-1][j]  # position of the pair in its group
    o, Lj = off[j], L[j]
    idx[o + i], val[o + i] = ny + k, 1.0  # size row
    idx[off + L], val[off + L] = np.arange(ngroups), -G
    tail = off + L + 1  # first entry after the size row
    if linking == "pair":
        idx[o + Lj + 1 + 2 * i], val[o + Lj + 1 + 2 * i] = ny + k, 1.0
        idx[o + Lj + 2 + 2 * i], val[o + Lj + 2 + 2 * i] = j, -1.0
        tail = tail + 2 * L
    t = tail[j]
    idx[t + i], val[t + i] = ny + k, -1.0  # non-empty row
    idx[tail + L], val[tail + L] = np.arange(ngroups), 1.0
    nrow = (L + 2) if linking == "pair" else np.full(ngroups, 2, dtype=np.int64)
    roff = np.zeros(ngroups, dtype=np.int64)
    np.cumsum(nrow[:-1], out=roff[1:])
    lengths = np.full(int(nrow.sum()), 2, dtype=np.int64)
    lengths[roff] = L + 1
    lengths[roff + nrow - 1] = L + 1
    return lengths, idx, val


LINKING = ("pair", "aggregate")
X_VARS = ("binary", "continuous")
# Above this many fitting pairs "auto" picks linking="aggregate" and x_vars="continuous": with
# 767,842 binary columns (4,000 parents) HiGHS 1.16 spends the whole time limit probing in
# presolve and then runs its objective clique partition (HighsCliqueTable::cliquePartition,
# no time check, one pass over all remaining binaries per partition) for more than 5 minutes
# past the limit; with continuous x and x <= y rows it stops on time but the root LP
# (779,056 rows) is not solved in 300 s.
LARGE_MODEL_PAIRS = 100_000


def resolve_formulation(npairs: int, linking: str = "auto", x_vars: str = "auto") -> tuple[str, str]:
    large = npairs > LARGE_MODEL_PAIRS
    if linking == "auto":
        linking = "aggregate" if large else "pair"
    if x_vars == "auto":
        x_vars = "continuous" if large else "binary"
    if linking not in LINKING:
        raise ValueError(f"linking must be auto or one of {LINKING}, not {linking!r}")
    if x_vars not in X_VARS:
        raise ValueError(f"x_vars must be auto or one of {X_VARS}, not {x_vars!r}")
    return linking, x_vars


def _integral_x(h, highspy, ny: int, n: int, x, time_limit: float):
    """With continuous x, HiGHS may answer with a fractional x (a heuristic's point rather than an
    LP vertex). Fix y at its 0/1 values and solve the LP in x with the simplex method: its matrix
    is totally unimodular (see build_and_solve), so the vertex found is 0/1 and at least as good.
    Returns (x, whether it was replaced)."""
    import numpy as np

    frac = x[ny:]
    if np.all(np.minimum(np.abs(frac), np.abs(1.0 - frac)) <= 1e-6):
        return x, False
    y = np.round(x[:ny])
    cols = np.arange(ny, dtype=np.int32)
    h.changeColsIntegrality(ny, cols, np.zeros(ny, dtype=np.uint8))
    h.changeColsBounds(ny, cols, y, y)
    h.setOptionValue("solver", "simplex")
    h.setOptionValue("time_limit", float(time_limit))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(f"mip_reference: the LP with y fixed ended {h.modelStatusToString(h.getModelStatus())}")
    x2 = np.asarray(h.getSolution().col_value, dtype=np.float64)
    frac = x2[ny:]
    if not np.all(np.minimum(np.abs(frac), np.abs(1.0 - frac)) <= 1e-6):
        raise RuntimeError("mip_reference: the LP with y fixed has a fractional vertex")
    return np.round(x2), True


def build_and_solve(prog: em.Program, previous: dict[str, str], time_limit: float, threads: int,
                    rel_gap: float, verbose: bool = False, conflicts: str = "cliques",
                    linking: str = "auto", x_vars: str = "auto") -> dict:
    """Build the MIP and solve it with HiGHS. Both options keep the optimum (tested against
    brute force and against each other on small programs):

    linking="pair" writes x_pg <= y_g for every pair besides the aggregate row
    sum_p x_pg <= G y_g; "aggregate" writes only the aggregate row (same integer optimum, since
    y_g = 0 forces every x_pg of g to 0; weaker LP relaxation, one row per pair fewer).

    x_vars="binary" makes every x_pg binary; "continuous" keeps only y binary. For fixed 0/1 y the
    x rows (one per parent; one per group, nested in one per mentor; bounds) are two laminar
    families, a totally unimodular matrix, so an optimal x is 0/1 and the optimum is the same.
    A fractional x in HiGHS's answer is replaced by an LP vertex with y fixed (see _integral_x).

    "auto" (default) keeps the original model, pair and binary, up to LARGE_MODEL_PAIRS pairs,
    and uses aggregate and continuous above."""
    import highspy
    import numpy as np

    t0 = time.time()
    st = prog.settings
    groups = em.candidate_groups(prog)
    ix = PairIndex(prog, groups)
    used = ix.used
    linking, x_vars = resolve_formulation(len(ix.pair_parent), linking, x_vars)
    # columns: y for each used group (column j for group used[j]), then x for each pair (column ny + k)
    ny = len(used)
    npairs = len(ix.pair_parent)
    n = ny + npairs
    w = st.weights
    cost = np.zeros(n)
    cost[:ny] = w["group"]
    cost[ny:] = ix.pair_costs(prog, groups, previous)

    rows = _Rows()
    pp, gstart = ix.pair_parent, ix.starts
    # each parent in at most one group; parents in the order they first appear among the pairs
    if npairs:
        counts = np.bincount(pp)
        present, first = np.unique(pp, return_index=True)
        rank = np.zeros(len(counts), dtype=np.int64)
        rank[present[np.argsort(first)]] = np.arange(len(present))
        order = np.lexsort((np.arange(npairs), rank[pp]))
        sel = order[counts[pp[order]] > 1]
        multi = present[np.argsort(first)]
        multi = multi[counts[multi] > 1]
        rows.block(counts[multi], ny + sel, 1.0, 1.0)
    rows.block(*_group_rows(ny, gstart, float(st.max_group_size), linking), 0.0)
    by_mentor: dict[str, list[int]] = defaultdict(list)  # mentor -> used-group positions j
    for j, gi in enumerate(used):
        by_mentor[groups[gi].mentor].append(j)
    for mid, js in by_mentor.items():  # capacity
        cols = np.concatenate([np.arange(ny + gstart[j], ny + gstart[j + 1]) for j in js])
        cap = prog.mentors[mid].capacity
        if len(cols) > cap:
            rows.block([len(cols)], cols, 1.0, float(cap))
    K = st.max_groups_per_mentor
    for mid, js in by_mentor.items():
        if len(js) > K:
            rows.block([len(js)], js, 1.0, float(K))
    if conflicts == "pairs":
        cliques = conflict_pairs(prog, groups, used)
    else:
        cliques = conflict_cliques(prog, groups, used)
    col_of_y = {gi: j for j, gi in enumerate(used)}
    for c in cliques:
        rows.block([len(c)], [col_of_y[gi] for gi in c], 1.0, 1.0)
    starts, idx, val, rows_hi = rows.arrays()
    nrows = len(starts)

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
        integrality = np.full(n, int(highspy.HighsVarType.kInteger), dtype=np.uint8)
        if x_vars == "continuous":
            integrality[ny:] = int(highspy.HighsVarType.kContinuous)
        h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), integrality)
        if nrows:
            h.addRows(nrows, np.full(nrows, -highspy.kHighsInf), rows_hi, len(idx),
                      starts.astype(np.int32), idx.astype(np.int32), val)
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
        x = np.asarray(h.getSolution().col_value, dtype=np.float64)
        repaired = False
        if x_vars == "continuous" and len(x) == n and info.primal_solution_status == 2:
            x, repaired = _integral_x(h, highspy, ny, n, x, max(60.0, float(time_limit)))
            if repaired:
                objective = float(cost @ x)
    else:
        status, objective, bound, x, repaired = "Optimal", 0.0, 0.0, np.zeros(0), False
    def finite(v):
        return v if isinstance(v, (int, float)) and math.isfinite(v) else None

    objective, bound = finite(objective), finite(bound)
    if objective is None or bound is None:
        gap = None
    else:
        gap = max(0.0, (bound - objective) / max(abs(bound), 1e-9)) if abs(bound - objective) > 1e-9 else 0.0
    seconds = time.time() - t0
    has_x = len(x) == n and n > 0
    chosen_groups = [gi for j, gi in enumerate(used) if has_x and x[j] > 0.5]
    members = defaultdict(list)
    if has_x:
        for k in np.flatnonzero(x[ny:] > 0.5):
            members[used[ix.pair_used[k]]].append(ix.pids[ix.pair_parent[k]])
    return {
        "result": {
            "status": status, "objective": objective, "bound": bound, "gap": gap,
            "seconds": round(seconds, 3), "build_seconds": round(build_seconds, 3),
            "parents": len(prog.parents), "mentors": len(prog.mentors),
            "groups": ny, "pairs": npairs, "cliques": len(cliques), "rows": nrows, "linking": linking,
            "x_vars": x_vars, "x_repaired": repaired,
        },
        "groups": groups, "chosen": chosen_groups, "members": members, "fits": ix.fits(),
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
    ap.add_argument("--linking", choices=["auto", *LINKING], default="auto",
                    help="x_pg <= y_g row per pair besides the aggregate row (pair) or the aggregate row only "
                         "(same optimum, weaker LP relaxation); auto: pair up to %d fitting pairs, else aggregate"
                         % LARGE_MODEL_PAIRS)
    ap.add_argument("--x-vars", choices=["auto", *X_VARS], default="auto",
                    help="pair variables binary, or continuous (same optimum: for fixed groups the assignment "
                         "matrix is totally unimodular); auto: binary up to %d fitting pairs, else continuous"
                         % LARGE_MODEL_PAIRS)
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
    solved = build_and_solve(prog, previous, a.time_limit, a.threads, a.rel_gap, a.verbose, a.conflicts,
                             a.linking, a.x_vars)
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
