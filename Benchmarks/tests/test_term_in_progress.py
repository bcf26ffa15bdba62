"""check_schedule.py on a term in progress (spec section 9) and on pair rules (section 8).

The previous run is test_check_schedule.SCHEDULE (made before the term). The re-run happens on
2026-10-15 at noon: p6 leaves g3 (m2, WE 18:00) for a new group g4 (m2, WE 19:00). Worked out by hand:
held sessions g1 Sep 8, Oct 6 [p1 p2]; g2 Sep 10 [p5]; g3 Sep 2, Oct 7 [p3 p6]. Score: matched 500,
preferred_language 50, open_house 15, shared_topic 8, continuity 5 x 50 (every family keeps its
mentor), same_group 4 x 30 (p6's slot changed), group 4 x -20: total 863.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

import hand
from hand import _s, deep, future, held

import check_schedule  # noqa: E402
import enlace_model as em  # noqa: E402

NOW = "2026-10-15T12:00:00-07:00"
SEP8, OCT6, NOV3, DEC1 = (_s(f"2026-{d}T18:00:00{o}", f"2026-{d}T19:00:00{o}") for d, o in
                          [("09-08", "-07:00"), ("10-06", "-07:00"), ("11-03", "-08:00"), ("12-01", "-08:00")])
SEP10 = _s("2026-09-10T19:00:00-07:00", "2026-09-10T20:00:00-07:00")
DEC3 = _s("2026-12-03T19:00:00-08:00", "2026-12-03T20:00:00-08:00")
SEP2, OCT7, NOV4, DEC2 = (_s(f"2026-{d}T18:00:00{o}", f"2026-{d}T19:00:00{o}") for d, o in
                          [("09-02", "-07:00"), ("10-07", "-07:00"), ("11-04", "-08:00"), ("12-02", "-08:00")])
NOV4_19 = _s("2026-11-04T19:00:00-08:00", "2026-11-04T20:00:00-08:00")
DEC2_19 = _s("2026-12-02T19:00:00-08:00", "2026-12-02T20:00:00-08:00")


def midterm() -> dict:
    s = deep(hand.SCHEDULE)
    g1, g2, g3 = s["groups"]
    g1["sessions"] = [held(SEP8, ["p1", "p2"]), held(OCT6, ["p2", "p1"]), future(NOV3), future(DEC1)]
    g2["sessions"] = [held(SEP10, ["p5"]), future(DEC3)]
    g3["sessions"] = [held(SEP2, ["p3", "p6"]), held(OCT7, ["p3", "p6"]), future(NOV4), future(DEC2)]
    g3["parents"] = ["p3"]
    s["groups"].append({"id": "g4", "mentor": "m2", "kind": "weekly", "mode": "virtual", "site": None,
                        "weekday": "WE", "start": "19:00", "minutes": 60, "parents": ["p6"],
                        "sessions": [future(NOV4_19), future(DEC2_19)]})
    s["score"] = {"total": 863, "bound": 900, "gap": (900 - 863) / 900,
                  "terms": {"matched": 500, "preferred_language": 50, "open_house": 15, "shared_topic": 8,
                            "continuity": 250, "same_group": 120, "group": -80}}
    return s


ASSIGNMENTS = [["p1", "m1", "g1", "", "2026-09-08"], ["p2", "m1", "g1", "", "2026-09-08"],
               ["p3", "m2", "g3", "", "2026-09-02"], ["p4", "", "", "no mentor speaks zh", ""],
               ["p5", "m1", "g2", "", "2026-09-10"], ["p6", "m2", "g4", "", "2026-11-04"]]


def ended() -> dict:
    """g3 no longer meets (held sessions only, no members); p3 and p6 meet in g4 at g3's old slot."""
    s = midterm()
    g3, g4 = s["groups"][2], s["groups"][3]
    g3["parents"] = []
    g3["sessions"] = g3["sessions"][:2]
    g4.update(start="18:00", parents=["p3", "p6"], sessions=[future(NOV4), future(DEC2)])
    # same_group: all five keep their group's mentor, kind, mode, weekday and start; 3 groups meet
    s["score"].update(total=913, bound=913, gap=0)
    s["score"]["terms"].update(same_group=150, group=-60)
    return s


