package dev.engram.edm;

import java.util.Arrays;
import java.util.List;

/**
 * CCM skill per library size, both directions, with every sample kept.
 *
 * @param x        name of the first series
 * @param y        name of the second series
 * @param libSizes requested library sizes
 * @param xy       xy[size][sample]: skill estimating y from x's embedding
 * @param yx       yx[size][sample]: skill estimating x from y's embedding
 */
public record CcmResult(String x, String y, int[] libSizes, double[][] xy, double[][] yx) {

    public double[] meanXY() { return means(xy); }

    public double[] meanYX() { return means(yx); }

    private static double[] means(double[][] v) {
        return Arrays.stream(v).mapToDouble(s -> Arrays.stream(s).average().orElse(Double.NaN)).toArray();
    }

    /** pyEDM's table: LibSize, x:y, y:x (mean rho over the samples). */
    public Table table() {
        double[] L = Arrays.stream(libSizes).asDoubleStream().toArray();
        return Table.of(List.of("LibSize", x + ":" + y, y + ":" + x), L, meanXY(), meanYX());
    }

    /** Every sample: LibSize, sample, x:y, y:x. */
    public Table samplesTable() {
        int s = xy[0].length, n = libSizes.length * s;
        double[] L = new double[n], k = new double[n], a = new double[n], b = new double[n];
        for (int i = 0; i < libSizes.length; i++)
            for (int j = 0; j < s; j++) {
                int r = i * s + j;
                L[r] = libSizes[i]; k[r] = j + 1; a[r] = xy[i][j]; b[r] = yx[i][j];
            }
        return Table.of(List.of("LibSize", "Sample", x + ":" + y, y + ":" + x), L, k, a, b);
    }
}
