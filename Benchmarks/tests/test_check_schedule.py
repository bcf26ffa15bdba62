"""Tests of Benchmarks/check_schedule.py (and the shared model / MIP reference).

A hand-made program folder with a hand-written, spec-correct schedule.json (every session
date and the score worked out by hand in the comments), then one deliberately injected
violation per test. Run: python3 -m pytest Benchmarks/tests -q
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import os
import subprocess
import sys
import textwrap

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
sys.path.insert(0, BENCH)

import check_schedule  # noqa: E402
import enlace_model as em  # noqa: E402
import make_tiny_program  # noqa: E402

try:
    import highspy  # noqa: F401

    HAVE_HIGHS = True
except ImportError:  # pragma: no cover
    HAVE_HIGHS = False

ENLACE_TOML = """\
name = "Hand District"
timezone = "America/Los_Angeles"
term_start = 2026-08-17
term_end = 2026-12-18
max_group_size = 2
max_groups_per_mentor = 2
"""

SITES = "id,name,address\nA,Adams Elementary,1 Main St\nB,Baker Middle,\n"

MENTORS = """\
id,name,email,phone,languages,sites,modes,capacity,availability,open_house,topics,neighborhood
m1,Ana,ana@example.org,,es;en,A,in_person;virtual,3,TU 17:00-19:00; TU 18:30-20:00; TH 18:00-21:00,no,biliteracy;funding;college;iep,north
m2,Bao,,,vi,B,virtual,2,WE 18:00-20:00,,,south
"""

# Column order differs from the spec's list; written with a BOM below.
PARENTS = """\
name,id,languages,site,modes,availability,open_house,topics,email,phone
Pilar,p1,es-MX;en,A,in_person,TU 18:00-19:00,no,biliteracy;funding;college;iep,,
Paul,p2,en;es,A,in_person;virtual,TU 17:30-19:30,,funding,,
Phuong,p3,vi,B,virtual,WE 18:00-19:00,no,,,
Ping,p4,zh,B,virtual,WE 18:00-19:00,no,,,
Paz,p5,es,A,in_person,MO 10:00-11:00,yes,,,
Quang,p6,vi,B,virtual,WE 18:00-20:00,no,,,
"""

VTZ = make_tiny_program.VTIMEZONE

BLACKOUTS = """\
BEGIN:VEVENT
UID:b1@hand
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:20260901
SUMMARY:First Tuesday of September
END:VEVENT
BEGIN:VEVENT
UID:b2@hand
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:20261125
DTEND;VALUE=DATE:20261128
SUMMARY:Thanksgiving break
END:VEVENT
BEGIN:VEVENT
UID:b3@hand
DTSTAMP:20260101T000000Z
DTSTART;TZID=America/Los_Angeles:20261001T090000
DTEND;TZID=America/Los_Angeles:20261001T100000
SUMMARY:Timed blackout on a Thursday
END:VEVENT
"""

OPEN_HOUSES_A = """\
BEGIN:VEVENT
UID:oh1@hand
DTSTAMP:20260101T000000Z
DTSTART;TZID=America/Los_Angeles:20260910T180000
DTEND;TZID=America/Los_Angeles:20260910T190000
SUMMARY:Open house
END:VEVENT
BEGIN:VEVENT
UID:oh2@hand
DTSTAMP:20260101T000000Z
DTSTART;TZID=America/Los_Angeles:20261126T180000
DTEND;TZID=America/Los_Angeles:20261126T190000
SUMMARY:Open house on Thanksgiving (blackout: no session)
END:VEVENT
BEGIN:VEVENT
UID:oh3@hand
DTSTAMP:20260101T000000Z
DTSTART;TZID=America/Los_Angeles:20261203T180000
DTEND;TZID=America/Los_Angeles:20261203T190000
SUMMARY:Open house
END:VEVENT
BEGIN:VEVENT
UID:oh4@hand
DTSTAMP:20260101T000000Z
DTSTART;VALUE=DATE:20261015
SUMMARY:All-day fair (ignored)
END:VEVENT
"""


def _ics(body: str) -> str:
    return make_tiny_program.ics(body)


def _s(start: str, end: str) -> dict:
    return {"start": start, "end": end}


# Sessions worked out by hand from spec section 4:
#  g1 TU 18:00 monthly: Aug 4 < term_start (dropped); Sep 1 is a blackout -> Sep 8; Oct 6; Nov 3 (PST); Dec 1.
#  g2 open house at A, anchor after, 60 min: Sep 10 19:00; Nov 26 on a blackout (dropped); Dec 3 19:00 (PST).
#  g3 WE 18:00 monthly: Aug 5 < term_start; Sep 2; Oct 7; Nov 4; Dec 2.
# Score: matched 5*100; preferred_language p1 (es-MX~es), p2 (en), p3 (vi), p5 (es), p6 (vi) = 5*10;
#  open_house p5 = 15; shared_topic p1 4 shared capped at 3 -> 6, p2 funding -> 2; group 3*-20.
#  total = 500 + 50 + 15 + 8 - 60 = 513.
SCHEDULE = {
    "program": "Hand District",
    "timezone": "America/Los_Angeles",
    "score": {"total": 513, "bound": 520, "gap": (520 - 513) / 520,
              "terms": {"matched": 500, "preferred_language": 50, "open_house": 15, "shared_topic": 8,
                        "continuity": 0, "group": -60}},
    "groups": [
        {"id": "g1", "mentor": "m1", "kind": "weekly", "mode": "in_person", "site": "A", "weekday": "TU",
         "start": "18:00", "minutes": 60, "parents": ["p1", "p2"],
         "sessions": [_s("2026-09-08T18:00:00-07:00", "2026-09-08T19:00:00-07:00"),
                      _s("2026-10-06T18:00:00-07:00", "2026-10-06T19:00:00-07:00"),
                      _s("2026-11-03T18:00:00-08:00", "2026-11-03T19:00:00-08:00"),
                      _s("2026-12-01T18:00:00-08:00", "2026-12-01T19:00:00-08:00")]},
        {"id": "g2", "mentor": "m1", "kind": "open_house", "mode": "in_person", "site": "A", "minutes": 60,
         "parents": ["p5"],
         "sessions": [_s("2026-09-10T19:00:00-07:00", "2026-09-10T20:00:00-07:00"),
                      _s("2026-12-03T19:00:00-08:00", "2026-12-03T20:00:00-08:00")]},
        {"id": "g3", "mentor": "m2", "kind": "weekly", "mode": "virtual", "site": None, "weekday": "WE",
         "start": "18:00", "minutes": 60, "parents": ["p3", "p6"],
         "sessions": [_s("2026-09-02T18:00:00-07:00", "2026-09-02T19:00:00-07:00"),
                      _s("2026-10-07T18:00:00-07:00", "2026-10-07T19:00:00-07:00"),
                      _s("2026-11-04T18:00:00-08:00", "2026-11-04T19:00:00-08:00"),
                      _s("2026-12-02T18:00:00-08:00", "2026-12-02T19:00:00-08:00")]},
    ],
    "unmatched": [{"parent": "p4", "reasons": ["no mentor speaks zh"]}],
}


def write_program(root, mentors: str = MENTORS, toml: str = ENLACE_TOML) -> str:
    root = str(root)
    files = {
        "enlace.toml": (toml, False),
        "data/sites.csv": (SITES, False),
        "data/mentors.csv": (mentors, False),
        "data/parents.csv": (PARENTS, True),
        "calendars/blackouts.ics": (_ics(BLACKOUTS), False),
        "calendars/open-houses/A.ics": (_ics(OPEN_HOUSES_A), False),
    }
    for rel, (text, bom) in files.items():
        make_tiny_program.write(os.path.join(root, rel), text, bom=bom)
    return root


@pytest.fixture
def program(tmp_path):
    return write_program(tmp_path / "prog")


def run_check(program_dir, schedule, previous=None):
    prog = em.load_program(program_dir)
    rep, objective = check_schedule.check(prog, schedule, em.read_previous(previous))
    return rep, objective


def rules(rep) -> set[str]:
    return {v["rule"] for v in rep.violations}


# --------------------------------------------------------------------------- the clean schedule


def test_clean_schedule_passes(program):
    rep, objective = run_check(program, SCHEDULE)
    assert rep.violations == []
    assert objective["total"] == 513
    assert any("all-day" in w for w in rep.warnings)


def test_cli_exit_codes_and_json(program, tmp_path):
    path = tmp_path / "schedule.json"
    path.write_text(json.dumps(SCHEDULE))
    script = os.path.join(BENCH, "check_schedule.py")
    ok = subprocess.run([sys.executable, script, program, "--schedule", str(path), "--json"],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    out = json.loads(ok.stdout)
    assert out["ok"] is True and out["violations"] == [] and out["objective"]["total"] == 513
    bad = copy.deepcopy(SCHEDULE)
    bad["score"]["total"] = 600
    path.write_text(json.dumps(bad))
    res = subprocess.run([sys.executable, script, program, "--schedule", str(path)], capture_output=True, text=True)
    assert res.returncode == 1
    assert "score_total" in res.stdout and "FAILED" in res.stdout
    # default path PROGRAM_DIR/out/schedule.json
    os.makedirs(os.path.join(program, "out"), exist_ok=True)
    with open(os.path.join(program, "out", "schedule.json"), "w") as fh:
        json.dump(SCHEDULE, fh)
    assert subprocess.run([sys.executable, script, program], capture_output=True).returncode == 0


# --------------------------------------------------------------------------- injected violations


def mutate(fn):
    s = copy.deepcopy(SCHEDULE)
    fn(s)
    return s


def test_wrong_session_date(program):
    # the blacked-out Sep 1 kept instead of moving to Sep 8
    def f(s):
        s["groups"][0]["sessions"][0] = _s("2026-09-01T18:00:00-07:00", "2026-09-01T19:00:00-07:00")
    rep, _ = run_check(program, mutate(f))
    assert {"session_blackout", "session_missing", "session_unexpected"} <= rules(rep)
    assert any("2026-09-08T18:00:00-07:00" in v["message"] for v in rep.violations)


def test_dropped_session_is_missing(program):
    rep, _ = run_check(program, mutate(lambda s: s["groups"][2]["sessions"].pop()))
    assert rules(rep) == {"session_missing"}


def test_session_outside_term(program):
    # the August nominal Tuesday is before term_start
    def f(s):
        s["groups"][0]["sessions"].insert(0, _s("2026-08-04T18:00:00-07:00", "2026-08-04T19:00:00-07:00"))
    rep, _ = run_check(program, mutate(f))
    assert {"session_outside_term", "session_unexpected"} <= rules(rep)


def test_wrong_offset(program):
    # same instant as 18:00 PST, but written with the summer offset
    def f(s):
        s["groups"][0]["sessions"][2] = _s("2026-11-03T19:00:00-07:00", "2026-11-03T20:00:00-07:00")
    rep, _ = run_check(program, mutate(f))
    assert rules(rep) == {"session_offset"}


def test_open_house_session_on_blackout(program):
    def f(s):
        s["groups"][1]["sessions"].insert(1, _s("2026-11-26T19:00:00-08:00", "2026-11-26T20:00:00-08:00"))
    rep, _ = run_check(program, mutate(f))
    assert {"session_blackout", "session_unexpected"} <= rules(rep)


def test_session_wrong_length(program):
    def f(s):
        s["groups"][2]["sessions"][0]["end"] = "2026-09-02T19:30:00-07:00"
    rep, _ = run_check(program, mutate(f))
    assert "session_length" in rules(rep)


def test_overlap_of_one_mentors_groups(program):
    # p6 moved from g3 (WE 18:00) into a new m2 group at WE 18:30: same mentor, overlapping slots
    def f(s):
        s["groups"][2]["parents"] = ["p3"]
        s["groups"].append({
            "id": "g4", "mentor": "m2", "kind": "weekly", "mode": "virtual", "site": None, "weekday": "WE",
            "start": "18:30", "minutes": 60, "parents": ["p6"],
            "sessions": [_s(f"2026-{d}T18:30:00{o}", f"2026-{d}T19:30:00{o}") for d, o in
                         [("09-02", "-07:00"), ("10-07", "-07:00"), ("11-04", "-08:00"), ("12-02", "-08:00")]]})
        s["score"]["terms"]["group"] = -80
        s["score"].update(total=493, gap=(520 - 493) / 520)
    rep, _ = run_check(program, mutate(f))
    assert rules(rep) == {"mentor_overlap"}
    assert any(v.get("groups") == ["g3", "g4"] for v in rep.violations)


def test_overlap_open_house_against_weekly(tmp_path):
    # m1 free on TH: a weekly TH 19:00 group collides with the open-house sessions (Sep 10/Dec 3 19:00)
    prog = write_program(tmp_path / "p")
    s = copy.deepcopy(SCHEDULE)
    g = s["groups"][0]
    g.update({"weekday": "TH", "start": "19:00", "parents": ["p2"]})
    # first Thursdays: Sep 3, Oct 1 (timed blackout 09:00-10:00 -> moves to Oct 8), Nov 5, Dec 3
    g["sessions"] = [_s(f"2026-{d}T19:00:00{o}", f"2026-{d}T20:00:00{o}") for d, o in
                     [("09-03", "-07:00"), ("10-08", "-07:00"), ("11-05", "-08:00"), ("12-03", "-08:00")]]
    rep, _ = run_check(prog, s)
    assert "mentor_overlap" in rules(rep)
    assert "session_missing" not in rules(rep) and "session_unexpected" not in rules(rep)
    # p2 has no TH window, p1 left out of every group
    assert {"parent_fit", "parent_missing"} <= rules(rep)


def test_over_capacity(tmp_path):
    prog = write_program(tmp_path / "p", mentors=MENTORS.replace("in_person;virtual,3,", "in_person;virtual,2,"))
    rep, _ = run_check(prog, SCHEDULE)
    assert rules(rep) == {"mentor_capacity"}
    assert rep.violations[0]["mentor"] == "m1"


def test_too_many_groups(tmp_path):
    prog = write_program(tmp_path / "p", toml=ENLACE_TOML.replace("max_groups_per_mentor = 2",
                                                                  "max_groups_per_mentor = 1"))
    rep, _ = run_check(prog, SCHEDULE)
    assert rules(rep) == {"mentor_groups"}


def test_group_too_large(tmp_path):
    prog = write_program(tmp_path / "p", toml=ENLACE_TOML.replace("max_group_size = 2", "max_group_size = 1"))
    rep, _ = run_check(prog, SCHEDULE)
    assert rules(rep) == {"group_size"}
    assert {v["group"] for v in rep.violations} == {"g1", "g3"}


def test_language_mismatch(program):
    # p4 speaks zh only; m2 speaks vi
    def f(s):
        s["groups"][2]["parents"] = ["p3", "p4"]
        s["unmatched"] = [{"parent": "p6", "reasons": ["left out"]}]
        s["score"]["terms"]["preferred_language"] = 40  # p4's zh is not spoken by m2
        s["score"].update(total=503, gap=(520 - 503) / 520)
    rep, _ = run_check(program, mutate(f))
    assert rules(rep) == {"parent_fit"}
    assert rep.violations[0]["parent"] == "p4" and "language" in rep.violations[0]["message"]


def test_wrong_site_and_mode(program):
    # p5 (site A, in_person only) in m2's virtual group
    def f(s):
        s["groups"][2]["parents"] = ["p3", "p5"]
        s["groups"][1]["parents"] = ["p6"]  # p6: site B, virtual only, in the open-house group at A
    rep, _ = run_check(program, mutate(f))
    msgs = " ".join(v["message"] for v in rep.violations)
    assert "parent_fit" in rules(rep)
    assert "mode virtual not in parent's modes" in msgs and "site 'B' is not the group's site 'A'" in msgs


def test_wrong_score(program):
    def f(s):
        s["score"]["terms"]["open_house"] = 30
        s["score"]["total"] = 528
        s["score"]["bound"] = 528
        s["score"]["gap"] = 0
    rep, objective = run_check(program, mutate(f))
    assert rules(rep) == {"score_term", "score_total"}
    assert objective["terms"]["open_house"] == 15


def test_shared_topic_cap_and_preferred_language(program):
    # claiming p1's 4 shared topics uncapped (8 instead of 6)
    def f(s):
        s["score"]["terms"]["shared_topic"] = 10
        s["score"]["total"] = 515
        s["score"]["gap"] = (520 - 515) / 520
    rep, _ = run_check(program, mutate(f))
    assert rules(rep) == {"score_term", "score_total"}
    assert any("shared_topic" in v["message"] for v in rep.violations)


def test_bound_below_total_and_bad_gap(program):
    def f(s):
        s["score"]["bound"] = 500
        s["score"]["gap"] = 0.5
    rep, _ = run_check(program, mutate(f))
    assert {"score_bound", "score_gap"} <= rules(rep)


def test_gap_definitions_accepted(program):
    for gap in ((520 - 513) / 513, 100 * (520 - 513) / 520, 7):
        rep, _ = run_check(program, mutate(lambda s: s["score"].__setitem__("gap", gap)))
        assert rep.violations == [], gap


def test_parent_twice_and_missing(program):
    def f(s):
        s["groups"][2]["parents"] = ["p3", "p3"]
        s["unmatched"].append({"parent": "p1", "reasons": ["x"]})
    rep, _ = run_check(program, mutate(f))
    assert {"parent_twice", "parent_missing", "parent_matched_and_unmatched"} <= rules(rep)
    assert any(v.get("parent") == "p6" and v["rule"] == "parent_missing" for v in rep.violations)


def test_empty_group(program):
    def f(s):
        s["groups"][1]["parents"] = []
        s["unmatched"].append({"parent": "p5", "reasons": ["x"]})
    rep, _ = run_check(program, mutate(f))
    assert "empty_group" in rules(rep)


def test_slot_off_grid_and_outside_mentor_window(program):
    def f(s):
        g = s["groups"][0]
        g["start"] = "18:15"
        for x in g["sessions"]:
            x["start"] = x["start"].replace("T18:00", "T18:15")
            x["end"] = x["end"].replace("T19:00", "T19:15")
    rep, _ = run_check(program, mutate(f))
    assert "group_invalid" in rules(rep)
    assert any("slot grid" in v["message"] for v in rep.violations)
    assert any(v["rule"] == "parent_fit" and v["parent"] == "p1" for v in rep.violations)


def test_unknown_ids_and_shape(program):
    def f(s):
        s["groups"][0]["mentor"] = "m9"
        s["groups"][2]["site"] = "B"
        s["timezone"] = "UTC"
    rep, _ = run_check(program, mutate(f))
    assert {"unknown_mentor", "shape"} <= rules(rep)


def test_continuity_with_previous(program, tmp_path):
    prev = tmp_path / "assignments.csv"
    prev.write_text("parent_id,mentor_id,group_id,reason\np1,m1,g7,\np3,m1,g8,\np4,,,no mentor speaks zh\n")
    rep, objective = run_check(program, SCHEDULE, previous=str(prev))
    assert objective["terms"]["continuity"] == 50  # p1 kept with m1; p3 moved to m2
    assert "score_term" in rules(rep)
    s = copy.deepcopy(SCHEDULE)
    s["score"].update(total=563, bound=563, gap=0)
    s["score"]["terms"]["continuity"] = 50
    rep, _ = run_check(program, s, previous=str(prev))
    assert rep.violations == []


# --------------------------------------------------------------------------- sessions and calendars


def _settings(cadence="monthly"):
    return em.Settings(name="x", timezone="America/Los_Angeles", term_start=dt.date(2026, 8, 17),
                       term_end=dt.date(2026, 12, 18), cadence=cadence)


def test_spec_example_no_august_session():
    dates = em.weekly_session_dates(_settings(), 1, set())
    assert dates[0] == dt.date(2026, 9, 1) and all(d.month != 8 for d in dates)


def test_blackout_move_rule():
    D = dt.date
    # biweekly Tuesdays of Sept 2026: 1, 15 nominal (8, 22, 29 not)
    st = _settings("biweekly")

    def sept(dates):
        return [d for d in dates if d.month == 9]
    assert sept(em.weekly_session_dates(st, 1, set())) == [D(2026, 9, 1), D(2026, 9, 15)]
    assert sept(em.weekly_session_dates(st, 1, {D(2026, 9, 1)})) == [D(2026, 9, 8), D(2026, 9, 15)]
    # Sep 1 and 8 blacked out: skip 8 (blackout) and 15 (nominal) -> 22
    assert sept(em.weekly_session_dates(st, 1, {D(2026, 9, 1), D(2026, 9, 8)})) == [D(2026, 9, 15), D(2026, 9, 22)]
    # 3rd Tuesday blacked out moves to the 4th
    assert sept(em.weekly_session_dates(st, 1, {D(2026, 9, 15)})) == [D(2026, 9, 1), D(2026, 9, 22)]
    # last Tuesday of a month blacked out and no later one in the month -> dropped
    assert D(2026, 9, 29) not in em.weekly_session_dates(_settings("weekly"), 1, {D(2026, 9, 29)})
    # weekly cadence: every later Tuesday is nominal -> a blacked-out date is dropped
    wk = em.weekly_session_dates(_settings("weekly"), 1, {D(2026, 9, 8)})
    assert D(2026, 9, 8) not in wk and wk.count(D(2026, 9, 15)) == 1
    # the move stays within the term: Dec 15 blacked out, Dec 22 is after term_end 2026-12-18
    assert D(2026, 12, 22) not in em.weekly_session_dates(st, 1, {D(2026, 12, 15)})
    # monthly cadence never moves into the next month
    mo = em.weekly_session_dates(_settings(), 1, {D(2026, 9, 1), D(2026, 9, 8), D(2026, 9, 15), D(2026, 9, 22),
                                                   D(2026, 9, 29)})
    assert all(d.month != 9 for d in mo)


def test_generated_calendars(tmp_path):
    root = make_tiny_program.make(str(tmp_path / "t"))
    prog = em.load_program(root)
    D = dt.date
    assert {D(2026, 9, 7), D(2026, 10, 6), D(2026, 11, 25), D(2026, 11, 27), D(2026, 12, 2),
            D(2026, 12, 9)} <= prog.blackouts
    assert D(2026, 11, 28) not in prog.blackouts  # DTEND is exclusive
    s1 = [(o.start.isoformat(), o.end.isoformat()) for o in prog.open_houses["S1"]]
    # EXDATE Oct 15 removed, Nov 19 overridden to 17:30, Dec 17 cancelled, all-day event ignored
    assert s1 == [("2026-08-20T18:00:00-07:00", "2026-08-20T19:00:00-07:00"),
                  ("2026-09-17T18:00:00-07:00", "2026-09-17T19:00:00-07:00"),
                  ("2026-11-19T17:30:00-08:00", "2026-11-19T18:30:00-08:00")]
    # Sep 17 is a blackout day: no session
    assert [x.start.isoformat() for x in em.open_house_sessions(prog, "S1")] == \
        ["2026-08-20T19:00:00-07:00", "2026-11-19T18:30:00-08:00"]
    # Google style (UTC + X-WR-TIMEZONE): stays at 18:00 local across the DST change
    s2 = [o.start.isoformat() for o in prog.open_houses["S2"]]
    assert s2 == ["2026-08-25T18:00:00-07:00", "2026-09-22T18:00:00-07:00", "2026-10-20T18:00:00-07:00",
                  "2026-11-17T18:00:00-08:00", "2026-12-15T18:00:00-08:00"]


def test_availability_merge():
    w = em.parse_availability("TU 18:00-19:00; tu 19:00-20:00; TU 17:30-18:30; SA 09:00-12:00")
    assert w == {1: [(17 * 60 + 30, 20 * 60)], 5: [(540, 720)]}


# --------------------------------------------------------------------------- MIP reference


@pytest.mark.skipif(not HAVE_HIGHS, reason="highspy not installed")
@pytest.mark.parametrize("seed,cadence,anchor", [(1, "monthly", "after"), (3, "biweekly", "before"),
                                                 (4, "weekly", "after")])
def test_mip_solution_passes_checker(tmp_path, seed, cadence, anchor):
    import mip_reference

    root = make_tiny_program.make(str(tmp_path / "t"), seed=seed, n_mentors=6, n_parents=30, cadence=cadence,
                                  anchor=anchor)
    prog = em.load_program(root)
    solved = mip_reference.build_and_solve(prog, {}, 60, 2, 0.0)
    assert solved["result"]["status"] == "Optimal"
    sched = mip_reference.to_schedule(prog, solved, {})
    rep, objective = check_schedule.check(prog, json.loads(json.dumps(sched)), {})
    assert rep.violations == []
    assert abs(objective["total"] - solved["result"]["objective"]) < 1e-6
    pairs = mip_reference.build_and_solve(prog, {}, 60, 2, 0.0, conflicts="pairs")
    assert abs(pairs["result"]["objective"] - solved["result"]["objective"]) < 1e-6


@pytest.mark.skipif(not HAVE_HIGHS, reason="highspy not installed")
def test_mip_cli_on_hand_program(program, tmp_path):
    out = tmp_path / "sched.json"
    res = subprocess.run([sys.executable, os.path.join(BENCH, "mip_reference.py"), program, "--time-limit", "30",
                          "--threads", "1", "--write-schedule", str(out)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    result = json.loads(res.stdout)
    assert set(result) >= {"status", "objective", "bound", "gap", "seconds", "parents", "mentors", "groups", "pairs"}
    # the hand schedule (513) is feasible, so the optimum is at least that
    assert result["status"] == "Optimal" and result["objective"] >= 513 - 1e-6
    chk = subprocess.run([sys.executable, os.path.join(BENCH, "check_schedule.py"), program, "--schedule", str(out)],
                         capture_output=True, text=True)
    assert chk.returncode == 0, chk.stdout


def _brute_force(prog, groups, fits):
    """Exact optimum by enumerating every parent's choice (tiny instances only)."""
    import itertools

    st = prog.settings
    options = {}
    for gi, pids in fits.items():
        for pid in pids:
            options.setdefault(pid, []).append(gi)
    parents = sorted(options)
    best = 0.0
    for choice in itertools.product(*[[None] + options[p] for p in parents]):
        members = {}
        for pid, gi in zip(parents, choice):
            if gi is not None:
                members.setdefault(gi, []).append(pid)
        if any(len(v) > st.max_group_size for v in members.values()):
            continue
        by_m = {}
        for gi in members:
            by_m.setdefault(groups[gi].mentor, []).append(gi)
        ok = True
        for mid, gis in by_m.items():
            if len(gis) > st.max_groups_per_mentor or \
                    sum(len(members[gi]) for gi in gis) > prog.mentors[mid].capacity or \
                    any(em.groups_conflict(groups[a], groups[b]) for a, b in itertools.combinations(gis, 2)):
                ok = False
                break
        if not ok:
            continue
        val = st.weights["group"] * len(members) + sum(
            sum(em.pair_terms(prog, prog.parents[p], prog.mentors[groups[gi].mentor], groups[gi].kind, {}).values())
            for gi, ps in members.items() for p in ps)
        best = max(best, val)
    return best