ENDED_ASSIGNMENTS = [r if r[0] not in ("p3", "p6") else [r[0], "m2", "g4", "", "2026-11-04"] for r in ASSIGNMENTS]


@pytest.fixture
def program(tmp_path):
    return hand.write(tmp_path / "prog")


def run(program, sched, now=NOW, previous=hand.SCHEDULE, assignments=ASSIGNMENTS, out=True):
    prog = em.load_program(program)
    out_dir = None
    if out:
        out_dir = os.path.join(program, "out")
        hand.write_csv(os.path.join(out_dir, "assignments.csv"), ["parent_id", "mentor_id", "group_id", "reason",
                                                                  "since"], assignments)
    rep, objective = check_schedule.check(prog, deep(sched), {}, now=check_schedule.parse_instant(now) if now else None,
                                          previous_schedule=deep(previous) if previous else None, out_dir=out_dir)
    return rep, objective


def rules(rep) -> set[str]:
    return {v["rule"] for v in rep.violations}


def messages(rep) -> str:
    return "\n".join(v["message"] for v in rep.violations)


# --------------------------------------------------------------------------- valid


def test_midterm_rerun_passes(program):
    rep, objective = run(program, midterm())
    assert rep.violations == []
    assert objective["total"] == 863
    assert objective["terms"]["continuity"] == 250 and objective["terms"]["same_group"] == 120


def test_group_that_no_longer_meets_stays_listed_and_frees_its_slot(tmp_path):
    # K = 1: m2's ended g3 does not count, nor does its WE 18:00 slot block g4 at the same time.
    prog = hand.write(tmp_path / "p", toml=hand.base.ENLACE_TOML.replace("max_groups_per_mentor = 2",
                                                                         "max_groups_per_mentor = 1"))
    s = ended()
    s["groups"][1]["parents"] = []  # m1 keeps only g1 too: g2 ends after its held Sep 10 session
    s["groups"][1]["sessions"] = s["groups"][1]["sessions"][:1]
    s["unmatched"].append({"parent": "p5", "reasons": ["m1 meets one group"]})
    s["score"].update(total=913 - 100 - 10 - 15 - 50 - 30 + 20, bound=900)
    s["score"]["gap"] = (900 - s["score"]["total"]) / 900
    s["score"]["terms"].update(matched=400, preferred_language=40, open_house=0, continuity=200, same_group=120,
                               group=-40)
    a = [r if r[0] != "p5" else ["p5", "", "", "m1 meets one group", ""] for r in ENDED_ASSIGNMENTS]
    rep, _ = run(prog, s, assignments=a)
    assert rep.violations == []


def test_a_mentor_who_left_keeps_the_held_sessions(tmp_path):
    # m2 leaves mentors.csv: g3 (held sessions only, no members) is history and stays listed;
    # g4 (m2, members from now on) is an unknown mentor.
    mentors = "\n".join(line for line in hand.base.MENTORS.split("\n") if not line.startswith("m2,"))
    prog = hand.write(tmp_path / "p", mentors=mentors)
    rep, _ = run(prog, ended(), assignments=ENDED_ASSIGNMENTS)
    unknown = [v["message"] for v in rep.violations if v["rule"] == "unknown_mentor"]
    assert unknown == ["group g4: mentor 'm2' is not in mentors.csv"]


def test_held_capacity_does_not_block(tmp_path):
    # m2 had p3 and p6 in held sessions and still has both (g3 + g4): capacity 2 counts them once.
    prog = hand.write(tmp_path / "p")
    rep, _ = run(prog, midterm())
    assert "mentor_capacity" not in rules(rep)
    tight = hand.write(tmp_path / "q", mentors=hand.base.MENTORS.replace("virtual,2,WE", "virtual,1,WE"))
    rep, _ = run(tight, midterm())
    assert rules(rep) == {"mentor_capacity"}
    assert "mentor m2 has 2 parents > capacity 1" in messages(rep)


