package dev.engram.linalg;

import java.util.Arrays;

/**
 * Ridge regression with one penalty per target chosen from a grid, as scikit-learn's
 * {@code RidgeCV(alphas, alpha_per_target=True, fit_intercept=True)} does with its default efficient
 * leave-one-out ("gcv") mode, or by inner contiguous K-fold.
 *
 * <p>Exact LOO: with G = K + alpha I and K the training kernel augmented by the intercept column (a ones
 * column, as scikit-learn does, whose regularization is cancelled), the dual coefficients are c = G^-1 y and
 * the LOO residuals are c_i / (G^-1)_ii. Both come from one eigen-decomposition per training set: of the
 * n x n kernel when p + 1 >= n (scikit-learn's "eigen" mode), or of the (p+1) x (p+1) Gram matrix when p + 1 < n
 * ("svd" mode, the complement of the column space then weighted 1/alpha). Targets are processed in chunks so
 * memory stays bounded; matrix products are float32 GEMM in OpenBLAS, the decomposition float64.
 *
 * <p>Lifecycle: {@link #basis} once per training set, then {@link #solve} per chunk of targets.
 */
public final class RidgeCv {
    private RidgeCv() {}

    /**
     * The spectral basis of one training design. u: [n x r] row-major, orthonormal columns; lambda[r]: the
     * kernel's eigenvalues; intercept: the column of u along the ones vector (unpenalized); thin: r < n, with
     * rest[i] = 1 - sum_j u_ij^2 (the diagonal of the projector onto the complement).
     */
    public record Basis(int n, int r, float[] u, double[] lambda, int intercept, boolean thin, double[] rest) {}