@pytest.mark.skipif(not HAVE_HIGHS, reason="highspy not installed")
@pytest.mark.parametrize("seed,G,K", [(21, 2, 2), (23, 2, 2), (24, 1, 1), (25, 2, 2), (25, 1, 2), (27, 2, 2),
                                      (27, 3, 1), (28, 2, 2)])
def test_mip_matches_brute_force(tmp_path, seed, G, K):
    import math

    import mip_reference

    root = make_tiny_program.make(str(tmp_path / "t"), seed=seed, n_mentors=3, n_parents=8, max_group_size=G,
                                  max_groups_per_mentor=K)
    prog = em.load_program(root)
    groups = em.candidate_groups(prog)
    fits = mip_reference.fitting_pairs(prog, groups)
    per_parent = {}
    for gi, pids in fits.items():
        for pid in pids:
            per_parent[pid] = per_parent.get(pid, 0) + 1
    if math.prod(n + 1 for n in per_parent.values()) > 300_000:
        pytest.skip("instance too large to enumerate")
    solved = mip_reference.build_and_solve(prog, {}, 60, 1, 0.0)
    assert abs(solved["result"]["objective"] - _brute_force(prog, groups, fits)) < 1e-6


# --------------------------------------------------------------------------- MIP model building


def _tiny_programs(tmp_path):
    yield write_program(tmp_path / "hand")
    for seed, cadence, anchor in [(1, "monthly", "after"), (3, "biweekly", "before"), (4, "weekly", "after"),
                                  (7, "monthly", "before")]:
        yield make_tiny_program.make(str(tmp_path / f"t{seed}"), seed=seed, n_mentors=6, n_parents=40,
                                     cadence=cadence, anchor=anchor)