def test_before_the_term_everything_is_future(program):
    s = deep(hand.SCHEDULE)
    for g in s["groups"]:
        g["sessions"] = [future(x) for x in g["sessions"]]
    s["score"].update(total=513 + 250 + 150, bound=913, gap=0)
    s["score"]["terms"].update(continuity=250, same_group=150)
    a = [r[:4] + [{"g1": "2026-09-08", "g2": "2026-09-10", "g3": "2026-09-02"}.get(r[2], "")] for r in ASSIGNMENTS]
    a[5] = ["p6", "m2", "g3", "", "2026-09-02"]
    rep, _ = run(program, s, now="2026-08-01T00:00:00-07:00", assignments=a)
    assert rep.violations == []


def test_held_flags_without_now_are_read_as_given(program):
    rep, _ = run(program, midterm(), now=None)
    assert rep.violations == []
    assert any("no --now" in w for w in rep.warnings)
    s = midterm()
    s["groups"][0]["sessions"][3] = held(DEC1, ["p1", "p2"])  # Dec 1 held, yet g3's Nov 4 is to come
    rep, _ = run(program, s, now=None)
    assert "held_flag" in rules(rep)
    assert "group g1's held session 2026-12-01T18:00:00-08:00 starts at or after group g1's future session" in messages(rep)


def test_first_run_mid_term(program):
    # No previous run: every group is new and has no session before now (Oct 15).
    s = midterm()
    for g in s["groups"]:
        g["sessions"] = [x for x in g["sessions"] if not x["held"]]
    s["groups"][2]["parents"] = ["p3", "p6"]
    del s["groups"][3]
    s["score"].update(total=513, bound=520, gap=7 / 520)
    s["score"]["terms"].update(continuity=0, same_group=0, group=-60)
    a = [r[:4] + [{"g1": "2026-11-03", "g2": "2026-12-03", "g3": "2026-11-04"}.get(r[2], "")] for r in ASSIGNMENTS]
    a[5] = ["p6", "m2", "g3", "", "2026-11-04"]
    rep, _ = run(program, s, previous=None, assignments=a)
    assert rep.violations == []
    rep, _ = run(program, s, now=None, previous=None, assignments=a)  # now from the flags: Nov 3
    assert rep.violations == [] and any("no --now" in w for w in rep.warnings)
    for g in s["groups"]:  # without flags and --now, the whole term is expected
        for x in g["sessions"]:
            del x["held"]
    rep, _ = run(program, s, now=None, previous=None, out=False)
    assert rules(rep) == {"session_missing"}


# --------------------------------------------------------------------------- violations


def test_held_flag_wrong(program):
    s = midterm()
    s["groups"][0]["sessions"][2] = held(NOV3, ["p1", "p2"])
    rep, _ = run(program, s)
    assert rules(rep) == {"held_flag"}
    assert "group g1: session 2026-11-03T18:00:00-08:00 has held=True" in messages(rep)


def test_held_flag_missing(program):
    s = midterm()
    del s["groups"][2]["sessions"][3]["held"]
    rep, _ = run(program, s)
    assert rules(rep) == {"held_flag"}
    assert "group g3: session 2026-12-02T18:00:00-08:00 has no boolean" in messages(rep)


def test_held_session_without_parents(program):
    s = midterm()
    del s["groups"][0]["sessions"][0]["parents"]
    rep, _ = run(program, s)
    # without the list, p1 and p2 seem to have met g1 first on Oct 6
    assert rules(rep) == {"held_parents", "assignments_since"}
    assert "group g1: held session 2026-09-08T18:00:00-07:00" in messages(rep)


def test_held_parents_rewritten(program):
    s = midterm()
    s["groups"][2]["sessions"][1]["parents"] = ["p3"]  # p6 moved, but met g3 on Oct 7
    rep, _ = run(program, s)
    assert rules(rep) == {"history_parents_changed"}
    assert "group g3: held session 2026-10-07T18:00:00-07:00 was held for ['p3', 'p6']" in messages(rep)


def test_held_session_removed(program):
    s = midterm()
    del s["groups"][2]["sessions"][1]
    rep, _ = run(program, s)
    assert rules(rep) == {"history_session_missing"}
    assert "group g3: held session 2026-10-07T18:00:00-07:00" in messages(rep)


