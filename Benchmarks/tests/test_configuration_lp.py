"""Tests of Benchmarks/configuration_lp.py on hand-made columns whose LP is worked out by hand.
Run: python3 -m pytest Benchmarks/tests -q
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
sys.path.insert(0, BENCH)

highspy = pytest.importorskip("highspy")

import configuration_lp  # noqa: E402


def column(mentor, parents, weight, groups=(0,)):
    return {"mentor": mentor, "groups": list(groups), "parents": list(parents), "weight": weight}


def test_odd_cycle_is_fractional():
    # Three mentors, each with one configuration seating two of three parents: every two
    # configurations share a parent, so a schedule takes one (10 points), while the LP takes
    # each at one half (15 points), at all three mentors.
    columns = [column(0, [0, 1], 10), column(1, [1, 2], 10), column(2, [0, 2], 10)]
    value, x = configuration_lp.restricted_lp(columns)
    assert value == pytest.approx(15)
    assert x == pytest.approx([0.5, 0.5, 0.5])


def test_one_configuration_per_mentor():
    # One mentor, two disjoint configurations: the mentor takes one, the heavier.
    value, x = configuration_lp.restricted_lp([column(0, [0], 7), column(0, [1], 9)])
    assert value == pytest.approx(9)
    assert x == pytest.approx([0, 1])


def test_command_reports_the_difference(tmp_path):
    path = tmp_path / "columns.json"
    path.write_text(json.dumps({"bound": 16.5, "columns": [column(0, [0, 1], 10), column(1, [1, 2], 10),
                                                           column(2, [0, 2], 10), column(2, [3], 1)]}))
    out = subprocess.run([sys.executable, os.path.join(BENCH, "configuration_lp.py"), str(path)],
                         capture_output=True, text=True, check=True).stdout
    report = json.loads(out)
    # Mentor 2 may also split its half between [0, 2] and [3]: still 15.5 at most (the bound 16.5).
    assert report["restricted_lp"] == pytest.approx(15.5)
    assert report["difference"] == pytest.approx(1.0)
    assert report["columns"] == 4 and report["mentors"] == 3
    assert report["fractional_mentors"] == 3