    /** Builds the basis for a design x [n x p] (row-major, already centered by the caller's standardization). */
    public static Basis basis(float[] x, int n, int p) {
        if (p + 1 >= n) {
            float[] k = new float[n * n];
            NativeBlas.sgemm(false, true, n, n, p, 1f, x, x, 0f, k);
            for (int i = 0; i < n * n; i++) k[i] += 1f; // + ones * ones^T: the intercept column
            // float32, as scikit-learn's eigh on a float32 kernel: the kernel is already float32-rounded, so a
            // float64 solver would not make it more exact, only 1.8x slower (2.7 s vs 1.5 s at n = 2400).
            float[] wf = new float[n];
            NativeBlas.eigh(n, k, wf);
            float[] u = new float[n * n];
            // eigh leaves eigenvector j in row j; u wants it as column j.
            java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
                for (int j = 0; j < n; j++) u[i * n + j] = k[j * n + i];
            });
            double[] w = new double[n];
            for (int j = 0; j < n; j++) w[j] = Math.max(wf[j], 0);
            return new Basis(n, n, u, w, interceptColumn(u, n, n), false, null);
        }
        // Gram of the augmented design [x, 1] in double, then u = xa v / s for the non-null directions.
        int q = p + 1;
        double[] xa = new double[n * q];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) xa[i * q + j] = x[i * p + j];
            xa[i * q + p] = 1;
        }
        double[] g = new double[q * q];
        NativeBlas.dgemm(true, false, q, q, n, 1.0, xa, xa, 0.0, g);
        double[] s2 = new double[q];
        NativeBlas.eigh(q, g, s2); // row j of g: eigenvector j, ascending
        double max = s2[q - 1];
        int r = 0;
        for (int j = 0; j < q; j++) if (s2[j] > max * 1e-12) r++;
        int first = q - r;
        double[] lambda = Arrays.copyOfRange(s2, first, q);
        double[] vs = new double[q * r]; // [q x r]: eigenvector columns scaled by 1/s
        for (int jj = 0; jj < r; jj++) {
            double inv = 1 / Math.sqrt(lambda[jj]);
            for (int a = 0; a < q; a++) vs[a * r + jj] = g[(first + jj) * q + a] * inv;
        }
        double[] ud = new double[n * r];
        NativeBlas.dgemm(false, false, n, r, q, 1.0, xa, vs, 0.0, ud);
        float[] u = new float[n * r];
        double[] rest = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int jj = 0; jj < r; jj++) {
                double d = ud[i * r + jj];
                u[i * r + jj] = (float) d;
                sum += d * d;
            }
            rest[i] = Math.max(0, 1 - sum);
        }
        return new Basis(n, r, u, lambda, interceptColumn(u, n, r), true, rest);
    }

    /** The column of u closest in angle to the ones vector (scikit-learn's _find_smallest_angle). */
    static int interceptColumn(float[] u, int n, int r) {
        double[] dot = new double[r];
        for (int i = 0; i < n; i++) for (int j = 0; j < r; j++) dot[j] += u[i * r + j];
        int best = 0;
        for (int j = 1; j < r; j++) if (Math.abs(dot[j]) > Math.abs(dot[best])) best = j;
        return best;
    }

    /** Per-column weights 1/(lambda + alpha), zero for the intercept. */
    static double[] weights(Basis b, double alpha) {
        double[] w = new double[b.r()];
        for (int j = 0; j < b.r(); j++) w[j] = j == b.intercept() ? 0 : 1 / (b.lambda()[j] + alpha);
        return w;
    }

    /** diag(G^-1) for one alpha. */
    static double[] inverseDiagonal(Basis b, double alpha) {
        double[] w = weights(b, alpha);
        int n = b.n(), r = b.r();
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < r; j++) {
                double uij = b.u()[i * r + j];
                s += uij * uij * w[j];
            }
            g[i] = b.thin() ? s + b.rest()[i] / alpha : s;
        }
        return g;
    }

    /** Precomputed per-alpha diagonals, shared by all chunks of one training set. */
    public record Prepared(Basis basis, double[] alphas, double[][] inverseDiagonals) {}

    public static Prepared prepare(Basis b, double[] alphas) {
        double[][] g = new double[alphas.length][];
        for (int a = 0; a < alphas.length; a++) g[a] = inverseDiagonal(b, alphas[a]);
        return new Prepared(b, alphas, g);
    }

    /** Dual coefficients [n x vc] with each target's chosen alpha, and the chosen alpha indices. */
    public record Solution(float[] dual, int[] alphaIndex) {}

    /**
     * Solves a chunk of targets y [n x vc] (row-major, centered). With {@code externalScores} null the alpha
     * is chosen per target by exact LOO (first alpha among equals, as scikit-learn); otherwise by the lowest
     * externalScores[a][v] (a mean squared error from an inner K-fold).
     */
    public static Solution solve(Prepared prep, float[] y, int vc, double[][] externalScores) {
        Basis b = prep.basis();
        int n = b.n(), r = b.r();
        float[] uty = new float[r * vc];
        NativeBlas.sgemm(true, false, r, vc, n, 1f, b.u(), y, 0f, uty);
        float[] perp = null;
        if (b.thin()) { // y minus its projection on the column space, weighted 1/alpha below
            float[] proj = new float[n * vc];
            NativeBlas.sgemm(false, false, n, vc, r, 1f, b.u(), uty, 0f, proj);
            perp = proj;
            for (int i = 0; i < n * vc; i++) perp[i] = y[i] - proj[i];
        }
        // diag(w) is applied to whichever operand is smaller: u [n x r] or u^T y [r x vc].
        boolean scaleU = (long) n * r <= (long) r * vc;
        float[] t = scaleU ? new float[n * r] : new float[r * vc], c = new float[n * vc], best = new float[n * vc];
        double[] bestScore = new double[vc];
        java.util.Arrays.fill(bestScore, Double.POSITIVE_INFINITY);
        int[] bestIdx = new int[vc];
        double[] mse = new double[vc];
        boolean[] better = new boolean[vc];
        for (int a = 0; a < prep.alphas().length; a++) {
            double alpha = prep.alphas()[a];
            double[] w = weights(b, alpha);
            if (scaleU) {
                float[] wf = new float[r];
                for (int j = 0; j < r; j++) wf[j] = (float) w[j];
                float[] u = b.u();
                for (int i = 0; i < n; i++) {
                    int off = i * r;
                    for (int j = 0; j < r; j++) t[off + j] = u[off + j] * wf[j];
                }
                NativeBlas.sgemm(false, false, n, vc, r, 1f, t, uty, 0f, c);
            } else {
                for (int j = 0; j < r; j++) {
                    float wj = (float) w[j];
                    int off = j * vc;
                    for (int k = 0; k < vc; k++) t[off + k] = uty[off + k] * wj;
                }
                NativeBlas.sgemm(false, false, n, vc, r, 1f, b.u(), t, 0f, c);
            }
            // The per-target passes (complement term, LOO errors, keeping the best) run over column blocks in parallel.
            final int aa = a;
            final float ia = (float) (1 / alpha);
            final float[] perpF = perp;
            final double[] g = externalScores == null ? prep.inverseDiagonals()[a] : null;
            int blocks = Math.min(vc, 4 * Runtime.getRuntime().availableProcessors());
            java.util.stream.IntStream.range(0, blocks).parallel().forEach(bk -> {
                int k0 = (int) ((long) vc * bk / blocks), k1 = (int) ((long) vc * (bk + 1) / blocks);
                if (perpF != null)
                    for (int i = 0; i < n; i++) for (int k = i * vc + k0, e = i * vc + k1; k < e; k++) c[k] += perpF[k] * ia;
                if (g != null) {
                    for (int k = k0; k < k1; k++) mse[k] = 0;
                    for (int i = 0; i < n; i++) {
                        double gi = 1 / g[i];
                        int off = i * vc;
                        for (int k = k0; k < k1; k++) {
                            double e = c[off + k] * gi;
                            mse[k] += e * e;
                        }
                    }
                } else {
                    for (int k = k0; k < k1; k++) mse[k] = externalScores[aa][k];
                }
                boolean any = false;
                for (int k = k0; k < k1; k++) {
                    better[k] = mse[k] < bestScore[k]; // strict: the first alpha wins ties
                    if (better[k]) {
                        bestScore[k] = mse[k];
                        bestIdx[k] = aa;
                        any = true;
                    }
                }
                if (!any) return;
                for (int i = 0; i < n; i++) {
                    int off = i * vc;
                    for (int k = k0; k < k1; k++) if (better[k]) best[off + k] = c[off + k];
                }
            });
        }
        return new Solution(best, bestIdx);
    }

    /**
     * Sum of squared validation errors per alpha and target: dual coefficients from the basis of the inner
     * training rows, predictions kval [nval x n] times c, against yval [nval x vc] (both centered as the training rows).
     */
    public static double[][] validationErrors(Basis b, float[] y, int vc, float[] kval, float[] yval, int nval, double[] alphas) {
        int n = b.n(), r = b.r();
        float[] uty = new float[r * vc];
        NativeBlas.sgemm(true, false, r, vc, n, 1f, b.u(), y, 0f, uty);
        float[] perp = null;
        if (b.thin()) {
            perp = new float[n * vc];
            NativeBlas.sgemm(false, false, n, vc, r, 1f, b.u(), uty, 0f, perp);
            for (int i = 0; i < n * vc; i++) perp[i] = y[i] - perp[i];
        }
        float[] t = new float[r * vc], c = new float[n * vc], pred = new float[nval * vc];
        double[][] sse = new double[alphas.length][vc];
        for (int a = 0; a < alphas.length; a++) {
            double[] w = weights(b, alphas[a]);
            for (int j = 0; j < r; j++) for (int k = 0; k < vc; k++) t[j * vc + k] = uty[j * vc + k] * (float) w[j];
            NativeBlas.sgemm(false, false, n, vc, r, 1f, b.u(), t, 0f, c);
            if (perp != null) for (int i = 0; i < n * vc; i++) c[i] += perp[i] * (float) (1 / alphas[a]);
            NativeBlas.sgemm(false, false, nval, vc, n, 1f, kval, c, 0f, pred);
            for (int i = 0; i < nval * vc; i++) {
                double e = pred[i] - yval[i];
                sse[a][i % vc] += e * e;
            }
        }
        return sse;
    }
}
