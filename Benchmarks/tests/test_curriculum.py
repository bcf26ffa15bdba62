"""check_schedule.py on the curriculum (spec section 10): topics, each group's best curriculum,
curriculum.value, required_missing, out/curriculum.csv and out/topic-demand.csv.

Hand program: hand.TOPICS (biliteracy required, funding 10-01..03-31, college until 11-30, iep
September); m1 trained in all four, m2 in college; p1 asks biliteracy;funding;college;iep (rank
weights 5,4,3,2), p2 funding (5), p5 housing (not in topics.csv). Worked out by hand:
- g1 (p1, p2; Sep 8, Oct 6, Nov 3, Dec 1): biliteracy 1000+5, funding 4+5 (Oct-Dec), college 3
  (Sep-Nov), iep 2 (Sep 8 only). Best: Sep 8 iep, Oct 6 college, Nov 3 funding, Dec 1 biliteracy
  = 1019 (putting biliteracy on Sep 8 loses iep: 1017).
- g2 (p5; Sep 10, Dec 3): biliteracy 1000 on one session. g3 (p3, p6, nobody asked): 0.
curriculum.value 2019, required_missing [].
"""
from __future__ import annotations

import datetime as dt
import itertools
import os
import random

import pytest

import hand
from hand import deep

import check_schedule  # noqa: E402
import enlace_model as em  # noqa: E402
from test_term_in_progress import NOW, midterm

PARENTS = hand.parents_csv(topics={"p5": "housing"})
TOPIC_ORDER = {"g1": ["iep", "college", "funding", "biliteracy"], "g2": ["biliteracy", None],
               "g3": [None, "college", None, None]}


def with_topics(sched: dict, topics: dict[str, list]) -> dict:
    s = deep(sched)
    for g in s["groups"]:
        for sess, t in zip(g["sessions"], topics.get(g["id"], [])):
            sess["topic"] = t
        for sess in g["sessions"]:
            sess.setdefault("topic", None)
    return s


def valid() -> dict:
    s = with_topics(hand.SCHEDULE, TOPIC_ORDER)
    s["curriculum"] = {"value": 2019, "required_missing": []}
    return s


CURRICULUM_CSV = [["g1", "2026-09-08T18:00:00-07:00", "iep", "1"], ["g1", "2026-10-06T18:00:00-07:00", "college", "1"],
                  ["g1", "2026-11-03T18:00:00-08:00", "funding", "2"],
                  ["g1", "2026-12-01T18:00:00-08:00", "biliteracy", "1"],
                  ["g2", "2026-09-10T19:00:00-07:00", "biliteracy", "0"],
                  ["g3", "2026-10-07T18:00:00-07:00", "college", "0"]]
DEMAND_CSV = [["biliteracy", "1", "1", "1", "2"], ["funding", "2", "1", "2", "1"], ["college", "1", "0", "1", "2"],
              ["iep", "1", "0", "1", "1"], ["housing", "1", "1", "0", "0"]]
ASSIGN_CSV = [["p1", "m1", "g1", ""], ["p2", "m1", "g1", ""], ["p3", "m2", "g3", ""], ["p4", "", "", "no zh"],
              ["p5", "m1", "g2", ""], ["p6", "m2", "g3", ""]]


@pytest.fixture
def program(tmp_path):
    return hand.write(tmp_path / "prog", mentors=hand.MENTORS_TOPICS, parents=PARENTS, topics=hand.TOPICS)


def write_outputs(program, curriculum=CURRICULUM_CSV, demand=DEMAND_CSV, assignments=ASSIGN_CSV,
                  header=("parent_id", "mentor_id", "group_id", "reason")) -> str:
    out = os.path.join(program, "out")
    hand.write_csv(os.path.join(out, "assignments.csv"), list(header), assignments)
    hand.write_csv(os.path.join(out, "curriculum.csv"), ["group_id", "session_start", "topic_id", "members_who_asked"],
                   curriculum)
    hand.write_csv(os.path.join(out, "topic-demand.csv"),
                   ["topic_id", "asked", "asked_first", "members_covered", "groups_teaching"], demand)
    return out


