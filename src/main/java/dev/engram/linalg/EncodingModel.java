package dev.engram.linalg;

import java.util.Arrays;
import java.util.Locale;

/**
 * Cross-validated encoding model: contiguous outer folds (scikit-learn's KFold without shuffling), columns of
 * X and targets standardized with the training part's mean and standard deviation (StandardScaler), ridge with
 * one alpha per target ({@link RidgeCv}), and the score: Pearson r between held-out predictions and the
 * (held-out) targets, averaged over folds (brain scores when the targets are voxels).
 */
public final class EncodingModel {
    private EncodingModel() {}

    /**
     * How alphas are chosen and how much memory a chunk may take.
     *
     * @param alphas     penalty grid (positive, any order; ties go to the earlier one)
     * @param folds      outer contiguous folds (>= 2)
     * @param innerFolds 0 = exact leave-one-out; k >= 2 = inner contiguous k-fold on the training part
     * @param chunkFloats upper bound on the floats of one target chunk's n x chunk buffers (memory bound)
     */
    public record Options(double[] alphas, int folds, int innerFolds, long chunkFloats) {
        public Options {
            if (alphas == null || alphas.length == 0) throw new IllegalArgumentException("alphas: give at least one penalty");
            for (double a : alphas) if (!(a > 0) || Double.isInfinite(a)) throw new IllegalArgumentException("alphas: every penalty must be positive and finite, got " + a);
            if (folds < 2) throw new IllegalArgumentException("folds: at least 2 outer folds, got " + folds);
            if (innerFolds == 1 || innerFolds < 0) throw new IllegalArgumentException("alpha-cv: loo or kfold:K with K >= 2, got " + innerFolds);
            if (chunkFloats < 1) throw new IllegalArgumentException("chunkFloats must be positive");
        }

        public static Options defaults() { return new Options(logspace(-1, 8, 10), 5, 0, 1L << 24); }

        /** Parses "1e-1:1e8:10" (log-spaced, inclusive) or a comma list "1,10,100". */
        public static double[] parseAlphas(String spec) {
            String[] p = spec.split(":");
            try {
                if (p.length == 3) {
                    double lo = Double.parseDouble(p[0]), hi = Double.parseDouble(p[1]);
                    int k = Integer.parseInt(p[2]);
                    if (!(lo > 0) || !(hi >= lo) || k < 1) throw new IllegalArgumentException("--alphas " + spec + ": need 0 < LO <= HI and COUNT >= 1");
                    return logspace(Math.log10(lo), Math.log10(hi), k);
                }
                return Arrays.stream(spec.split(",")).mapToDouble(s -> Double.parseDouble(s.strip())).toArray();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--alphas " + spec + ": expected LO:HI:COUNT (e.g. 1e-1:1e8:10) or a comma list");
            }
        }

        /** "loo" -> 0, "kfold:K" -> K. */
        public static int parseAlphaCv(String spec) {
            if (spec.equals("loo")) return 0;
            if (spec.startsWith("kfold:")) {
                try {
                    return Integer.parseInt(spec.substring(6));
                } catch (NumberFormatException e) { /* fall through */ }
            }
            throw new IllegalArgumentException("--alpha-cv " + spec + ": expected loo or kfold:K (e.g. kfold:5)");
        }
    }

    public static double[] logspace(double lo, double hi, int k) {
        double[] a = new double[k];
        for (int i = 0; i < k; i++) a[i] = Math.pow(10, k == 1 ? lo : lo + (hi - lo) * i / (k - 1));
        return a;
    }

    /** Contiguous fold boundaries: the first n % k folds get one extra row, as scikit-learn's KFold. */
    public static int[] foldStarts(int n, int k) {
        int[] s = new int[k + 1];
        for (int f = 0; f < k; f++) s[f + 1] = s[f] + n / k + (f < n % k ? 1 : 0);
        return s;
    }

    /** Per-target r per fold and averaged, plus the chosen alpha per fold and target. */
    public record Result(double[] r, double[][] foldR, int[][] alphaIndex) {}

    /** Something that builds the design for one outer fold (e.g. a forecast window whose PCA is fitted on it). */
    public interface Design {
        /** The design [n x p] row-major for all rows, given the training rows [trainLo..trainHi) excluded test block. */
        float[] build(int testStart, int testEnd);

        int columns();
    }

    /** A fixed design matrix. */
    public static Design fixed(float[] x, int p) {
        return new Design() {
            public float[] build(int a, int b) { return x; }
            public int columns() { return p; }
        };
    }

    /**
     * Scores targets y [n x v] (row-major) from the design, with options o. Targets are read column-chunk by
     * chunk and never copied whole.
     */
    public static Result crossValidate(Design design, int n, float[] y, int v, Options o) {
        return crossValidate(design, n, y, v, o, null);
    }