def test_new_group_gets_a_past_session(program):
    s = midterm()
    s["groups"][3]["sessions"].insert(0, held(_s("2026-10-07T19:00:00-07:00", "2026-10-07T20:00:00-07:00"), ["p6"]))
    rep, _ = run(program, s)
    assert rules(rep) == {"history_session_added", "assignments_since"}
    assert "group g4: held session 2026-10-07T19:00:00-07:00 was not a session" in messages(rep)


def test_future_session_dated_before_now(program):
    s = midterm()
    s["groups"][3]["sessions"].insert(0, future(_s("2026-10-07T19:00:00-07:00", "2026-10-07T20:00:00-07:00")))
    rep, _ = run(program, s)
    assert {"held_flag", "history_session_added"} <= rules(rep)


def test_group_with_held_sessions_dropped(program):
    s = ended()
    del s["groups"][2]
    rep, _ = run(program, s, assignments=ENDED_ASSIGNMENTS)
    assert rules(rep) == {"history_group_missing"}
    assert "group g3 met before now (2 held session(s)) but is not listed" in messages(rep)


def test_held_group_moved(program):
    s = ended()
    s["groups"][2]["start"] = "18:30"  # rewriting where g3 met
    rep, _ = run(program, s, assignments=ENDED_ASSIGNMENTS)
    assert rules(rep) == {"history_group_changed"}
    assert "group g3: start was '18:00' for its held sessions, now '18:30'" in messages(rep)


def test_future_session_missing_mid_term(program):
    s = midterm()
    s["groups"][0]["sessions"].pop()  # Dec 1 is still to come
    rep, _ = run(program, s)
    assert rules(rep) == {"session_missing"}


def test_overlap_counts_groups_that_still_meet(program):
    s = midterm()
    s["groups"][3].update(start="18:00", sessions=[future(NOV4), future(DEC2)])
    s["score"]["terms"]["same_group"] = 150  # p6 back at its old slot
    s["score"].update(total=893, bound=900, gap=7 / 900)
    rep, _ = run(program, s)
    assert rules(rep) == {"mentor_overlap"}
    assert "mentor m2: groups g3 and g4 overlap" in messages(rep)


def test_since_is_the_first_session_in_the_group(program):
    a = [r if r[0] != "p6" else ["p6", "m2", "g4", "", "2026-09-02"] for r in ASSIGNMENTS]
    rep, _ = run(program, midterm(), assignments=a)
    assert rules(rep) == {"assignments_since"}
    assert "parent p6 has since '2026-09-02', expected '2026-11-04'" in messages(rep)


def test_since_column_required_mid_term(program):
    prog = em.load_program(program)
    out = os.path.join(program, "out")
    hand.write_csv(os.path.join(out, "assignments.csv"), ["parent_id", "mentor_id", "group_id", "reason"],
                   [r[:4] for r in ASSIGNMENTS])
    rep, _ = check_schedule.check(prog, midterm(), {}, now=check_schedule.parse_instant(NOW),
                                  previous_schedule=hand.SCHEDULE, out_dir=out)
    assert rules(rep) == {"assignments_csv"} and "lacks column(s) ['since']" in messages(rep)


def test_assignments_disagree_with_schedule(program):
    a = [r if r[0] != "p3" else ["p3", "m1", "g1", "", "2026-09-02"] for r in ASSIGNMENTS[:-1]]
    rep, _ = run(program, midterm(), assignments=a)
    assert rules(rep) == {"assignments_csv"}
    assert "no row for parent p6" in messages(rep) and "parent p3 has mentor/group 'm1'/'g1'" in messages(rep)


def test_same_group_and_continuity_recomputed(program):
    s = midterm()
    s["score"]["terms"].update(same_group=150, continuity=0)
    s["score"].update(total=863 + 30 - 250, bound=900)
    rep, objective = run(program, s)
    assert {"score_term", "score_total"} <= rules(rep)
    assert "score.terms.same_group is 150, recomputed 120" in messages(rep)
    assert "score.terms.continuity is 0, recomputed 250" in messages(rep)