def run(program, sched, out_dir=None, **kw):
    rep, objective = check_schedule.check(em.load_program(program), deep(sched), {}, out_dir=out_dir, **kw)
    return rep


def rules(rep) -> set[str]:
    return {v["rule"] for v in rep.violations}


def messages(rep) -> str:
    return "\n".join(v["message"] for v in rep.violations)


# --------------------------------------------------------------------------- schedule.json


def test_valid_curriculum_passes(program):
    rep = run(program, valid(), out_dir=write_outputs(program))
    assert rep.violations == []


def test_optional_row_for_a_session_without_topic(program):
    rows = CURRICULUM_CSV + [["g2", "2026-12-03T19:00:00-08:00", "", "0"]]
    rep = run(program, valid(), out_dir=write_outputs(program, curriculum=rows))
    assert rep.violations == []


def test_topic_twice_in_a_group(program):
    s = valid()
    s["groups"][1]["sessions"][1]["topic"] = "biliteracy"
    s["curriculum"]["value"] = 3019
    rep = run(program, s)
    assert rules(rep) == {"topic_repeated"}
    assert "group g2: topic biliteracy is taught 2 times" in messages(rep)


def test_mentor_not_trained(program):
    s = valid()
    s["groups"][2]["sessions"][1]["topic"] = "biliteracy"
    s["curriculum"]["value"] = 3019
    rep = run(program, s)
    assert rules(rep) == {"topic_not_trained"}
    assert "group g3: session 2026-10-07T18:00:00-07:00 teaches biliteracy but mentor m2 was not trained" \
        in messages(rep)


def test_topic_outside_its_window(program):
    s = with_topics(hand.SCHEDULE, {**TOPIC_ORDER, "g1": ["college", "iep", "funding", "biliteracy"]})
    s["curriculum"] = {"value": 2019, "required_missing": []}
    rep = run(program, s)
    assert rules(rep) == {"topic_window"}
    assert "group g1: session 2026-10-06T18:00:00-07:00 teaches iep outside its window" in messages(rep)


def test_window_wraps_around_the_new_year():
    t = em.Topic("funding", "", "", False, (10, 1), (3, 31), {}, {}, 2)
    D = dt.date
    assert [t.in_window(d) for d in (D(2026, 9, 30), D(2026, 10, 1), D(2026, 12, 31), D(2027, 1, 15),
                                     D(2027, 3, 31), D(2027, 4, 1))] == [False, True, True, True, True, False]
    only_until = em.Topic("c", "", "", False, None, (11, 30), {}, {}, 2)
    assert only_until.in_window(D(2026, 1, 1)) and not only_until.in_window(D(2026, 12, 1))
    only_from = em.Topic("c", "", "", False, (9, 1), None, {}, {}, 2)
    assert only_from.in_window(D(2026, 12, 31)) and not only_from.in_window(D(2026, 8, 31))


def test_missing_bound_is_the_terms_end():
    """Interpretation 12: in an August–June term a one-sided window runs to the term's end on the
    other side, so `from 01-15` alone does not reopen the autumn before it."""
    D = dt.date
    term = (D(2026, 8, 17), D(2027, 6, 10))
    only_from = em.Topic("c", "", "", False, (1, 15), None, {}, {}, 2)
    assert [only_from.in_window(d, term) for d in (D(2026, 9, 1), D(2027, 1, 14), D(2027, 1, 15), D(2027, 6, 1))] == \
        [False, False, True, True]
    only_until = em.Topic("c", "", "", False, None, (3, 31), {}, {}, 2)
    assert [only_until.in_window(d, term) for d in (D(2026, 9, 1), D(2026, 12, 31), D(2027, 3, 31), D(2027, 4, 1))] == \
        [True, True, True, False]