    /** As {@link #crossValidate(Design, int, float[], int, Options)}, calling {@code afterFold} (if not null) after each outer fold. */
    public static Result crossValidate(Design design, int n, float[] y, int v, Options o, Runnable afterFold) {
        int p = design.columns();
        int[] fs = foldStarts(n, o.folds());
        double[][] foldR = new double[o.folds()][];
        int[][] alphaIdx = new int[o.folds()][];
        for (int f = 0; f < o.folds(); f++) {
            int t0 = fs[f], t1 = fs[f + 1], nte = t1 - t0, ntr = n - nte;
            float[] x = design.build(t0, t1);
            float[] xtr = new float[ntr * p], xte = new float[nte * p];
            standardizeSplit(x, n, p, t0, t1, xtr, xte);
            RidgeCv.Basis basis = RidgeCv.basis(xtr, ntr, p);
            RidgeCv.Prepared prep = RidgeCv.prepare(basis, o.alphas());
            float[] kte = new float[nte * ntr];
            NativeBlas.sgemm(false, true, nte, ntr, p, 1f, xte, xtr, 0f, kte);
            Inner inner = o.innerFolds() >= 2 ? new Inner(xtr, ntr, p, o.innerFolds()) : null;
            int chunk = (int) Math.max(1, Math.min(v, o.chunkFloats() / Math.max(ntr, 1)));
            foldR[f] = new double[v];
            alphaIdx[f] = new int[v];
            for (int v0 = 0; v0 < v; v0 += chunk) {
                int vc = Math.min(chunk, v - v0);
                float[] ytr = new float[ntr * vc], yte = new float[nte * vc];
                standardizeTargets(y, n, v, v0, vc, t0, t1, ytr, yte);
                double[][] ext = inner == null ? null : inner.scores(ytr, vc, o.alphas());
                RidgeCv.Solution s = RidgeCv.solve(prep, ytr, vc, ext);
                float[] pred = new float[nte * vc];
                NativeBlas.sgemm(false, false, nte, vc, ntr, 1f, kte, s.dual(), 0f, pred);
                double[] r = pearsonColumns(pred, yte, nte, vc);
                System.arraycopy(r, 0, foldR[f], v0, vc);
                System.arraycopy(s.alphaIndex(), 0, alphaIdx[f], v0, vc);
            }
            if (afterFold != null) afterFold.run();
        }
        double[] mean = new double[v];
        for (double[] fr : foldR) for (int j = 0; j < v; j++) mean[j] += fr[j] / o.folds();
        return new Result(mean, foldR, alphaIdx);
    }

    /** Inner contiguous K-fold on the (standardized) training rows, each inner training part re-centered. */
    private static final class Inner {
        final int k, n, p;
        final int[] starts;
        final RidgeCv.Basis[] bases;
        final float[][] kval;

        Inner(float[] x, int n, int p, int k) {
            this.k = k;
            this.n = n;
            this.p = p;
            starts = foldStarts(n, k);
            bases = new RidgeCv.Basis[k];
            kval = new float[k][];
            for (int f = 0; f < k; f++) {
                int a = starts[f], b = starts[f + 1], nv = b - a, nt = n - nv;
                double[] mu = new double[p];
                for (int i = 0; i < n; i++) if (i < a || i >= b) for (int j = 0; j < p; j++) mu[j] += x[i * p + j];
                for (int j = 0; j < p; j++) mu[j] /= nt;
                float[] xt = new float[nt * p], xv = new float[nv * p];
                for (int i = 0, ti = 0; i < n; i++) {
                    boolean val = i >= a && i < b;
                    float[] dst = val ? xv : xt;
                    int row = val ? i - a : ti++;
                    for (int j = 0; j < p; j++) dst[row * p + j] = (float) (x[i * p + j] - mu[j]);
                }
                bases[f] = RidgeCv.basis(xt, nt, p);
                kval[f] = new float[nv * nt];
                NativeBlas.sgemm(false, true, nv, nt, p, 1f, xv, xt, 0f, kval[f]);
            }
        }

