#!/usr/bin/env python3
"""Writes the Lorenz series of `engram edm bench` as CSV files for bench_cppedm (cppEDM's CSV loader):
  lorenz10k.csv  : Time,x,y   10,000 rows (CCM workload)
  lorenz100k.csv : Time,x     100,000 rows (Simplex workload)
The series come from bench_numpy.lorenz, which reproduces dev.engram.edm.Systems.lorenz (RK4, dt 0.01,
every 5th step after 2,000 burn-in steps, start (1, 1, 1)). Values are written with 17 significant digits
so the doubles cppEDM reads are the ones Engram computes.
Usage: make_bench_csv.py OUTPUT_DIR
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_numpy import lorenz  # noqa: E402


def write(path, cols, names):
    n = len(cols[0])
    with open(path, "w") as f:
        f.write("Time," + ",".join(names) + "\n")
        for i in range(n):
            f.write(str(i + 1) + "," + ",".join(repr(float(c[i])) for c in cols) + "\n")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    small = lorenz(10_000)
    write(os.path.join(out, "lorenz10k.csv"), [small[:, 0], small[:, 1]], ["x", "y"])
    big = lorenz(100_000)
    write(os.path.join(out, "lorenz100k.csv"), [big[:, 0]], ["x"])


if __name__ == "__main__":
    main()
