#!/usr/bin/env python3
"""Opens the files Engram wrote (EngramWrittenFilesTest.write -> target/engram-written) with nibabel and numpy,
and records what they hold. Usage: nibabel_open_engram.py target/engram-written > src/test/resources/brain/nibabel_reads_engram.json"""
import json, sys
import nibabel as nib
import numpy as np

d = sys.argv[1]
out = {}
for f in ("map4d.nii.gz", "map3d.nii", "identity.nii.gz"):
    img = nib.load(f"{d}/{f}")
    a = np.asanyarray(img.dataobj, dtype=np.float64)
    out[f] = {"shape": list(a.shape), "affine": img.affine.tolist(), "sum": float(a.sum()),
              "datatype": int(img.header["datatype"]), "zooms": [float(z) for z in img.header.get_zooms()]}
g = nib.load(f"{d}/series.func.gii")
out["series.func.gii"] = {"arrays": len(g.darrays), "sum": float(sum(float(da.data.sum()) for da in g.darrays)),
                          "shape0": list(g.darrays[0].data.shape)}
m = np.load(f"{d}/matrix.npy")
out["matrix.npy"] = {"shape": list(m.shape), "dtype": str(m.dtype), "sum": float(m.sum())}
json.dump(out, sys.stdout, indent=1)
print()
