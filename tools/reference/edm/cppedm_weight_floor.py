#!/usr/bin/env python3
"""Shows where Engram's sequential CCM and cppEDM 1.5.0's differ (issue 3).

cppEDM 1.5.0 clamps every Simplex weight at 1e-6 (weight = max(exp(-d / d_min), 1e-6)); pyEDM 2.x, and so
Engram, only floor d_min at 1e-6. This script recomputes the three sequential CCM cases stored in
src/test/resources/edm/official/CCM_sequential_*_cppEDM.csv with the independent NumPy reference
(edm_reference.py), once with pyEDM 2.x's weights and once with cppEDM's clamp, and prints the largest difference
to cppEDM's output for each. Run: /usr/bin/python3 tools/reference/edm/cppedm_weight_floor.py
"""
import csv
import os
import sys

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import edm_reference as R  # noqa: E402

DATA = os.path.join(here, "..", "..", "..", "src", "test", "resources", "edm")
CASES = [("CCM_sequential_logistic_E2_cppEDM.csv", "logistic.csv", "x", "y", 2, -1, 0),
         ("CCM_sequential_lorenz_E3_tau-2_cppEDM.csv", "lorenz.csv", "x", "z", 3, -2, 0),
         ("CCM_sequential_logistic_E3_Tp1_cppEDM.csv", "logistic.csv", "x", "y", 3, -1, 1)]


def table(path):
    rows = list(csv.reader(open(path)))
    return rows[0], np.array([[float(v) for v in r] for r in rows[1:]])


for official, data, a, b, E, tau, Tp in CASES:
    _, cpp = table(os.path.join(DATA, "official", official))
    head, d = table(os.path.join(DATA, data))
    x, y = d[:, head.index(a)], d[:, head.index(b)]
    sizes = [int(L) for L in cpp[:, 0]]
    for clamp in (False, True):
        mine = R.ccm_sequential(x, y, E, tau, Tp, sizes, weight_clamp=1e-6 if clamp else 0.0)
        print(f"{official}: {'cppEDM weight clamp' if clamp else 'pyEDM 2.x weights  '} "
              f"max |reference - cppEDM| = {np.max(np.abs(mine[:, 1:] - cpp[:, 1:])):.2e}")
