package dev.engram.brain;

import dev.engram.core.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Group level over subjects, per voxel: the median score, a percentile bootstrap confidence interval of the
 * median (subjects resampled with replacement), a one-sided sign-flip permutation test of the mean score
 * (H0: scores symmetric around 0) and Benjamini-Hochberg FDR q-values across voxels.
 */
public final class GroupStats {
    private GroupStats() {}

    /** Per voxel: median, ci low/high (95%), p, q. */
    public record Result(double[] median, double[] ciLow, double[] ciHigh, double[] p, double[] q) {}

    /** scores[subject][voxel]. */
    public static Result compute(double[][] scores, int bootstrap, int permutations, long seed) {
        int s = scores.length, v = scores[0].length;
        double[] med = new double[v], lo = new double[v], hi = new double[v], p = new double[v];
        SplittableRandom boot = Seeds.random(seed, "group-bootstrap", 0), perm = Seeds.random(seed, "group-permutation", 0);
        // one set of resamples/sign patterns shared by all voxels (the voxels' tests stay comparable)
        int[][] resample = new int[bootstrap][s];
        for (int[] r : resample) for (int i = 0; i < s; i++) r[i] = boot.nextInt(s);
        boolean[][] flips = new boolean[permutations][s];
        for (boolean[] f : flips) for (int i = 0; i < s; i++) f[i] = perm.nextBoolean();
        double[] col = new double[s], tmp = new double[s], bm = new double[bootstrap];
        for (int j = 0; j < v; j++) {
            for (int i = 0; i < s; i++) col[i] = scores[i][j];
            med[j] = median(col.clone());
            for (int b = 0; b < bootstrap; b++) {
                for (int i = 0; i < s; i++) tmp[i] = col[resample[b][i]];
                bm[b] = median(tmp);
            }
            if (bootstrap > 0) {
                double[] sorted = Arrays.copyOf(bm, bootstrap);
                Arrays.sort(sorted);
                lo[j] = quantile(sorted, 0.025);
                hi[j] = quantile(sorted, 0.975);
            } else { lo[j] = Double.NaN; hi[j] = Double.NaN; }
            double obs = 0;
            for (double x : col) obs += x;
            int ge = 0;
            for (boolean[] f : flips) {
                double m = 0;
                for (int i = 0; i < s; i++) m += f[i] ? -col[i] : col[i];
                if (m >= obs - 1e-12) ge++;
            }
            p[j] = (1.0 + ge) / (1.0 + permutations);
        }
        return new Result(med, lo, hi, p, fdr(p));
    }

    /** Benjamini-Hochberg adjusted p-values. */
    public static double[] fdr(double[] p) {
        int n = p.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(p[b], p[a]));
        double[] q = new double[n];
        double min = 1;
        for (int rank = n; rank >= 1; rank--) {
            int i = order[n - rank];
            min = Math.min(min, p[i] * n / rank);
            q[i] = min;
        }
        return q;
    }

    static double median(double[] a) {
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }

    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        return i + 1 < sorted.length ? sorted[i] + (pos - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
    }
}
