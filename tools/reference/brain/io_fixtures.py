#!/usr/bin/env python3
"""Small I/O fixtures written by numpy and nibabel, for Engram's readers (run once; outputs checked in).
Usage: io_fixtures.py OUTDIR   (writes npy, GIfTI and NIfTI variants plus fixtures.json with expected values)"""
import json, os, sys
import numpy as np
import nibabel as nib
from nibabel.gifti import GiftiImage, GiftiDataArray

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(5)
m = rng.standard_normal((7, 5))
exp = {"matrix": m.tolist()}
np.save(f"{out}/m_f8_c.npy", m)
np.save(f"{out}/m_f4_c.npy", m.astype(np.float32))
np.save(f"{out}/m_f4_f.npy", np.asfortranarray(m.astype(np.float32)))
np.save(f"{out}/m_f8_be.npy", m.astype(">f8"))
np.save(f"{out}/m_i8.npy", (m * 10).astype(np.int64))
np.save(f"{out}/v_f4.npy", m[0].astype(np.float32))
# a 3D array [2, 7, 5] in Fortran order
t = np.stack([m, -m]).astype(np.float32)
np.save(f"{out}/t_f4_f.npy", np.asfortranarray(t))
exp["tensor"] = t.tolist()
# GIfTI: 4 time points x 6 vertices
s = rng.standard_normal((4, 6)).astype(np.float32)
exp["series"] = s.tolist()
for enc in ("ASCII", "B64BIN", "B64GZ"):
    img = GiftiImage(darrays=[GiftiDataArray(row, intent="NIFTI_INTENT_TIME_SERIES", datatype="NIFTI_TYPE_FLOAT32", encoding=enc) for row in s])
    nib.save(img, f"{out}/s_{enc.lower()}.func.gii")
# external data: must be refused
img = GiftiImage(darrays=[GiftiDataArray(s[0], datatype="NIFTI_TYPE_FLOAT32", encoding="B64BIN")])
xml = img.to_xml().decode()
xml = xml.replace('ExternalFileName=""', 'ExternalFileName="secret.bin"').replace('Encoding="Base64Binary"', 'Encoding="ExternalFileBinary"')
open(f"{out}/external.func.gii", "w").write(xml)
# NIfTI with scaling, float64, uint8 mask, 3D
aff = np.array([[2.0, 0, 0, -10], [0, 2.5, 0, 20], [0, 0, 3, 5], [0, 0, 0, 1]])
raw = (rng.integers(-300, 300, size=(4, 3, 2, 5))).astype(np.int16)
img = nib.Nifti1Image(raw, aff)
img.header.set_slope_inter(0.5, 10.0)
nib.save(img, f"{out}/scaled_i16.nii")
exp["scaled_i16"] = {"affine": aff.tolist(), "values": (raw.astype(np.float64) * 0.5 + 10).transpose(3, 2, 1, 0).ravel().tolist()}
f64 = rng.standard_normal((3, 4, 2))
nib.save(nib.Nifti1Image(f64, aff), f"{out}/f64_3d.nii.gz")
exp["f64_3d"] = {"values": f64.transpose(2, 1, 0).ravel().tolist()}
mask = (rng.random((4, 3, 2)) > 0.4).astype(np.uint8)
nib.save(nib.Nifti1Image(mask, aff), f"{out}/mask_u8.nii.gz")
exp["mask_u8"] = {"indices": [int(i) for i in np.flatnonzero(mask.transpose(2, 1, 0).ravel())]}
json.dump(exp, open(f"{out}/fixtures.json", "w"), indent=0)
