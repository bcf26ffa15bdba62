"""Hand-made program folders shared by the checker tests (spec sections 8-11).

The base is the program of test_check_schedule.py (term 2026-08-17..2026-12-18, mentors m1/m2,
parents p1..p6); the helpers here write it with variations and build the schedules and CSV
outputs the tests start from. Every expected figure is worked out by hand in the test that uses it.
"""
from __future__ import annotations

import copy
import csv
import io
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

import make_tiny_program  # noqa: E402
import test_check_schedule as base  # noqa: E402

SCHEDULE = base.SCHEDULE
_s = base._s

# m2 trained in college (no family of m2's group asked for it, so shared_topic is unchanged).
MENTORS_TOPICS = base.MENTORS.replace("WE 18:00-20:00,,,south", "WE 18:00-20:00,,college,south")

# Topics: biliteracy required and unbounded; funding Oct-Mar (wraps); college until Nov 30; iep September.
TOPICS = """\
id,title,description,required,from,until,title@es,description@es-MX
biliteracy,Seal of Biliteracy,How a student earns the Seal,yes,,,Sello de Lectoescritura Bilingüe,Cómo se obtiene el Sello
funding,State funding for English learners,How the district spends it,no,10-01,03-31,Fondos estatales,Cómo los usa el distrito
college,College and financial aid,Applying and paying,no,,11-30,,
iep,IEP basics,Your rights in an IEP meeting,no,09-01,09-30,,
"""


def parents_csv(extra: dict[str, str] | None = None, topics: dict[str, str] | None = None) -> str:
    """base.PARENTS with a keep_apart_from column (extra: parent -> cell) and changed topics."""
    rows = list(csv.reader(io.StringIO(base.PARENTS)))
    header = rows[0] + ["keep_apart_from"]
    out = [header]
    for r in rows[1:]:
        pid = r[1]
        if topics and pid in topics:
            r[7] = topics[pid]
        out.append(r + [(extra or {}).get(pid, "")])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(out)
    return buf.getvalue()


def write(root, *, mentors: str = base.MENTORS, toml: str = base.ENLACE_TOML, parents: str | None = None,
          topics: str | None = None, extra: dict[str, str] | None = None) -> str:
    root = base.write_program(root, mentors=mentors, toml=toml)
    if parents is not None:
        make_tiny_program.write(os.path.join(root, "data", "parents.csv"), parents, bom=True)
    if topics is not None:
        make_tiny_program.write(os.path.join(root, "data", "topics.csv"), topics)
    for rel, text in (extra or {}).items():
        make_tiny_program.write(os.path.join(root, rel), text)
    return root


def write_json(path, obj) -> str:
    os.makedirs(os.path.dirname(str(path)), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(obj, fh, indent=1)
    return str(path)


def write_csv(path, header: list[str], rows: list[list]) -> str:
    os.makedirs(os.path.dirname(str(path)), exist_ok=True)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(buf.getvalue())
    return str(path)


def held(sess: dict, parents: list[str]) -> dict:
    return {**sess, "held": True, "parents": parents}


def future(sess: dict) -> dict:
    return {**sess, "held": False}


def deep(obj):
    return copy.deepcopy(obj)
