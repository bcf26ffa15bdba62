"""check_participation.py (spec section 11) on the re-run of 2026-10-15 (test_term_in_progress).

Held sessions: g1 (in person) Sep 8, Oct 6 for p1 p2; g2 Sep 10 for p5; g3 (virtual) Sep 2, Oct 7
for p3 p6. Attendance, worked out by hand:
- sign-in sheet: p1 at both g1 sessions, p5 on Sep 10, p3 watched Oct 7's recording; a row for a
  date without a session (Oct 1) is ignored; p2 never came;
- Sep 2 report (with the meeting block): p3 joined twice, 10 + 8 minutes = 18 >= 15 (attended);
  p6 stayed 10 minutes (not attended); a stranger's email is ignored;
- Oct 7 report (no meeting block): p6 (email in other case) stayed 50 minutes.
participation: p1 g1 2 2 2 0 0 2026-10-06; p2 g1 2 0 0 0 0 -; p3 g3 2 2 0 1 1 2026-10-07;
p5 g2 1 1 1 0 0 2026-09-10; p6 g3 2 1 0 1 0 2026-10-07. follow-up: p2 (m1) missed 2 in a row.
"""
from __future__ import annotations

import os
import subprocess
import sys

import hand
from test_term_in_progress import NOV3, NOV4, NOV4_19, OCT6, OCT7, SEP2, SEP8, SEP10, midterm

import check_participation  # noqa: E402

PARENTS = hand.base.PARENTS.replace("Phuong,p3,vi,B,virtual,WE 18:00-19:00,no,,,",
                                    "Phuong,p3,vi,B,virtual,WE 18:00-19:00,no,,phuong@example.net,") \
    .replace("Quang,p6,vi,B,virtual,WE 18:00-20:00,no,,,", "Quang,p6,vi,B,virtual,WE 18:00-20:00,no,,quang@example.net,")
SIGN_IN = """date,group,parent,mode
2026-09-08,g1,p1,in_person
2026-10-06,g1,p1,in_person
2026-09-10,g2,p5,in_person
2026-10-01,g1,p1,in_person
2026-10-07,g3,p3,recording
"""
REPORT_SEP = """Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants
812 3456 7890,Grupo g3,09/02/2026 05:58:00 PM,09/02/2026 07:01:00 PM,bao@example.org,63,3

Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
Phuong,phuong@example.net,09/02/2026 06:00:10 PM,09/02/2026 06:10:10 PM,10,Yes
Phuong,PHUONG@example.net,09/02/2026 06:12:00 PM,09/02/2026 06:20:00 PM,8,Yes
Quang,quang@example.net,09/02/2026 06:05:00 PM,09/02/2026 06:15:00 PM,10,Yes
Stranger,who@example.com,09/02/2026 06:00:00 PM,09/02/2026 07:00:00 PM,60,Yes
"""
REPORT_OCT = """Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest
Quang,Quang@Example.NET,10/07/2026 06:00:00 PM,10/07/2026 06:50:00 PM,50,Yes
"""
HEADER = ["parent_id", "group_id", "held", "attended", "in_person", "virtual", "recording", "last_attended"]
PARTICIPATION = [["p1", "g1", 2, 2, 2, 0, 0, "2026-10-06"], ["p2", "g1", 2, 0, 0, 0, 0, ""],
                 ["p3", "g3", 2, 2, 0, 1, 1, "2026-10-07"], ["p5", "g2", 1, 1, 1, 0, 0, "2026-09-10"],
                 ["p6", "g3", 2, 1, 0, 1, 0, "2026-10-07"]]
FOLLOW_UP = [["p2", "m1", 2, ""]]


def program(tmp_path, toml=hand.base.ENLACE_TOML, participation=PARTICIPATION, follow_up=FOLLOW_UP):
    root = hand.write(tmp_path / "prog", toml=toml, parents=PARENTS, extra={
        "data/attendance/sign-in.csv": SIGN_IN, "data/attendance/zoom-2026-09-02.csv": REPORT_SEP,
        "data/attendance/zoom-2026-10-07.csv": REPORT_OCT})
    hand.write_json(os.path.join(root, "out", "schedule.json"), midterm())
    hand.write_csv(os.path.join(root, "out", "participation.csv"), HEADER, participation)
    hand.write_csv(os.path.join(root, "out", "follow-up.csv"), ["parent_id", "mentor_id", "missed_in_a_row",
                                                                 "last_attended"], follow_up)
    return root


def run(root):
    return check_participation.check(root, midterm(), os.path.join(root, "out"))


