#!/usr/bin/env python3
"""scikit-learn reference for `engram brain score` (the parity acceptance test).
Generates a small data set (align.csv, features.npy, bold.npy) and scores it with the same steps:
  words -> TRs (each word's vector added to the TR containing its onset), FIR delays 1..D,
  StandardScaler fitted on the training part, RidgeCV(alphas, alpha_per_target=True) (default gcv),
  contiguous KFold(5), Pearson r on the held-out part averaged over folds;
  forecast windows: for word t the features of words t+d-w+1..t+d concatenated (zeros outside the story),
  PCA (fitted on the training words: those whose TR is in the training part) to dim components, appended
  to the word features before binning.
Usage: sklearn_score.py OUTDIR   -> OUTDIR/{align.csv, features.npy, bold.npy, expected_scores.csv, expected_scores_delays30.csv, expected_forecast.csv}"""
import os, sys
import numpy as np
from sklearn.decomposition import PCA
from sklearn.linear_model import RidgeCV
from sklearn.model_selection import KFold
from sklearn.preprocessing import StandardScaler

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(11)
TR, D, FOLDS = 1.5, 6, 5
ALPHAS = np.logspace(-1, 8, 10)
n_words, dim, n_vox = 700, 8, 40
gaps = rng.uniform(0.2, 0.7, n_words)
onsets = np.cumsum(gaps)
offsets = onsets + 0.15
n_tr = int(np.floor(onsets[-1] / TR)) + 4
F = rng.standard_normal((n_words, dim)).astype(np.float32)

def tr_index(on):
    return np.floor(on / TR).astype(int)

def bin_and_delay(W, D=D):
    B = np.zeros((n_tr, W.shape[1]))
    idx = tr_index(onsets)
    keep = idx < n_tr
    np.add.at(B, idx[keep], W[keep])
    X = np.zeros((n_tr, W.shape[1] * D))
    for k in range(1, D + 1):
        X[k:, (k - 1) * W.shape[1]:k * W.shape[1]] = B[:-k]
    return X

def window(Fw, d, w):
    n = Fw.shape[0]
    cols = []
    for j in range(d - w + 1, d + 1):
        s = np.zeros_like(Fw)
        src = np.arange(n) + j
        ok = (src >= 0) & (src < n)
        s[ok] = Fw[src[ok]]
        cols.append(s)
    return np.concatenate(cols, axis=1)

# BOLD: voxels respond to current-word features (delayed) and some to the word 3 ahead; plus noise
Xcur = bin_and_delay(F.astype(np.float64))
Xfut = bin_and_delay(window(F, 3, 1).astype(np.float64))
Wc = rng.standard_normal((Xcur.shape[1], n_vox)) * (rng.random(n_vox) < 0.7)
Wf = rng.standard_normal((Xfut.shape[1], n_vox)) * (rng.random(n_vox) < 0.5)
Y = (Xcur @ Wc * 0.05 + Xfut @ Wf * 0.05 + rng.standard_normal((n_tr, n_vox))).astype(np.float32)

with open(f"{out}/align.csv", "w") as f:
    for i in range(n_words):
        f.write(f"w{i},w{i},{onsets[i]:.3f},{offsets[i]:.3f}\n")
onsets = np.round(onsets, 3)  # what the file says
np.save(f"{out}/features.npy", F)
np.save(f"{out}/bold.npy", Y)

def pearson(a, b):
    a = a - a.mean(0); b = b - b.mean(0)
    return (a * b).sum(0) / np.sqrt((a * a).sum(0) * (b * b).sum(0))

def score(design_for_fold):
    rs = []
    for tr_idx, te_idx in KFold(FOLDS, shuffle=False).split(np.arange(n_tr)):
        X = design_for_fold(te_idx[0], te_idx[-1] + 1)
        sx = StandardScaler().fit(X[tr_idx]); sy = StandardScaler().fit(Y[tr_idx])
        Xtr, Xte = sx.transform(X[tr_idx]), sx.transform(X[te_idx])
        Ytr, Yte = sy.transform(Y[tr_idx]), sy.transform(Y[te_idx])
        m = RidgeCV(alphas=ALPHAS, alpha_per_target=True).fit(Xtr, Ytr)
        rs.append(pearson(m.predict(Xte), Yte))
    return np.mean(rs, axis=0)

F64 = F.astype(np.float64)
r0 = score(lambda a, b: bin_and_delay(F64))
np.savetxt(f"{out}/expected_scores.csv", np.c_[np.arange(n_vox), r0], delimiter=",", header="voxel,r", comments="", fmt=["%d", "%.8f"])
# many delays (p + 1 >= n_train): scikit-learn's "eigen" gcv mode
r30 = score(lambda a, b: bin_and_delay(F64, 30))
np.savetxt(f"{out}/expected_scores_delays30.csv", np.c_[np.arange(n_vox), r30], delimiter=",", header="voxel,r", comments="", fmt=["%d", "%.8f"])
rows = []
W_WIDTH = 2
for d in (0, 3, 5):
    def design(a, b, d=d):
        Wd = window(F64, d, W_WIDTH)
        t = tr_index(onsets)
        train_words = (t < a) | (t >= b)
        p = PCA(n_components=dim).fit(Wd[train_words])
        return bin_and_delay(np.concatenate([F64, p.transform(Wd)], axis=1))
    rd = score(design)
    for v in range(n_vox):
        rows.append((v, d, rd[v], rd[v] - r0[v]))
with open(f"{out}/expected_forecast.csv", "w") as f:
    f.write("voxel,d,r,f\n")
    for v, d, r, ff in rows:
        f.write(f"{v},{d},{r:.8f},{ff:.8f}\n")
print("n_tr", n_tr, "mean r", r0.mean())