@pytest.mark.skipif(not HAVE_HIGHS, reason="highspy not installed")
def test_fitting_pairs_match_the_direct_rule(tmp_path):
    import mip_reference

    for root in _tiny_programs(tmp_path):
        prog = em.load_program(root)
        groups = em.candidate_groups(prog)
        direct = mip_reference.fitting_pairs_direct(prog, groups)
        assert direct, root
        assert mip_reference.fitting_pairs(prog, groups) == direct
        # and the direct rule is the checker's (model's) parent_fits
        for gi, pids in direct.items():
            g = groups[gi]
            for pid, p in prog.parents.items():
                assert (pid in pids) == (not em.parent_fits(prog, p, prog.mentors[g.mentor], g))


@pytest.mark.skipif(not HAVE_HIGHS, reason="highspy not installed")
def test_pair_costs_are_the_pair_terms(tmp_path):
    import random

    import mip_reference

    rng = random.Random(5)
    for root in _tiny_programs(tmp_path):
        prog = em.load_program(root)
        groups = em.candidate_groups(prog)
        mids = sorted(prog.mentors)
        previous = {pid: rng.choice(mids) for pid in sorted(prog.parents) if rng.random() < 0.5}
        ix = mip_reference.PairIndex(prog, groups)
        cost = ix.pair_costs(prog, groups, previous)
        for k in range(len(ix.pair_parent)):
            g = groups[ix.used[ix.pair_used[k]]]
            p = prog.parents[ix.pids[ix.pair_parent[k]]]
            assert cost[k] == sum(em.pair_terms(prog, p, prog.mentors[g.mentor], g.kind, previous).values())