def test_topic_text_prefers_the_exact_tag():
    t = em.Topic("c", "Plain", "", False, None, None, {"zh-Hans": "简体", "zh-Hant": "繁體", "es-MX": "México"}, {}, 2)
    assert [t.text("title", lang) for lang in ("zh-Hant", "zh-hans", "zh", "es", "vi")] == \
        ["繁體", "简体", "简体", "México", "Plain"]


def test_unknown_topic(program):
    s = valid()
    s["groups"][2]["sessions"][2]["topic"] = "housing"
    rep = run(program, s)
    assert rules(rep) == {"topic_unknown"}


def test_curriculum_not_optimal(program):
    s = with_topics(hand.SCHEDULE, {**TOPIC_ORDER, "g1": ["biliteracy", "college", "funding", None]})
    s["curriculum"] = {"value": 2017, "required_missing": []}
    rep = run(program, s)
    assert rules(rep) == {"curriculum_not_optimal"}
    assert "group g1: curriculum value 1017 < best possible 1019" in messages(rep)


def test_curriculum_value_recomputed(program):
    s = valid()
    s["curriculum"]["value"] = 2000
    rep = run(program, s)
    assert rules(rep) == {"curriculum_value"}


def test_topic_key_and_curriculum_object_required(program):
    s = valid()
    del s["groups"][1]["sessions"][1]["topic"]  # Dec 3 has no topic: null, not absent
    del s["curriculum"]
    rep = run(program, s)
    assert rules(rep) == {"topic_shape", "curriculum_shape"}


def test_topics_without_topics_csv(tmp_path):
    prog = hand.write(tmp_path / "p")
    rep = run(prog, with_topics(hand.SCHEDULE, TOPIC_ORDER))
    assert rules(rep) == {"topic_without_topics_csv"}
    assert rep.violations[0]["group"] == "g1"


# required_missing: biliteracy only in January, after the term: no group of m1 can fit it.
JANUARY = hand.TOPICS.replace("biliteracy,Seal of Biliteracy,How a student earns the Seal,yes,,,",
                              "biliteracy,Seal of Biliteracy,How a student earns the Seal,yes,01-01,01-31,")


def _january(required_missing):
    s = with_topics(hand.SCHEDULE, {"g1": ["iep", "college", "funding", None], "g3": [None, "college"]})
    s["curriculum"] = {"value": 14, "required_missing": required_missing}
    return s


def test_required_missing(tmp_path):
    prog = hand.write(tmp_path / "p", mentors=hand.MENTORS_TOPICS, parents=PARENTS, topics=JANUARY)
    assert run(prog, _january(["biliteracy"])).violations == []
    assert run(prog, _january([{"topic": "biliteracy", "group": "g1"}])).violations == []
    rep = run(prog, _january([]))
    assert rules(rep) == {"required_missing"}
    assert "required topic biliteracy is missing from curriculum.required_missing" in messages(rep)
    rep = run(prog, _january(["biliteracy", "funding"]))
    assert rules(rep) == {"required_missing"} and "lists 'funding'" in messages(rep)
    rep = run(prog, _january(1))
    assert rules(rep) == {"curriculum_shape"}


# --------------------------------------------------------------------------- a term in progress


def midterm_topics() -> dict:
    s = with_topics(midterm(), {"g1": ["iep", "college", "funding", "biliteracy"], "g2": ["biliteracy", None],
                                "g3": [None, "college", None, None]})
    s["curriculum"] = {"value": 1014, "required_missing": []}  # g1's future: funding 9 + biliteracy 1005
    return s


def run_midterm(program, sched):
    return run(program, sched, now=check_schedule.parse_instant(NOW), previous_schedule=valid())


def test_midterm_keeps_held_topics(program):
    assert run_midterm(program, midterm_topics()).violations == []
    s = midterm_topics()
    s["groups"][0]["sessions"][1]["topic"] = None  # Oct 6 was on college
    rep = run_midterm(program, s)
    assert rules(rep) == {"history_topic_changed"}
    assert "group g1: held session 2026-10-06T18:00:00-07:00 had topic 'college', now None" in messages(rep)


