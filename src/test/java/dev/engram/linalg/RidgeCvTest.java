package dev.engram.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fast LOO (both spectral modes) against a plain brute-force leave-one-out ridge in double precision. */
class RidgeCvTest {
    @BeforeAll static void blas() { assumeTrue(NativeBlas.available(), "no OpenBLAS (apt-get install -y libopenblas0-pthread)"); }

    static float[] randn(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) gauss(r);
        return a;
    }

    static double gauss(SplittableRandom r) { return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble()); }

    /** Ridge with an unpenalized intercept fitted without row {@code out}; returns the prediction error at {@code out}. */
    static double bruteLooError(float[] x, float[] y, int n, int p, int out, double alpha) {
        double[] mx = new double[p];
        double my = 0;
        for (int i = 0; i < n; i++) if (i != out) { for (int j = 0; j < p; j++) mx[j] += x[i * p + j]; my += y[i]; }
        for (int j = 0; j < p; j++) mx[j] /= n - 1;
        my /= n - 1;
        double[][] a = new double[p][p + 1];
        for (int i = 0; i < n; i++) {
            if (i == out) continue;
            for (int j = 0; j < p; j++) {
                double xj = x[i * p + j] - mx[j];
                for (int k = 0; k < p; k++) a[j][k] += xj * (x[i * p + k] - mx[k]);
                a[j][p] += xj * (y[i] - my);
            }
        }
        for (int j = 0; j < p; j++) a[j][j] += alpha;
        for (int c = 0; c < p; c++) { // Gauss-Jordan (SPD, no pivoting needed)
            for (int r = 0; r < p; r++) {
                if (r == c) continue;
                double f = a[r][c] / a[c][c];
                for (int k = c; k <= p; k++) a[r][k] -= f * a[c][k];
            }
        }
        double pred = my;
        for (int j = 0; j < p; j++) pred += (x[out * p + j] - mx[j]) * a[j][p] / a[j][j];
        return y[out] - pred;
    }

    @Test void looResidualsMatchBruteForceInBothModes() {
        for (int p : new int[] {6, 60}) { // svd mode (p + 1 < n) and eigen mode (p + 1 >= n)
            SplittableRandom r = new SplittableRandom(p);
            int n = 40;
            float[] x = randn(r, n * p);
            float[] w = randn(r, p);
            // center the columns as the standardization does before the ridge
            for (int j = 0; j < p; j++) {
                double m = 0;
                for (int i = 0; i < n; i++) m += x[i * p + j];
                for (int i = 0; i < n; i++) x[i * p + j] -= (float) (m / n);
            }
            float[] y = new float[n];
            double my = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) y[i] += x[i * p + j] * w[j] * 0.3f;
                y[i] += (float) gauss(r);
                my += y[i];
            }
            for (int i = 0; i < n; i++) y[i] -= (float) (my / n);
            RidgeCv.Basis b = RidgeCv.basis(x, n, p);
            assertEquals(p + 1 < n, b.thin());
            for (double alpha : new double[] {0.1, 3, 100, 1e5}) {
                RidgeCv.Prepared prep = RidgeCv.prepare(b, new double[] {alpha});
                RidgeCv.Solution s = RidgeCv.solve(prep, y, 1, null);
                for (int i = 0; i < n; i++) {
                    double fast = s.dual()[i] / prep.inverseDiagonals()[0][i];
                    double brute = bruteLooError(x, y, n, p, i, alpha);
                    assertEquals(brute, fast, 2e-3 * (1 + Math.abs(brute)), "p=" + p + " alpha=" + alpha + " row " + i);
                }
            }
        }
    }

    @Test void alphaPerTargetPicksSmallPenaltyForSignalAndLargeForNoise() {
        SplittableRandom r = new SplittableRandom(3);
        int n = 200, p = 10;
        float[] x = randn(r, n * p), w = randn(r, p), y = new float[n * 2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) y[i * 2] += x[i * p + j] * w[j];
            y[i * 2] += 0.1f * (float) gauss(r);
            y[i * 2 + 1] = (float) gauss(r);
        }
        var o = new EncodingModel.Options(EncodingModel.logspace(-1, 8, 10), 5, 0, 1 << 20);
        var res = EncodingModel.crossValidate(EncodingModel.fixed(x, p), n, y, 2, o);
        assertTrue(res.r()[0] > 0.95, "signal target r=" + res.r()[0]);
        assertTrue(Math.abs(res.r()[1]) < 0.3, "noise target r=" + res.r()[1]);
        for (int[] f : res.alphaIndex()) {
            assertTrue(f[0] <= 2, "signal alpha index " + f[0]);
            assertTrue(f[1] >= 3, "noise alpha index (>= 100) " + f[1]);
        }
        var k = EncodingModel.crossValidate(EncodingModel.fixed(x, p), n, y, 2, new EncodingModel.Options(o.alphas(), 5, 5, 1 << 20));
        assertEquals(res.r()[0], k.r()[0], 0.02, "kfold alpha choice gives a similar score on a clean signal");
    }

    @Test void foldsAreContiguousLikeSklearn() {
        assertEquals(java.util.List.of(0, 3, 6, 8, 10), java.util.Arrays.stream(EncodingModel.foldStarts(10, 4)).boxed().toList());
    }
}