def test_same_group_needs_the_previous_schedule(program, tmp_path):
    # with only --previous (assignments.csv), same_group cannot be recomputed: a warning, not a violation
    prev = hand.write_csv(tmp_path / "prev.csv", ["parent_id", "mentor_id", "group_id", "reason"],
                          [["p1", "m1", "g1", ""], ["p2", "m1", "g1", ""], ["p3", "m2", "g3", ""],
                           ["p5", "m1", "g2", ""], ["p6", "m2", "g3", ""]])
    prog = em.load_program(program)
    rep, objective = check_schedule.check(prog, midterm(), em.read_previous(prev),
                                          now=check_schedule.parse_instant(NOW))
    assert rep.violations == []
    assert any("same_group not checked" in w for w in rep.warnings)
    # and with neither, a non-zero same_group is wrong
    rep, _ = check_schedule.check(prog, midterm(), {}, now=check_schedule.parse_instant(NOW))
    assert "score.terms.same_group is 120, recomputed 0" in messages(rep)


def test_cli_term_in_progress(program, tmp_path):
    script = os.path.join(hand.HERE, "..", "check_schedule.py")
    out = os.path.join(program, "out")
    hand.write_json(os.path.join(out, "schedule.json"), midterm())
    hand.write_csv(os.path.join(out, "assignments.csv"), ["parent_id", "mentor_id", "group_id", "reason", "since"],
                   ASSIGNMENTS)
    prev = hand.write_json(tmp_path / "previous.json", hand.SCHEDULE)
    ok = subprocess.run([sys.executable, script, program, "--previous-schedule", prev, "--now", NOW],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout
    bad = midterm()
    bad["groups"][2]["sessions"][1]["parents"] = ["p3"]
    hand.write_json(os.path.join(out, "schedule.json"), bad)
    res = subprocess.run([sys.executable, script, program, "--previous-schedule", prev, "--now", NOW],
                         capture_output=True, text=True)
    assert res.returncode == 1
    assert "[history_parents_changed] 1" in res.stdout and "group g3: held session 2026-10-07" in res.stdout
    res = subprocess.run([sys.executable, script, program, "--now", "yesterday"], capture_output=True, text=True)
    assert res.returncode == 2 and "--now" in res.stderr


# --------------------------------------------------------------------------- section 8: keep_apart


def test_keep_apart_pair_in_one_group(tmp_path):
    # p2 names p1 (the relation is symmetric); both are in g1
    prog = hand.write(tmp_path / "p", parents=hand.parents_csv({"p2": "p1"}))
    rep, _ = run(prog, hand.SCHEDULE, now=None, previous=None, out=False)
    assert rules(rep) == {"keep_apart"}
    assert "group g1: parents p1 and p2 share the group" in messages(rep)


def test_keep_apart_respected(tmp_path):
    prog = hand.write(tmp_path / "p", parents=hand.parents_csv({"p1": "p3;p6", "p5": "p2"}))
    rep, _ = run(prog, hand.SCHEDULE, now=None, previous=None, out=False)
    assert rep.violations == []


def test_keep_apart_counts_members_from_now_on(tmp_path):
    # p3 and p6 met together in held sessions of g3; from now on they are apart: fine.
    prog = hand.write(tmp_path / "p", parents=hand.parents_csv({"p6": "p3"}))
    rep, _ = run(prog, midterm())
    assert rep.violations == []
    s = ended()  # ... but together again in g4
    rep, _ = run(prog, s, assignments=ENDED_ASSIGNMENTS)
    assert rules(rep) == {"keep_apart"} and "group g4: parents p3 and p6" in messages(rep)


def test_keep_apart_switched_off(tmp_path):
    toml = hand.base.ENLACE_TOML + "\n[plugins.keep_apart]\nenabled = false\n"
    prog = hand.write(tmp_path / "p", toml=toml, parents=hand.parents_csv({"p2": "p1"}))
    rep, _ = run(prog, hand.SCHEDULE, now=None, previous=None, out=False)
    assert rep.violations == []
