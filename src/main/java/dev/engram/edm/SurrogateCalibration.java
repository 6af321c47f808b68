package dev.engram.edm;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Calibration of the surrogate test: how often a pair of independent systems is called significant at the 5%
 * level (ideally 5%). Two null settings: independent noisy logistic maps (r 3.8 and 3.7, noise sd 0.02) and
 * independent AR(1) processes (phi 0.8), each tested x:y with E 2, tau -1, Tp 0.
 */
public final class SurrogateCalibration {
    private SurrogateCalibration() {}

    /** Rejections at p &lt;= 0.05 out of {@code trials}: {logistic maps, AR(1)}. Trials run in parallel. */
    public static int[] rejections(int trials, int rows, int surrogates, SurrogateMethod method, long seed) {
        int[][] hits = new int[trials][2];
        IntStream.range(0, trials).parallel().forEach(t -> {
            SplittableRandom rng = new SplittableRandom(seed + t);
            var s = new CcmSignificance.Settings(2, -1, 0, 0, method, surrogates, 0, seed + t);
            double[] a = Systems.noisyLogistic(rows, 3.8, 0.02, rng), b = Systems.noisyLogistic(rows, 3.7, 0.02, rng);
            double[] c = Systems.ar1(rows, 0.8, rng), d = Systems.ar1(rows, 0.8, rng);
            hits[t][0] = CcmSignificance.test(CcmSignificance.mapper(a, s, false), b, s, false).pValue() <= 0.05 ? 1 : 0;
            hits[t][1] = CcmSignificance.test(CcmSignificance.mapper(c, s, false), d, s, false).pValue() <= 0.05 ? 1 : 0;
        });
        int[] r = new int[2];
        for (int[] h : hits) { r[0] += h[0]; r[1] += h[1]; }
        return r;
    }
}