def test_group_rows_are_the_written_rows():
    import mip_reference
    import numpy as np

    gstart = [0, 3, 4, 8]  # three groups with 3, 1 and 4 pairs
    ny, G = 3, 5.0
    for linking in mip_reference.LINKING:
        lengths, idx, val = mip_reference._group_rows(ny, np.array(gstart), G, linking)
        rows = []
        pos = 0
        for n in lengths:
            rows.append(list(zip(idx[pos:pos + n].tolist(), val[pos:pos + n].tolist())))
            pos += n
        assert pos == len(idx)
        want = []
        for j in range(ny):
            xs = [ny + k for k in range(gstart[j], gstart[j + 1])]
            want.append([(c, 1.0) for c in xs] + [(j, -G)])
            if linking == "pair":
                want += [[(c, 1.0), (j, -1.0)] for c in xs]
            want.append([(c, -1.0) for c in xs] + [(j, 1.0)])
        assert rows == want, linking


def test_cover_is_the_interval_scan():
    import random

    import mip_reference

    rng = random.Random(11)
    tz = dt.timezone(dt.timedelta(hours=-7))
    base = dt.datetime(2026, 9, 1, tzinfo=dt.timezone.utc)
    for _ in range(200):
        sessions = []
        for _ in range(rng.randint(0, 6)):
            s = base + dt.timedelta(minutes=rng.randrange(0, 600, 15))
            sessions.append(em.Session(s.astimezone(tz), s + dt.timedelta(minutes=rng.choice([0, 30, 60, 120]))))
        cover = mip_reference._Cover(sessions)
        for m in range(0, 800, 15):
            t = base + dt.timedelta(minutes=m)
            assert cover.covers(t) == any(s.start <= t < s.end for s in sessions)


