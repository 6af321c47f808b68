package dev.engram.brain;

import dev.engram.core.Seeds;
import dev.engram.linalg.EncodingModel;
import dev.engram.linalg.NativeBlas;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The benchmark: random X [n x p] and Y [n x v] (as tools/reference/ridge_anchor.py: 50 informative
 * columns), ridge with one alpha per voxel by exact LOO over a grid, contiguous outer folds. Reports seconds
 * and the ratio to the FLOP floor: per fold the kernel (2 n_tr^2 p), one eigendecomposition (counted as
 * 4/3 q^3, q = min(n_tr, p + 1)) and (alphas + 1) x 2 n_tr q v of products, divided by the float32 GEMM rate
 * measured in the same process on 1024^3 products.
 */
public final class RidgeBench {
    private RidgeBench() {}

    public record Result(int n, int p, int v, int alphas, int folds, double seconds, double flops, double gflops,
                         double floorSeconds, double ratio) {
        public String describe() {
            return String.format(Locale.ROOT, "n=%d p=%d v=%d alphas=%d folds=%d: %.2f s; floor %.3g FLOP at the measured %.0f GFLOP/s "
                    + "float32 GEMM = %.2f s; ratio %.2fx", n, p, v, alphas, folds, seconds, flops, gflops, floorSeconds, ratio);
        }
    }

    /** Measures float32 GEMM throughput on m^3 products (GFLOP/s). */
    public static double gemmRate(int m) {
        float[] a = new float[m * m], b = new float[m * m], c = new float[m * m];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < a.length; i++) { a[i] = (float) r.nextDouble(); b[i] = (float) r.nextDouble(); }
        NativeBlas.sgemm(false, false, m, m, m, 1f, a, b, 0f, c);
        double best = 0;
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            NativeBlas.sgemm(false, false, m, m, m, 1f, a, b, 0f, c);
            best = Math.max(best, 2.0 * m * m * m / ((System.nanoTime() - t0) / 1e9) / 1e9);
        }
        return best;
    }

    public static Result run(int n, int p, int v, int nAlphas, int folds, int threads, long seed) {
        NativeBlas.require();
        NativeBlas.threads(threads);
        SplittableRandom r = Seeds.random(seed, "bench", 0);
        float[] x = new float[n * p];
        for (int i = 0; i < x.length; i++) x[i] = (float) Phantom.gauss(r);
        int inf = Math.min(50, p);
        float[] w = new float[inf * v];
        for (int i = 0; i < w.length; i++) w[i] = (float) Phantom.gauss(r);
        float[] y = new float[n * v];
        float[] xi = new float[n * inf];
        for (int i = 0; i < n; i++) System.arraycopy(x, i * p, xi, i * inf, inf);
        NativeBlas.sgemm(false, false, n, v, inf, 0.05f, xi, w, 0f, y);
        for (int i = 0; i < y.length; i++) y[i] += (float) Phantom.gauss(r);
        double rate = gemmRate(1024);
        var o = new EncodingModel.Options(EncodingModel.logspace(-1, 8, nAlphas), folds, 0, 1L << 24);
        long t0 = System.nanoTime();
        EncodingModel.crossValidate(EncodingModel.fixed(x, p), n, y, v, o);
        double sec = (System.nanoTime() - t0) / 1e9;
        double flops = 0;
        int[] fs = EncodingModel.foldStarts(n, folds);
        for (int f = 0; f < folds; f++) {
            double ntr = n - (fs[f + 1] - fs[f]);
            double q = Math.min(ntr, p + 1);
            flops += 2 * ntr * ntr * p + 4.0 / 3 * q * q * q + (nAlphas + 1) * 2 * ntr * q * v;
        }
        double floor = flops / (rate * 1e9);
        return new Result(n, p, v, nAlphas, folds, sec, flops, rate, floor, sec / floor);
    }
}
