#!/usr/bin/env python3
"""Plain NumPy reference for Engram's EDM, written from the published definitions and pyEDM 2.x's documented
conventions (see /work/shared/EDM_CONVENTIONS.md): brute-force distances, full sorts, numpy.linalg.lstsq.
It is deliberately slow and obvious; the Java code is checked against its output.

Conventions reproduced:
  * lib/pred are 1-based inclusive; each library segment loses its first (E-1)|tau| rows and the last segment
    stops Tp rows early; pred loses only the data's first (E-1)|tau| rows (tau < 0).
  * neighbours ordered by (distance^2, |pred row - lib row|, lib row); lib rows within exclusionRadius of the
    predicted row (0: the row itself) are excluded.
  * Simplex: knn = E+1, w = exp(-d / max(d_min, 1e-6)), Pred_Variance = sum w (y - yhat)^2 / sum w.
  * S-map: knn = |lib| - 1, w = exp(-theta d / mean d) (1 when theta = 0), A = [w, w x], b = w y, lstsq.
  * output rows: Time T holds the observation at T and the prediction of T made Tp rows earlier.
  * rho: Pearson over finite pairs (NaN under 5), sweeps round to 6 decimals.
"""
import numpy as np


def embed(x, E, tau):
    n = len(x)
    M = np.full((n, E), np.nan)
    for j in range(E):
        s = j * tau
        for t in range(n):
            if 0 <= t + s < n:
                M[t, j] = x[t + s]
    return M


def plan(n, E, tau, Tp, lib, pred, embedded=False):
    """lib: (start, stop) or a flat list of such pairs (a disjoint library). embedded: the columns are the
    state already (no lags, so no rows lost to the embedding)."""
    shift = 0 if embedded else abs(tau) * (E - 1)
    pairs = [(lib[i], lib[i + 1]) for i in range(0, len(lib), 2)]
    lib_rows = []
    for seg, (start, stop) in enumerate(pairs):
        if tau < 0:
            start += shift
        else:
            stop -= shift
        if Tp < 0:
            start = max(start, start + abs(Tp) - 1)
        elif seg == len(pairs) - 1:
            stop -= Tp
        lib_rows += [r for r in range(start - 1, stop) if 0 <= r + Tp < n]
    lib_rows = np.array(lib_rows, dtype=int)
    pred_rows = []
    for r in range(pred[0] - 1, pred[1]):
        last = r + (0 if embedded else (E - 1) * tau)
        if 0 <= last < n:
            pred_rows.append(r)
    return lib_rows, np.array(pred_rows, dtype=int)


def knn_search(M, lib_rows, q, pred_row, excl, k):
    pts = M[lib_rows]
    d2 = np.sum((pts - q) ** 2, axis=1)
    keep = np.abs(lib_rows - pred_row) > excl
    rows, d2 = lib_rows[keep], d2[keep]
    order = np.lexsort((rows, np.abs(pred_row - rows), d2))[:k]
    return rows[order], np.sqrt(d2[order])


def layout(time, y, pred_rows, Tp, values):
    """values: list of arrays, one entry per pred row; returns Time, Observations and the laid-out values."""
    n = len(y)
    p0, p1 = pred_rows[0], pred_rows[-1]
    out = len(pred_rows) + abs(Tp)
    first = p0 if Tp >= 0 else p0 + Tp
    tail_in_data = Tp <= 0 or p1 + Tp < n
    dt = time[1] - time[0]
    T = np.zeros(out)
    O = np.full(out, np.nan)
    V = [np.full(out, np.nan) for _ in values]
    for kk in range(out):
        r = first + kk
        inside = 0 <= r < n and (tail_in_data or r <= p1)
        if inside:
            O[kk] = y[r]
            T[kk] = time[r]
        elif r > p1:
            T[kk] = time[p1] + (r - p1) * dt
        else:
            T[kk] = time[p0] - (p0 - r) * dt
        src = kk - (Tp if Tp >= 0 else 0)
        if 0 <= src < len(pred_rows):
            for a, b in zip(V, values):
                a[kk] = b[src]
    return T, O, V


def state(x, E, tau):
    """x: one series (delay-embedded) or a list of series (embedded: the columns are the coordinates)."""
    if isinstance(x, list):
        return np.column_stack(x), len(x), True
    return embed(x, E, tau), E, False


def simplex(time, x, y, E, tau, Tp, lib, pred, knn=0, excl=0):
    M, E, embedded = state(x, E, tau)
    lib_rows, pred_rows = plan(len(y), E, tau, Tp, lib, pred, embedded)
    k = knn if knn > 0 else E + 1
    P, Var = [], []
    for r in pred_rows:
        rows, d = knn_search(M, lib_rows, M[r], r, excl, k)
        w = np.exp(-d / max(d[0], 1e-6))
        t = y[rows + Tp]
        yhat = np.sum(w * t) / np.sum(w)
        P.append(yhat)
        Var.append(np.sum(w * (t - yhat) ** 2) / np.sum(w))
    T, O, (Pp, Vv) = layout(time, y, pred_rows, Tp, [np.array(P), np.array(Var)])
    return T, O, Pp, Vv


def smap(time, x, y, E, tau, Tp, lib, pred, theta, knn=0, excl=0):
    M, E, embedded = state(x, E, tau)
    lib_rows, pred_rows = plan(len(y), E, tau, Tp, lib, pred, embedded)
    k = knn if knn > 0 else len(lib_rows) - 1
    P, Var, C = [], [], []
    for r in pred_rows:
        rows, d = knn_search(M, lib_rows, M[r], r, excl, k)
        w = np.ones(len(d)) if theta == 0 else np.exp(-theta * d / np.mean(d))
        A = np.column_stack([w] + [w * M[rows, j] for j in range(E)])
        t = y[rows + Tp]
        c = np.linalg.lstsq(A, w * t, rcond=None)[0]
        yhat = c[0] + np.dot(c[1:], M[r])
        P.append(yhat)
        Var.append(np.sum(w * (t - yhat) ** 2) / np.sum(w))
        C.append(c)
    C = np.array(C)
    T, O, V = layout(time, y, pred_rows, Tp, [np.array(P), np.array(Var)] + [C[:, j] for j in range(E + 1)])
    return T, O, V[0], V[1], V[2:]


def rho(o, p):
    ok = np.isfinite(o) & np.isfinite(p)
    if ok.sum() < 5:
        return np.nan
    return np.corrcoef(o[ok], p[ok])[0, 1]


def ccm_sequential(x, y, E, tau, Tp, lib_sizes, excl=0, weight_clamp=0.0):
    """Deterministic CCM: for each L the first L valid library vectors; returns (L, x:y, y:x).
    weight_clamp > 0 bounds every weight from below, as cppEDM 1.5.0 does with 1e-6 (pyEDM 2.x: no clamp)."""
    n = len(x)
    out = []
    for L in lib_sizes:
        row = [L]
        for src, tgt in ((x, y), (y, x)):
            M = embed(src, E, tau)
            lib_rows, pred_rows = plan(n, E, tau, Tp, (1, n), (1, n))
            lib_L = lib_rows[:min(L, len(lib_rows))]
            obs, prd = [], []
            for r in pred_rows:
                rows, d = knn_search(M, lib_L, M[r], r, excl, E + 1)
                w = np.maximum(np.exp(-d / max(d[0], 1e-6)), weight_clamp)
                prd.append(np.sum(w * tgt[rows + Tp]) / np.sum(w))
                obs.append(tgt[r + Tp] if 0 <= r + Tp < n else np.nan)
            row.append(rho(np.array(obs), np.array(prd)))
        out.append(row)
    return np.array(out)
