package dev.engram.edm;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CCM matrix recovers a planted chain, and seasonal surrogates keep a shared season from passing as causation. */
class CcmMatrixTest {

    @Test
    void recoversAPlantedChainAndLeavesTheIndependentSeriesAlone() {
        // a -> b -> c (logistic maps, coupling 0.3), d independent.
        int n = 500;
        double[] a = new double[n], b = new double[n], c = new double[n], d = new double[n];
        a[0] = 0.4; b[0] = 0.2; c[0] = 0.3; d[0] = 0.5;
        for (int t = 0; t + 1 < n; t++) {
            a[t + 1] = a[t] * (3.8 - 3.8 * a[t]);
            b[t + 1] = b[t] * (3.5 - 3.5 * b[t] - 0.3 * a[t]);
            c[t + 1] = c[t] * (3.7 - 3.7 * c[t] - 0.3 * b[t]);
            d[t + 1] = d[t] * (3.75 - 3.75 * d[t]);
        }
        var s = new CcmSignificance.Settings(2, -1, 0, 0, SurrogateMethod.EBISUZAKI, 99, 0, 1);
        CcmMatrix m = CcmMatrix.run(List.of("a", "b", "c", "d"), List.of(a, b, c, d), s);
        double[][] rho = m.rho(), p = m.pValue();
        // Row i, column j is i:j: the driver j is recovered from the response i's manifold.
        assertTrue(rho[1][0] > 0.9 && p[1][0] <= 0.01, "b:a (a drives b) " + rho[1][0]);
        assertTrue(rho[2][1] > 0.8 && p[2][1] <= 0.01, "c:b (b drives c) " + rho[2][1]);
        assertTrue(rho[1][0] > rho[0][1] + 0.5, "the forcing direction dominates: a:b = " + rho[0][1]);
        for (int i = 0; i < 3; i++) {
            assertTrue(p[3][i] > 0.05, "d:" + m.names().get(i) + " p = " + p[3][i]);
            assertTrue(p[i][3] > 0.05, m.names().get(i) + ":d p = " + p[i][3]);
        }
        assertTrue(Double.isNaN(rho[2][2]));
    }

    @Test
    void sharedSeasonalityIsNotCausationUnderSeasonalSurrogates() {
        SplittableRandom rng = new SplittableRandom(3);
        int trials = 20, shuffleHits = 0, seasonalHits = 0;
        for (int k = 0; k < trials; k++) {
            double[] x = new double[360], y = new double[360];
            for (int t = 0; t < 360; t++) {
                x[t] = Math.sin(2 * Math.PI * t / 12) + 0.5 * rng.nextGaussian();
                y[t] = Math.sin(2 * Math.PI * t / 12 + 0.5) + 0.5 * rng.nextGaussian();
            }
            if (CcmSignificance.test(x, y, new CcmSignificance.Settings(3, -1, 0, 0, SurrogateMethod.SHUFFLE, 99, 12, k)).pValue() <= 0.05)
                shuffleHits++;
            if (CcmSignificance.test(x, y, new CcmSignificance.Settings(3, -1, 0, 0, SurrogateMethod.SEASONAL, 99, 12, k)).pValue() <= 0.05)
                seasonalHits++;
        }
        assertEquals(trials, shuffleHits, "shuffles are fooled by the shared cycle");
        assertTrue(seasonalHits <= 2, "seasonal surrogates are not: " + seasonalHits + "/" + trials);
    }
}