def rules(rep):
    return {v["rule"] for v in rep.violations}


def messages(rep):
    return "\n".join(v["message"] for v in rep.violations)


def test_outputs_agree(tmp_path):
    rep = run(program(tmp_path))
    assert rep.violations == [], messages(rep)


def test_cli(tmp_path):
    root = program(tmp_path)
    script = os.path.join(hand.HERE, "..", "check_participation.py")
    assert subprocess.run([sys.executable, script, root], capture_output=True).returncode == 0
    hand.write_csv(os.path.join(root, "out", "follow-up.csv"), ["parent_id", "mentor_id", "missed_in_a_row",
                                                                 "last_attended"], [])
    res = subprocess.run([sys.executable, script, root, "--now", "2026-10-15T12:00:00-07:00"], capture_output=True,
                         text=True)
    assert res.returncode == 1 and "parent p2 missed their group's last 2 held sessions" in res.stdout


def test_rejoins_add_up(tmp_path):
    rows = [r[:] for r in PARTICIPATION]
    rows[2] = ["p3", "g3", 2, 1, 0, 0, 1, "2026-10-07"]  # as if 10 and 8 minutes were not added
    rep = run(program(tmp_path, participation=rows))
    assert rules(rep) == {"participation_csv"}
    assert "parent p3 in group g3" in messages(rep) and "expected ('2', '2', '0', '1', '1', '2026-10-07')" \
        in messages(rep)


def test_min_virtual_minutes(tmp_path):
    # at 20 minutes, p3's 18 minutes on Sep 2 are not attendance
    toml = hand.base.ENLACE_TOML + "\n[participation]\nmin_virtual_minutes = 20\n"
    rows = [r[:] for r in PARTICIPATION]
    rows[2] = ["p3", "g3", 2, 1, 0, 0, 1, "2026-10-07"]
    assert run(program(tmp_path, toml=toml, participation=rows)).violations == []


def test_emails_case_insensitive(tmp_path):
    rows = [r[:] for r in PARTICIPATION]
    rows[4] = ["p6", "g3", 2, 0, 0, 0, 0, ""]  # as if Quang@Example.NET were not p6
    rep = run(program(tmp_path, participation=rows))
    assert rules(rep) == {"participation_csv"} and "parent p6 in group g3" in messages(rep)


def test_missing_and_extra_rows(tmp_path):
    rows = [r[:] for r in PARTICIPATION[1:]] + [["p4", "g3", 1, 0, 0, 0, 0, ""]]
    rep = run(program(tmp_path, participation=rows))
    assert rules(rep) == {"participation_csv"}
    assert "no row for parent p1 in group g1" in messages(rep)
    assert "parent p4 had no session held in group g3" in messages(rep)


def test_follow_up(tmp_path):
    rep = run(program(tmp_path, follow_up=[["p2", "m1", 1, ""], ["p6", "m2", 2, ""]]))
    assert rules(rep) == {"follow_up_csv"}
    assert "parent p2: ('mentor_id', 'missed_in_a_row', 'last_attended') = ('m1', '1', '')" in messages(rep)
    assert "parent p6 did not miss their group's last two held sessions" in messages(rep)


def test_sessions_after_the_runs_now_are_held_for_its_members(tmp_path):
    # The run of Oct 15 planned Nov 3 (g1), Nov 4 (g3 at 18:00, g4 at 19:00) as future sessions;
    # checked as of Nov 10 they were held, for each group's members from the run's now on, as
    # `enlace participation --now` counts them (max of now and the run's now).
    prog = check_participation.em.load_program(program(tmp_path))
    now = check_participation.cs.parse_instant("2026-11-10T12:00:00-08:00")

    def starts(held):
        return sorted((h.gid, h.start.isoformat(), sorted(h.parents)) for h in held)

    def at(sess):
        return check_participation.cs.parse_instant(sess["start"]).isoformat()

    runs_own = [("g1", at(SEP8), ["p1", "p2"]), ("g1", at(OCT6), ["p1", "p2"]), ("g2", at(SEP10), ["p5"]),
                ("g3", at(OCT7), ["p3", "p6"]), ("g3", at(SEP2), ["p3", "p6"])]
    assert starts(check_participation.held_sessions(prog, midterm(), None)) == sorted(runs_own)
    later = [("g1", at(NOV3), ["p1", "p2"]), ("g3", at(NOV4), ["p3"]), ("g4", at(NOV4_19), ["p6"])]
    assert starts(check_participation.held_sessions(prog, midterm(), now)) == sorted(runs_own + later)
