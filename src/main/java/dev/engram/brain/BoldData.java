package dev.engram.brain;

import dev.engram.core.UserError;
import dev.engram.io.CsvMatrix;
import dev.engram.io.Gifti;
import dev.engram.io.Nifti;
import dev.engram.io.Npy;
import dev.engram.io.Tensor;
import java.nio.file.Path;

/**
 * Brain recordings as a matrix y [nTr x voxels] (row-major), with what is needed to write voxel maps back in
 * the input's own format: the NIfTI geometry and the mask's voxel indices, or the GIfTI vertex count.
 */
public record BoldData(Path source, float[] y, int nTr, int voxels, Kind kind, Nifti.Geometry geometry, int[] voxelIndex) {
    public enum Kind { NIFTI, GIFTI, NPY, CSV }

    /** Reads .nii/.nii.gz (with an optional mask), .func.gii/.gii, .npy [nTr, voxels] or .csv [nTr, voxels]. */
    public static BoldData read(Path file, Path mask) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        BoldData d;
        if (name.endsWith(".nii") || name.endsWith(".nii.gz")) {
            Nifti.Image img = Nifti.read(file);
            Nifti.Geometry g = img.geometry();
            int[] idx;
            if (mask != null) idx = Nifti.maskIndices(mask, Nifti.read(mask), g);
            else {
                idx = new int[g.voxels()];
                for (int i = 0; i < idx.length; i++) idx[i] = i;
            }
            int nt = img.volumes();
            if ((long) nt * idx.length > Integer.MAX_VALUE - 8)
                throw new UserError(file + ": " + nt + " volumes x " + idx.length + " voxels is too many at once; give a --mask");
            float[] y = new float[nt * idx.length];
            for (int t = 0; t < nt; t++) {
                float[] vol = img.values()[t];
                for (int k = 0; k < idx.length; k++) y[t * idx.length + k] = vol[idx[k]];
            }
            d = new BoldData(file, y, nt, idx.length, Kind.NIFTI, g, idx);
        } else {
            if (mask != null) throw new UserError("--mask " + mask + ": a mask applies to NIfTI recordings only; " + file + " is not one");
            if (name.endsWith(".gii")) {
                Gifti.Series s = Gifti.read(file);
                d = new BoldData(file, s.values(), s.rows(), s.vertices(), Kind.GIFTI, null, null);
            } else if (name.endsWith(".npy")) {
                Tensor t = Npy.read(file);
                if (t.shape().length != 2) throw new UserError(file + ": shape " + t.shapeString() + "; expected [n_TRs, n_voxels]");
                d = new BoldData(file, t.values(), (int) t.shape()[0], (int) t.shape()[1], Kind.NPY, null, null);
            } else if (name.endsWith(".csv")) {
                CsvMatrix.Matrix m = CsvMatrix.read(file);
                d = new BoldData(file, m.values(), m.rows(), m.cols(), Kind.CSV, null, null);
            } else {
                throw new UserError(file + ": unknown recording format; give .nii, .nii.gz, .func.gii, .npy or .csv");
            }
        }
        d.checkFinite();
        return d;
    }

    private void checkFinite() {
        int bad = 0, first = -1;
        boolean[] seen = new boolean[voxels];
        for (int i = 0; i < y.length; i++) {
            if (!Float.isFinite(y[i]) && !seen[i % voxels]) {
                seen[i % voxels] = true;
                bad++;
                if (first < 0) first = i % voxels;
            }
        }
        if (bad > 0)
            throw new UserError(source + ": " + bad + " voxel(s) hold NaN or infinite values (first: voxel " + first
                    + (voxelIndex != null ? ", grid index " + voxelIndex[first] : "") + "); "
                    + (kind == Kind.NIFTI ? "give a --mask that excludes them" : "remove those columns") + " before scoring");
    }

    /** Writes one value per voxel as a map in the input's format (NIfTI 3D / GIfTI one array); no-op for npy/csv. */
    public Path writeMap(Path dir, String name, double[] values) {
        if (values.length != voxels) throw new IllegalArgumentException("map of " + values.length + " values for " + voxels + " voxels");
        switch (kind) {
            case NIFTI -> {
                float[] vol = new float[geometry.voxels()];
                for (int k = 0; k < voxels; k++) vol[voxelIndex[k]] = (float) values[k];
                Path p = dir.resolve(name + ".nii.gz");
                Nifti.write(p, geometry, new float[][] {vol});
                return p;
            }
            case GIFTI -> {
                float[] v = new float[voxels];
                for (int k = 0; k < voxels; k++) v[k] = (float) values[k];
                Path p = dir.resolve(name + ".func.gii");
                Gifti.write(p, 1, voxels, v, "NIFTI_INTENT_NONE");
                return p;
            }
            default -> {
                return null;
            }
        }
    }
}