@pytest.mark.skipif(not HAVE_HIGHS, reason="highspy not installed")
@pytest.mark.parametrize("seed,cadence", [(1, "monthly"), (4, "weekly"), (8, "biweekly")])
def test_aggregate_linking_has_the_same_optimum(tmp_path, seed, cadence):
    import mip_reference

    root = make_tiny_program.make(str(tmp_path / "t"), seed=seed, n_mentors=6, n_parents=30, cadence=cadence)
    prog = em.load_program(root)
    strong = mip_reference.build_and_solve(prog, {}, 60, 1, 0.0)
    weak = mip_reference.build_and_solve(prog, {}, 60, 1, 0.0, linking="aggregate")
    assert strong["result"]["status"] == weak["result"]["status"] == "Optimal"
    assert abs(strong["result"]["objective"] - weak["result"]["objective"]) < 1e-6
    assert weak["result"]["rows"] == strong["result"]["rows"] - strong["result"]["pairs"]
    sched = mip_reference.to_schedule(prog, weak, {})
    rep, _ = check_schedule.check(prog, json.loads(json.dumps(sched)), {})
    assert rep.violations == []


@pytest.mark.skipif(not HAVE_HIGHS, reason="highspy not installed")
@pytest.mark.parametrize("seed,cadence,G,K", [(1, "monthly", 4, 2), (4, "weekly", 2, 2), (8, "biweekly", 3, 1),
                                              (25, "monthly", 1, 2)])
