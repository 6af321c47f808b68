package dev.engram.brain;

import dev.engram.linalg.NativeBlas;
/**
 * From word vectors to TR design matrices: TR binning (each word's vector added to the TR that contains its
 * onset, words after the recording dropped), FIR delays (the binned matrix shifted by 1..D TRs and
 * concatenated, zeros before the start), forecast windows (the vectors of words t+d-w+1..t+d concatenated,
 * zeros outside the story) and their PCA.
 */
public final class Designs {
    private Designs() {}

    /** TR index of each word (floor(onset / tr)); may be >= nTr for words after the recording. */
    public static int[] trIndex(double[] onsets, double tr) {
        int[] t = new int[onsets.length];
        for (int i = 0; i < t.length; i++) t[i] = (int) Math.floor(onsets[i] / tr + 1e-9);
        return t;
    }

    /** Word rows f [nWords x dim] (row-major) binned into [nTr x dim], then delayed: [nTr x dim*delays]. */
    public static float[] binAndDelay(float[] f, int nWords, int dim, int[] trIdx, int nTr, int delays) {
        double[] b = new double[nTr * dim];
        for (int w = 0; w < nWords; w++) {
            int t = trIdx[w];
            if (t < 0 || t >= nTr) continue;
            for (int j = 0; j < dim; j++) b[t * dim + j] += f[w * dim + j];
        }
        int p = dim * delays;
        float[] x = new float[nTr * p];
        for (int k = 1; k <= delays; k++)
            for (int t = k; t < nTr; t++)
                for (int j = 0; j < dim; j++) x[t * p + (k - 1) * dim + j] = (float) b[(t - k) * dim + j];
        return x;
    }

    /** For each word t, the vectors of words t+d-w+1 .. t+d concatenated (zeros outside): [nWords x w*dim]. */
    public static float[] window(float[] f, int nWords, int dim, int d, int w) {
        float[] out = new float[nWords * w * dim];
        for (int t = 0; t < nWords; t++)
            for (int s = 0; s < w; s++) {
                int src = t + d - w + 1 + s;
                if (src < 0 || src >= nWords) continue;
                System.arraycopy(f, src * dim, out, (t * w + s) * dim, dim);
            }
        return out;
    }

    /** Concatenates row-wise blocks a [n x pa] and b [n x pb]. */
    public static float[] hstack(float[] a, int pa, float[] b, int pb, int n) {
        float[] out = new float[n * (pa + pb)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * pa, out, i * (pa + pb), pa);
            System.arraycopy(b, i * pb, out, i * (pa + pb) + pa, pb);
        }
        return out;
    }

    /**
     * PCA fitted on the rows where {@code fit[i]} is true (centered by their mean), keeping the k components of
     * largest variance; returns all rows projected: [n x k].
     */
    public static float[] pca(float[] x, int n, int p, boolean[] fit, int k) {
        int m = 0;
        double[] mu = new double[p];
        for (int i = 0; i < n; i++) if (fit[i]) { m++; for (int j = 0; j < p; j++) mu[j] += x[i * p + j]; }
        if (m < 2) throw new IllegalArgumentException("PCA needs at least 2 training rows");
        for (int j = 0; j < p; j++) mu[j] /= m;
        double[] xc = new double[m * p];
        for (int i = 0, r = 0; i < n; i++) {
            if (!fit[i]) continue;
            for (int j = 0; j < p; j++) xc[r * p + j] = x[i * p + j] - mu[j];
            r++;
        }
        double[] c = new double[p * p];
        NativeBlas.dgemm(true, false, p, p, m, 1.0, xc, xc, 0.0, c);
        double[] row = new double[p];
        double[] ev = new double[p];
        NativeBlas.eigh(p, c, ev); // ascending; row j = eigenvector j
        int kk = Math.min(k, p);
        float[] out = new float[n * kk];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) row[j] = x[i * p + j] - mu[j];
            for (int s = 0; s < kk; s++) {
                int e = (p - 1 - s) * p;
                double d = 0;
                for (int j = 0; j < p; j++) d += row[j] * c[e + j];
                out[i * kk + s] = (float) d;
            }
        }
        return out;
    }
}