        double[][] scores(float[] y, int vc, double[] alphas) {
            double[][] total = new double[alphas.length][vc];
            for (int f = 0; f < k; f++) {
                int a = starts[f], b = starts[f + 1], nv = b - a, nt = n - nv;
                double[] mu = new double[vc];
                for (int i = 0; i < n; i++) if (i < a || i >= b) for (int j = 0; j < vc; j++) mu[j] += y[i * vc + j];
                for (int j = 0; j < vc; j++) mu[j] /= nt;
                float[] yt = new float[nt * vc], yv = new float[nv * vc];
                for (int i = 0, ti = 0; i < n; i++) {
                    boolean val = i >= a && i < b;
                    float[] dst = val ? yv : yt;
                    int row = val ? i - a : ti++;
                    for (int j = 0; j < vc; j++) dst[row * vc + j] = (float) (y[i * vc + j] - mu[j]);
                }
                double[][] sse = RidgeCv.validationErrors(bases[f], yt, vc, kval[f], yv, nv, alphas);
                for (int al = 0; al < alphas.length; al++) for (int j = 0; j < vc; j++) total[al][j] += sse[al][j];
            }
            return total;
        }
    }

    /** StandardScaler fitted on the rows outside [t0, t1), applied to both parts (std 0 -> scale 1). */
    static void standardizeSplit(float[] x, int n, int p, int t0, int t1, float[] xtr, float[] xte) {
        // Column blocks in parallel: each block walks all rows, so the row-major reads stay sequential.
        int blocks = Math.max(1, Math.min(p / 256, 4 * Runtime.getRuntime().availableProcessors()));
        java.util.stream.IntStream.range(0, blocks).parallel().forEach(bk -> {
            int j0 = (int) ((long) p * bk / blocks), j1 = (int) ((long) p * (bk + 1) / blocks);
            standardizeColumns(x, n, p, t0, t1, xtr, xte, j0, j1);
        });
    }

    private static void standardizeColumns(float[] x, int n, int p, int t0, int t1, float[] xtr, float[] xte, int j0, int j1) {
        int ntr = n - (t1 - t0), w = j1 - j0;
        double[] mu = new double[w], sd = new double[w];
        for (int i = 0; i < n; i++) {
            if (i >= t0 && i < t1) continue;
            for (int j = j0; j < j1; j++) mu[j - j0] += x[i * p + j];
        }
        for (int j = 0; j < w; j++) mu[j] /= ntr;
        for (int i = 0; i < n; i++) {
            if (i >= t0 && i < t1) continue;
            for (int j = j0; j < j1; j++) {
                double d = x[i * p + j] - mu[j - j0];
                sd[j - j0] += d * d;
            }
        }
        for (int j = 0; j < w; j++) {
            sd[j] = Math.sqrt(sd[j] / ntr);
            if (sd[j] < 10 * Math.ulp(Math.abs(mu[j])) || sd[j] == 0) sd[j] = 1;
        }
        for (int i = 0, ti = 0; i < n; i++) {
            boolean te = i >= t0 && i < t1;
            float[] dst = te ? xte : xtr;
            int row = te ? i - t0 : ti++;
            for (int j = j0; j < j1; j++) dst[row * p + j] = (float) ((x[i * p + j] - mu[j - j0]) / sd[j - j0]);
        }
    }

    /** Columns [v0, v0+vc) of y [n x v], standardized with the training rows' statistics. */
    static void standardizeTargets(float[] y, int n, int v, int v0, int vc, int t0, int t1, float[] ytr, float[] yte) {
        float[] block = new float[n * vc];
        for (int i = 0; i < n; i++) System.arraycopy(y, i * v + v0, block, i * vc, vc);
        standardizeSplit(block, n, vc, t0, t1, ytr, yte);
    }

    /** Pearson r per column of a and b [m x k]; 0 when either column is constant. */
    public static double[] pearsonColumns(float[] a, float[] b, int m, int k) {
        double[] r = new double[k];
        double[] ma = new double[k], mb = new double[k];
        for (int i = 0; i < m; i++) for (int j = 0; j < k; j++) { ma[j] += a[i * k + j]; mb[j] += b[i * k + j]; }
        for (int j = 0; j < k; j++) { ma[j] /= m; mb[j] /= m; }
        double[] sab = new double[k], saa = new double[k], sbb = new double[k];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                double da = a[i * k + j] - ma[j], db = b[i * k + j] - mb[j];
                sab[j] += da * db;
                saa[j] += da * da;
                sbb[j] += db * db;
            }
        }
        for (int j = 0; j < k; j++) r[j] = saa[j] > 0 && sbb[j] > 0 ? sab[j] / Math.sqrt(saa[j] * sbb[j]) : 0;
        return r;
    }

    /** One line for reports: the grid, the folds and how alphas are chosen. */
    public static String describe(Options o) {
        return String.format(Locale.ROOT, "%d alphas in [%.3g, %.3g], %d contiguous folds, alpha by %s", o.alphas().length,
                Arrays.stream(o.alphas()).min().orElse(0), Arrays.stream(o.alphas()).max().orElse(0), o.folds(),
                o.innerFolds() == 0 ? "exact leave-one-out" : "inner " + o.innerFolds() + "-fold");
    }
}