def test_formulations_have_the_same_optimum(tmp_path, seed, cadence, G, K):
    import mip_reference

    root = make_tiny_program.make(str(tmp_path / "t"), seed=seed, n_mentors=6, n_parents=30, cadence=cadence,
                                  max_group_size=G, max_groups_per_mentor=K)
    prog = em.load_program(root)
    ref = mip_reference.build_and_solve(prog, {}, 60, 1, 0.0, linking="pair", x_vars="binary")
    assert ref["result"]["status"] == "Optimal"
    auto = mip_reference.build_and_solve(prog, {}, 60, 1, 0.0)
    assert (auto["result"]["linking"], auto["result"]["x_vars"]) == ("pair", "binary")  # small model: as before
    for linking in mip_reference.LINKING:
        for x_vars in mip_reference.X_VARS:
            got = mip_reference.build_and_solve(prog, {}, 60, 1, 0.0, linking=linking, x_vars=x_vars)
            assert got["result"]["status"] == "Optimal", (linking, x_vars)
            assert abs(got["result"]["objective"] - ref["result"]["objective"]) < 1e-6, (linking, x_vars)
            sched = mip_reference.to_schedule(prog, got, {})
            rep, objective = check_schedule.check(prog, json.loads(json.dumps(sched)), {})
            assert rep.violations == [], (linking, x_vars)
            assert abs(objective["total"] - ref["result"]["objective"]) < 1e-6


