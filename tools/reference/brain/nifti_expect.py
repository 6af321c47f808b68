#!/usr/bin/env python3
"""Expected values for Engram's NIfTI reader, computed by nibabel from real files in Debian packages.
Usage: nifti_expect.py FILE... > src/test/resources/brain/nifti_expect.json
Per file: shape, datatype, the best affine (sform, else qform, else nibabel's base affine), zooms,
scl_slope/inter, a few voxel values (scaled, at fixed indices) and the float64 sum of all scaled values."""
import json, os, sys
import nibabel as nib
import numpy as np

out = {}
for f in sys.argv[1:]:
    img = nib.load(f)
    d = np.asanyarray(img.dataobj, dtype=np.float64)
    shape = d.shape
    idx = [tuple(int(s * q) for s, q in zip(shape, fr)) for fr in ((0, 0, 0, 0), (0.5, 0.5, 0.5, 0), (0.3, 0.6, 0.4, 0.99), (0.9, 0.1, 0.7, 0.5))]
    h = img.header
    out[os.path.basename(f)] = {
        "shape": list(shape),
        "datatype": int(h["datatype"]),
        "affine": img.affine.tolist(),
        "zooms": [float(z) for z in h.get_zooms()],
        "slope_inter": [None if v is None else float(v) for v in h.get_slope_inter()],
        "values": [{"index": list(i[:len(shape)]), "value": float(d[i[:len(shape)]])} for i in idx],
        "sum": float(d.sum()),
        "sum_sq": float((d * d).sum()),
    }
json.dump(out, sys.stdout, indent=1)
print()
