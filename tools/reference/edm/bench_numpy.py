#!/usr/bin/env python3
"""Times, in NumPy/SciPy, the work of `engram edm bench`, done the way pyEDM 2.x does it (a SciPy KDTree built
per library sample, knn+1 neighbours queried for leave-one-out, vectorised exp weights, np.corrcoef):
  CCM:     Lorenz 10,000 rows, x and y, E 3, tau -1, Tp 0, library sizes 1000..10000 step 1000, `--samples`
           random libraries each, both directions;
  Simplex: Lorenz 100,000 rows, E 3, Tp 1, lib rows 1..50,000, pred rows 50,001..100,000.
Prints 'ccm SECONDS' and 'simplex SECONDS'. The Lorenz data are generated here (same equations and sampling as
dev.engram.edm.Systems.lorenz), outside the timed sections.
"""
import argparse
import time

import numpy as np
from scipy.spatial import KDTree


def lorenz(n, dt=0.01, every=5, burn=2000):
    def f(s):
        x, y, z = s
        return np.array([10 * (y - x), x * (28 - z) - y, x * y - 8 / 3 * z])
    s = np.array([1.0, 1.0, 1.0])
    out = np.empty((n, 3))
    row, step = 0, 0
    while row < n:
        k1 = f(s); k2 = f(s + dt / 2 * k1); k3 = f(s + dt / 2 * k2); k4 = f(s + dt * k3)
        s = s + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        if step >= burn and (step - burn) % every == 0:
            out[row] = s
            row += 1
        step += 1
    return out


def embed(x, E):
    n = len(x)
    M = np.column_stack([x[E - 1 - j: n - j] for j in range(E)])  # rows t = E-1 .. n-1, lags 0..E-1
    return M


def cross_map_rho(M, rows_all, lib, target, k):
    tree = KDTree(M[lib - (rows_all[0])], leafsize=20, compact_nodes=True, balanced_tree=True)
    d, i = tree.query(M, k=k + 1, workers=-1)
    nbr = lib[i]
    self_hit = nbr[:, 0] == rows_all
    d = np.where(self_hit[:, None], np.roll(d, -1, axis=1), d)[:, :k]
    nbr = np.where(self_hit[:, None], np.roll(nbr, -1, axis=1), nbr)[:, :k]
    w = np.exp(-d / np.fmax(d[:, :1], 1e-6))
    pred = np.sum(w * target[nbr], axis=1) / np.sum(w, axis=1)
    return np.corrcoef(target[rows_all], pred)[0, 1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=100)
    a = ap.parse_args()
    E, k = 3, 4
    L = lorenz(10_000)
    x, y = L[:, 0], L[:, 1]
    rows = np.arange(E - 1, len(x))
    Mx, My = embed(x, E), embed(y, E)
    rng = np.random.default_rng(1)
    t0 = time.perf_counter()
    for size in range(1000, 10_001, 1000):
        for _ in range(a.samples):
            lib = np.sort(rng.choice(rows, size=min(size, len(rows)), replace=False))
            cross_map_rho(Mx, rows, lib, y, k)
            cross_map_rho(My, rows, lib, x, k)
    ccm = time.perf_counter() - t0

    big = lorenz(100_000)[:, 0]
    Mb = embed(big, E)  # row t-(E-1) holds the vector of data row t
    simplex = float("inf")  # best of 30, as Engram's bench
    for _ in range(30):
        t1 = time.perf_counter()
        lib = np.arange(E - 1, 50_000 - 1)            # 0-based data rows 2..49,998 (targets stay inside lib)
        pred = np.arange(50_000, 100_000)
        tree = KDTree(Mb[lib - (E - 1)], leafsize=20, compact_nodes=True, balanced_tree=True)
        d, i = tree.query(Mb[pred - (E - 1)], k=k, workers=-1)
        w = np.exp(-d / np.fmax(d[:, :1], 1e-6))
        p = np.sum(w * big[lib[i] + 1], axis=1) / np.sum(w, axis=1)
        simplex = min(simplex, time.perf_counter() - t1)
    print(f"ccm {ccm:.4f}")
    print(f"simplex {simplex:.4f}")


if __name__ == "__main__":
    main()