def test_held_sessions_count_as_taught(program):
    s = midterm_topics()
    s["groups"][0]["sessions"][2]["topic"] = "college"  # already taught on Oct 6
    s["curriculum"]["value"] = 1008
    rep = run_midterm(program, s)
    assert {"topic_repeated", "curriculum_not_optimal"} <= rules(rep)


# --------------------------------------------------------------------------- CSV outputs


def test_curriculum_csv_counts_and_rows(program):
    rows = deep(CURRICULUM_CSV)
    rows[2][3] = "1"  # p1 and p2 asked for funding
    del rows[5]
    rep = run(program, valid(), out_dir=write_outputs(program, curriculum=rows))
    assert rules(rep) == {"curriculum_csv"}
    assert "members_who_asked '1', expected 2 (p1;p2)" in messages(rep)
    assert "no row for group g3's session 2026-10-07T18:00:00-07:00 (topic college)" in messages(rep)


def test_curriculum_csv_ids_accepted_and_wrong_topic(program):
    rows = deep(CURRICULUM_CSV)
    rows[2][3] = "p2;p1"
    assert run(program, valid(), out_dir=write_outputs(program, curriculum=rows)).violations == []
    rows[0][2] = "college"
    rep = run(program, valid(), out_dir=write_outputs(program, curriculum=rows))
    assert rules(rep) == {"curriculum_csv"} and "topic_id 'college', schedule.json says 'iep'" in messages(rep)


def test_topic_demand_csv(program):
    rows = deep(DEMAND_CSV)
    rows[1][2] = "2"  # only p2 asked for funding first
    del rows[4]  # housing: requested, not defined, still gets a row
    rep = run(program, valid(), out_dir=write_outputs(program, demand=rows))
    assert rules(rep) == {"topic_demand_csv"}
    assert "topic funding: (asked, asked_first, members_covered, groups_teaching) = ('2', '2', '2', '1'), " \
           "expected ('2', '1', '2', '1')" in messages(rep)
    assert "no row for topic 'housing'" in messages(rep)


def test_curriculum_csvs_required_with_topics(program):
    out = os.path.join(program, "out")
    hand.write_csv(os.path.join(out, "assignments.csv"), ["parent_id", "mentor_id", "group_id", "reason"], ASSIGN_CSV)
    rep = run(program, valid(), out_dir=out)
    assert rules(rep) == {"curriculum_csv", "topic_demand_csv"}


# --------------------------------------------------------------------------- the exact assignment


def _brute(matrix):
    n, m = len(matrix), len(matrix[0])
    best = 0
    for k in range(min(n, m) + 1):
        for rows in itertools.combinations(range(n), k):
            for cols in itertools.permutations(range(m), k):
                best = max(best, sum(max(0, matrix[r][c] or 0) for r, c in zip(rows, cols)))
    return best


def test_assignment_solvers_match_brute_force():
    rng = random.Random(7)
    for _ in range(200):
        n, m = rng.randint(1, 5), rng.randint(1, 5)
        matrix = [[rng.choice([None, rng.randint(-3, 1010)]) for _ in range(m)] for _ in range(n)]
        want = _brute(matrix)
        clean = [[max(0, v) if v is not None else 0 for v in row] for row in matrix]
        assert em.hungarian_max(clean) == want
        assert em.best_assignment_value(matrix) == want


def test_rank_weights_past_the_list(tmp_path):
    toml = hand.base.ENLACE_TOML + "\n[curriculum]\nrank_weights = [7, 2]\nrequired_weight = 50\n"
    prog = em.load_program(hand.write(tmp_path / "p", toml=toml, mentors=hand.MENTORS_TOPICS, parents=PARENTS,
                                      topics=hand.TOPICS))
    # p1 lists biliteracy (rank 1: 7), funding (2), college (3 -> last: 2), iep (4 -> 2)
    assert em.topic_value(prog, "biliteracy", ["p1"]) == 50 + 7
    assert em.topic_value(prog, "iep", ["p1", "p2"]) == 2
    assert em.topic_value(prog, "funding", ["p1", "p2"]) == 2 + 7
