#!/usr/bin/env python3
"""How far Enlace's bound is from the configuration LP, and how fractional that LP is.

    enlace-bench solve --program DIR --write-columns COLUMNS.json [options]
    python3 Benchmarks/configuration_lp.py COLUMNS.json

The first command writes every configuration the relaxation generated, at the root and at
branch-and-bound nodes (each mentor's groups and parents with its weight: a column of the
configuration LP), and the root relaxation's bound. This script solves, with HiGHS, the configuration LP restricted to those columns,

    max  sum_c w_c x_c   s.t.  sum_{c of mentor m} x_c <= 1,  sum_{c seating p} x_c <= 1,  x >= 0,

whose value is a lower bound on the full configuration LP (its solution is feasible there), while
the relaxation's bound L(lambda) is an upper bound on it. When the two meet, the configuration
LP's value is known exactly, and so is the part of the gap that no dual method can close: the
rest is the LP's integrality gap, which only branching or cuts can close.

Prints one JSON object: the bound, the restricted LP's value, their difference, and how many
columns and mentors the LP solution uses fractionally. A benchmark tool (`pip install highspy`).
"""
from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def restricted_lp(columns: list[dict]) -> tuple[float, list[float]]:
    import highspy
    import numpy as np

    from mip_reference import _quiet_highs

    h = _quiet_highs(highspy)
    n = len(columns)
    h.addVars(n, np.zeros(n), np.ones(n))
    h.changeColsCost(n, np.arange(n, dtype=np.int32), np.array([-float(c["weight"]) for c in columns]))
    rows: dict[tuple[str, int], list[int]] = {}
    for j, c in enumerate(columns):
        rows.setdefault(("mentor", c["mentor"]), []).append(j)
        for p in c["parents"]:
            rows.setdefault(("parent", p), []).append(j)
    for members in rows.values():
        h.addRow(-highspy.kHighsInf, 1.0, len(members), np.array(members, dtype=np.int32), np.ones(len(members)))
    h.run()
    status = h.getModelStatus()
    if status != highspy.HighsModelStatus.kOptimal:
        raise SystemExit(f"configuration_lp: HiGHS ended with {h.modelStatusToString(status)}")
    return -h.getInfo().objective_function_value, list(h.getSolution().col_value)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("columns", help="the file `enlace-bench solve --write-columns` wrote")
    args = ap.parse_args(argv)
    with open(args.columns, encoding="utf-8") as f:
        data = json.load(f)
    columns = data["columns"]
    value, x = restricted_lp(columns)
    fractional = [j for j, v in enumerate(x) if 1e-6 < v < 1 - 1e-6]
    print(json.dumps({
        "bound": round(data["bound"], 4),
        "restricted_lp": round(value, 4),
        "difference": round(data["bound"] - value, 4),
        "columns": len(columns),
        "fractional_columns": len(fractional),
        "fractional_mentors": len({columns[j]["mentor"] for j in fractional}),
        "mentors": len({c["mentor"] for c in columns}),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
