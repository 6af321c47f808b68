#!/usr/bin/env python3
"""Generates the EDM test inputs (Lorenz, coupled logistic maps, noisy tent map) and the reference outputs of
edm_reference.py, plus cases.json describing each case, into src/test/resources/edm/.
Run from the repository root:  /usr/bin/python3 tools/reference/edm/make_cases.py
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import edm_reference as R  # noqa: E402

OUT = os.path.join("src", "test", "resources", "edm")


def fmt(v):
    return "NaN" if np.isnan(v) else repr(float(v))


def write_csv(name, header, cols):
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write(",".join(header) + "\n")
        for i in range(len(cols[0])):
            f.write(",".join(fmt(c[i]) for c in cols) + "\n")


def lorenz(n, dt=0.01, every=5, burn=1000):
    def f(s):
        x, y, z = s
        return np.array([10 * (y - x), x * (28 - z) - y, x * y - 8 / 3 * z])
    s = np.array([1.0, 1.0, 1.0])
    out = []
    for i in range(burn + n * every):
        k1 = f(s); k2 = f(s + dt / 2 * k1); k3 = f(s + dt / 2 * k2); k4 = f(s + dt * k3)
        s = s + dt / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        if i >= burn and (i - burn) % every == 0:
            out.append(s.copy())
    return np.array(out)


def logistic(n, rx=3.8, ry=3.5, bxy=0.02, byx=0.1):
    x, y = np.zeros(n), np.zeros(n)
    x[0], y[0] = 0.4, 0.2
    for t in range(n - 1):
        x[t + 1] = x[t] * (rx - rx * x[t] - bxy * y[t])
        y[t + 1] = y[t] * (ry - ry * y[t] - byx * x[t])
    return x, y


def tent_noise(n, seed=7):
    rng = np.random.default_rng(seed)
    x = np.zeros(n)
    x[0] = 0.3141
    for t in range(n - 1):
        x[t + 1] = 1.99 * min(x[t], 1 - x[t])
    return x + rng.normal(0, 0.05, n)


def main():
    os.makedirs(OUT, exist_ok=True)
    n = 1000
    L = lorenz(n)
    t_l = np.round(np.arange(n) * 0.05, 10)
    write_csv("lorenz.csv", ["Time", "x", "y", "z"], [t_l, L[:, 0], L[:, 1], L[:, 2]])
    lx, ly = logistic(n)
    t1 = np.arange(1, n + 1, dtype=float)
    write_csv("logistic.csv", ["Time", "x", "y"], [t1, lx, ly])
    tn = tent_noise(n)
    write_csv("tent_noise.csv", ["Time", "TentMap"], [t1, tn])
    data = {"lorenz.csv": (t_l, {"x": L[:, 0], "y": L[:, 1], "z": L[:, 2]}),
            "logistic.csv": (t1, {"x": lx, "y": ly}),
            "tent_noise.csv": (t1, {"TentMap": tn})}

    cases = []

    def add(**c):
        cases.append(c)

    simplex = [
        ("S1", "lorenz.csv", "x", "x", 3, -1, 1, 0, 0, (1, 500), (501, 800)),
        ("S2", "lorenz.csv", "x", "x", 3, -2, 3, 0, 0, (1, 600), (601, 1000)),
        ("S3", "logistic.csv", "x", "y", 2, -1, 0, 0, 0, (1, 1000), (1, 1000)),
        ("S4", "logistic.csv", "y", "y", 2, -1, 1, 0, 5, (101, 600), (301, 700)),
        ("S5", "tent_noise.csv", "TentMap", "TentMap", 2, -1, 1, 0, 0, (1, 100), (201, 500)),
        ("S6", "tent_noise.csv", "TentMap", "TentMap", 3, -1, -2, 0, 0, (1, 300), (301, 500)),
        ("S7", "lorenz.csv", "x", "x", 4, -3, 2, 8, 0, (1, 800), (700, 999)),
        ("S8", "lorenz.csv", "y", "x", 3, -1, 1, 0, 0, (1, 300, 501, 800), (301, 500)),
    ]
    for cid, f, col, tgt, E, tau, Tp, knn, excl, lib, pred in simplex:
        time, cols = data[f]
        T, O, P, V = R.simplex(time, cols[col], cols[tgt], E, tau, Tp, lib, pred, knn, excl)
        write_csv(f"{cid}_simplex.csv", ["Time", "Observations", "Predictions", "Pred_Variance"], [T, O, P, V])
        add(id=cid, kind="simplex", data=f, columns=col, target=tgt, E=E, tau=tau, Tp=Tp, knn=knn, excl=excl,
            lib=list(lib), pred=list(pred), expected=f"{cid}_simplex.csv")

    smaps = [
        ("M1", "lorenz.csv", "x", "x", 3, -1, 1, 0, 2.0, (1, 500), (501, 700)),
        ("M2", "tent_noise.csv", "TentMap", "TentMap", 2, -1, 1, 0, 0.0, (1, 100), (201, 300)),
        ("M3", "tent_noise.csv", "TentMap", "TentMap", 2, -1, 1, 0, 3.0, (1, 300), (201, 400)),
        ("M4", "logistic.csv", "x", "x", 3, -2, 2, 50, 1.5, (1, 500), (501, 600)),
    ]
    for cid, f, col, tgt, E, tau, Tp, knn, theta, lib, pred in smaps:
        time, cols = data[f]
        T, O, P, V, C = R.smap(time, cols[col], cols[tgt], E, tau, Tp, lib, pred, theta, knn)
        write_csv(f"{cid}_smap.csv", ["Time", "Observations", "Predictions", "Pred_Variance"], [T, O, P, V])
        names = ["C0"] + [f"∂{tgt}/∂{col}(t-{j * abs(tau)})" for j in range(E)]
        write_csv(f"{cid}_coef.csv", ["Time"] + names, [T] + C)
        add(id=cid, kind="smap", data=f, columns=col, target=tgt, E=E, tau=tau, Tp=Tp, knn=knn, excl=0, theta=theta,
            lib=list(lib), pred=list(pred), expected=f"{cid}_smap.csv", coefficients=f"{cid}_coef.csv")

    def sweep_rho(vals, fn):
        return np.array([round(R.rho(*fn(v)), 6) for v in vals], dtype=float)

    for cid, f, col, E_max, lib, pred in [("ED1", "tent_noise.csv", "TentMap", 10, (1, 100), (201, 500)),
                                          ("ED2", "lorenz.csv", "x", 6, (1, 500), (501, 900))]:
        time, cols = data[f]
        Es = list(range(1, E_max + 1))
        r = sweep_rho(Es, lambda E: R.simplex(time, cols[col], cols[col], E, -1, 1, lib, pred)[1:3])
        write_csv(f"{cid}_embed_dimension.csv", ["E", "rho"], [np.array(Es, float), r])
        add(id=cid, kind="embed-dimension", data=f, columns=col, target=col, E=1, tau=-1, Tp=1, knn=0, excl=0,
            maxE=E_max, lib=list(lib), pred=list(pred), expected=f"{cid}_embed_dimension.csv")

    for cid, f, col, E, tp_max, lib, pred in [("PI1", "tent_noise.csv", "TentMap", 2, 10, (1, 100), (201, 500)),
                                              ("PI2", "logistic.csv", "x", 2, 6, (1, 500), (501, 900))]:
        time, cols = data[f]
        tps = list(range(1, tp_max + 1))
        r = sweep_rho(tps, lambda tp: R.simplex(time, cols[col], cols[col], E, -1, tp, lib, pred)[1:3])
        write_csv(f"{cid}_predict_interval.csv", ["Tp", "rho"], [np.array(tps, float), r])
        add(id=cid, kind="predict-interval", data=f, columns=col, target=col, E=E, tau=-1, Tp=1, knn=0, excl=0,
            maxTp=tp_max, lib=list(lib), pred=list(pred), expected=f"{cid}_predict_interval.csv")

    thetas = [0.01, 0.1, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9]
    for cid, f, col, E, lib, pred in [("PN1", "tent_noise.csv", "TentMap", 2, (1, 100), (201, 500)),
                                      ("PN2", "lorenz.csv", "x", 3, (1, 300), (301, 500))]:
        time, cols = data[f]
        r = sweep_rho(thetas, lambda th: R.smap(time, cols[col], cols[col], E, -1, 1, lib, pred, th)[1:3])
        write_csv(f"{cid}_predict_nonlinear.csv", ["Theta", "rho"], [np.array(thetas, float), r])
        add(id=cid, kind="predict-nonlinear", data=f, columns=col, target=col, E=E, tau=-1, Tp=1, knn=0, excl=0,
            lib=list(lib), pred=list(pred), expected=f"{cid}_predict_nonlinear.csv")

    for cid, f, col, tgt, E, tau, Tp, sizes in [
            ("C1", "logistic.csv", "x", "y", 2, -1, 0, list(range(10, 401, 30))),
            ("C2", "lorenz.csv", "x", "z", 3, -2, 0, [20, 100, 300, 600, 990]),
            ("C3", "logistic.csv", "x", "y", 3, -1, 1, [10, 50, 200, 800])]:
        time, cols = data[f]
        res = R.ccm_sequential(cols[col], cols[tgt], E, tau, Tp, sizes)
        write_csv(f"{cid}_ccm.csv", ["LibSize", f"{col}:{tgt}", f"{tgt}:{col}"], [res[:, 0], res[:, 1], res[:, 2]])
        add(id=cid, kind="ccm", data=f, columns=col, target=tgt, E=E, tau=tau, Tp=Tp, knn=0, excl=0,
            libSizes=sizes, expected=f"{cid}_ccm.csv")

    # embedded = True: the observed columns x, y, z are the state (E = 3), no lags.
    time, cols = data["lorenz.csv"]
    xyz = [cols["x"], cols["y"], cols["z"]]
    T, O, P, V = R.simplex(time, xyz, cols["x"], 0, -1, 1, (1, 500), (501, 800))
    write_csv("S9_simplex.csv", ["Time", "Observations", "Predictions", "Pred_Variance"], [T, O, P, V])
    add(id="S9", kind="simplex", data="lorenz.csv", columns="x,y,z", embedded=True, target="x", E=3, tau=-1, Tp=1,
        knn=0, excl=0, lib=[1, 500], pred=[501, 800], expected="S9_simplex.csv")
    T, O, P, V, C = R.smap(time, xyz, cols["x"], 0, -1, 1, (1, 500), (501, 700), 4.0)
    write_csv("M5_smap.csv", ["Time", "Observations", "Predictions", "Pred_Variance"], [T, O, P, V])
    write_csv("M5_coef.csv", ["Time", "C0", "∂x/∂x", "∂x/∂y", "∂x/∂z"], [T] + C)
    add(id="M5", kind="smap", data="lorenz.csv", columns="x,y,z", embedded=True, target="x", E=3, tau=-1, Tp=1,
        knn=0, excl=0, theta=4.0, lib=[1, 500], pred=[501, 700], expected="M5_smap.csv", coefficients="M5_coef.csv")

    with open(os.path.join(OUT, "cases.json"), "w", encoding="utf-8") as fh:
        json.dump(cases, fh, indent=1, ensure_ascii=False)
    print(f"{len(cases)} cases written to {OUT}")


if __name__ == "__main__":
    main()