def test_large_models_get_the_light_formulation():
    import mip_reference

    n = mip_reference.LARGE_MODEL_PAIRS
    assert mip_reference.resolve_formulation(n) == ("pair", "binary")
    assert mip_reference.resolve_formulation(n + 1) == ("aggregate", "continuous")
    assert mip_reference.resolve_formulation(n + 1, "pair", "binary") == ("pair", "binary")
    with pytest.raises(ValueError):
        mip_reference.resolve_formulation(1, "strong")


@pytest.mark.skipif(not HAVE_HIGHS, reason="highspy not installed")
def test_fractional_x_is_replaced_by_an_lp_vertex(tmp_path, monkeypatch):
    import mip_reference

    root = make_tiny_program.make(str(tmp_path / "t"), seed=4, n_mentors=6, n_parents=30, cadence="weekly")
    prog = em.load_program(root)
    ref = mip_reference.build_and_solve(prog, {}, 60, 1, 0.0, x_vars="binary")
    quiet = mip_reference._quiet_highs

    def spoiled(highspy):  # the MIP's answer gets a fractional x (as a heuristic point could)
        h = quiet(highspy)
        real = h.getSolution
        calls = []

        def get_solution():
            sol = real()
            calls.append(1)
            if len(calls) == 1:
                v = list(sol.col_value)
                k = next(i for i in range(len(v) - 1, -1, -1) if v[i] > 0.5)
                v[k] = 0.5
                sol.col_value = v
            return sol

        h.getSolution = get_solution
        return h

    monkeypatch.setattr(mip_reference, "_quiet_highs", spoiled)
    got = mip_reference.build_and_solve(prog, {}, 60, 1, 0.0, linking="aggregate", x_vars="continuous")
    assert got["result"]["x_repaired"] is True
    assert abs(got["result"]["objective"] - ref["result"]["objective"]) < 1e-6
    sched = mip_reference.to_schedule(prog, got, {})
    rep, objective = check_schedule.check(prog, json.loads(json.dumps(sched)), {})
    assert rep.violations == []
    assert abs(objective["total"] - ref["result"]["objective"]) < 1e-6
