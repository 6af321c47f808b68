package dev.engram.edm;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Surrogates keep what they promise, detect real coupling, and reject independent pairs at about alpha. */
class SurrogateTest {

    @Test
    void shufflePermutesEbisuzakiKeepsSpectrumAndVarianceSeasonalKeepsTheCycle() {
        SplittableRandom rng = new SplittableRandom(11);
        double[] x = Systems.ar1(256, 0.7, rng);
        double[] s = SurrogateMethod.shuffle(x, rng);
        double[] a = x.clone(), b = s.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        assertArrayEquals(a, b, 0);

        double[] e = SurrogateMethod.ebisuzaki(x, rng);
        double[] px = power(x), pe = power(e);
        // Amplitudes are kept up to one common factor (the variance rescaling after the Nyquist bin's new phase).
        double scale = pe[1] / px[1];
        for (int k = 1; k < 128; k++) assertEquals(px[k] * scale, pe[k], 1e-9 * (1 + pe[k]), "bin " + k);
        assertEquals(variance(x), variance(e), 1e-9);
        assertTrue(Math.abs(Skill.rho(x, e)) < 0.5, "phases were randomised");

        double[] seasonalX = new double[240];
        for (int i = 0; i < 240; i++) seasonalX[i] = 10 * Math.sin(2 * Math.PI * i / 12) + rng.nextGaussian();
        double[] ss = SurrogateMethod.seasonal(seasonalX, 12, rng);
        for (int p = 0; p < 12; p++) {
            double m1 = 0, m2 = 0;
            for (int i = p; i < 240; i += 12) { m1 += seasonalX[i]; m2 += ss[i]; }
            assertEquals(m1 / 20, m2 / 20, 1.5, "phase " + p + " keeps the mean cycle");
        }
    }

    @Test
    void realCouplingIsSignificant() {
        double[][] s = Systems.coupledLogistic(400, 3.8, 3.5, 0.02, 0.1);
        CcmSignificance.Result r = CcmSignificance.test(s[1], s[0],
                new CcmSignificance.Settings(2, -1, 0, 0, SurrogateMethod.EBISUZAKI, 99, 0, 3));
        assertEquals(0.01, r.pValue(), 1e-12); // no surrogate reaches the real skill
    }

    @Test
    void independentSystemsAreRejectedAtAboutTheNominalRate() {
        // Ebisuzaki surrogates (the default) on independent chaotic maps and on independent AR(1) processes.
        // (Shuffle surrogates are too liberal for autocorrelated data; see SurrogateCalibration and docs/edm.md.)
        int trials = 150;
        int[] rejections = SurrogateCalibration.rejections(trials, 200, 99, SurrogateMethod.EBISUZAKI, 1000);
        // 5% of 150 is 7.5; allow binomial noise up to ~2 standard deviations (12/150 = 8%).
        assertTrue(rejections[0] <= 12, "independent logistic maps rejected " + rejections[0] + "/" + trials);
        assertTrue(rejections[1] <= 12, "independent AR(1) rejected " + rejections[1] + "/" + trials);
        assertTrue(rejections[0] + rejections[1] > 0, "the test is not vacuous: some nominal false positives occur");
    }

    static double[] power(double[] x) {
        int n = x.length;
        double m = Arrays.stream(x).average().orElse(0);
        double[] re = new double[n], im = new double[n];
        for (int i = 0; i < n; i++) re[i] = x[i] - m;
        Fft.transform(re, im, false);
        double[] p = new double[n];
        for (int k = 0; k < n; k++) p[k] = re[k] * re[k] + im[k] * im[k];
        return p;
    }

    static double variance(double[] x) {
        double m = Arrays.stream(x).average().orElse(0), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return s / x.length;
    }
}
