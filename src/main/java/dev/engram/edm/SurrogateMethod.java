package dev.engram.edm;

import dev.engram.core.UserError;

import java.util.SplittableRandom;

/**
 * Null models for CCM significance: series that keep a property of the original but lose any coupling.
 * <ul>
 *   <li>{@code SHUFFLE}: a random permutation; keeps the distribution, destroys all temporal structure
 *       (too liberal for autocorrelated data).</li>
 *   <li>{@code EBISUZAKI}: Fourier phase randomisation (Ebisuzaki 1997); keeps the power spectrum, hence the
 *       autocorrelation, and the variance.</li>
 *   <li>{@code SEASONAL}: the mean cycle of the given period plus the anomalies shuffled (Deyle et al. 2016);
 *       keeps a shared seasonality from passing as causation.</li>
 * </ul>
 */
public enum SurrogateMethod {
    SHUFFLE, EBISUZAKI, SEASONAL;

    public static SurrogateMethod parse(String s) {
        return switch (s.toLowerCase().replace('-', '_')) {
            case "shuffle", "random_shuffle" -> SHUFFLE;
            case "ebisuzaki", "phase" -> EBISUZAKI;
            case "seasonal" -> SEASONAL;
            default -> throw new UserError("surrogate method '" + s + "': use shuffle, ebisuzaki or seasonal.");
        };
    }

    /** One surrogate of x; {@code period} is used by SEASONAL only. */
    public double[] generate(double[] x, int period, SplittableRandom rng) {
        return switch (this) {
            case SHUFFLE -> shuffle(x, rng);
            case EBISUZAKI -> ebisuzaki(x, rng);
            case SEASONAL -> seasonal(x, period, rng);
        };
    }

    static double[] shuffle(double[] x, SplittableRandom rng) {
        double[] s = x.clone();
        for (int i = s.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double t = s[i]; s[i] = s[j]; s[j] = t;
        }
        return s;
    }

    static double[] ebisuzaki(double[] x, SplittableRandom rng) {
        int n = x.length;
        double mean = 0;
        for (double v : x) mean += v;
        mean /= n;
        double[] re = new double[n], im = new double[n];
        for (int i = 0; i < n; i++) re[i] = x[i] - mean;
        Fft.transform(re, im, false);
        double[] sr = new double[n], si = new double[n];
        // Random phases on the positive frequencies, mirrored (conjugate) so the inverse is real; no mean.
        for (int k = 1; k < (n + 1) / 2; k++) {
            double amp = Math.hypot(re[k], im[k]), phi = 2 * Math.PI * rng.nextDouble();
            sr[k] = amp * Math.cos(phi); si[k] = amp * Math.sin(phi);
            sr[n - k] = sr[k]; si[n - k] = -si[k];
        }
        if (n % 2 == 0) sr[n / 2] = Math.sqrt(2) * Math.hypot(re[n / 2], im[n / 2]) * Math.cos(2 * Math.PI * rng.nextDouble());
        Fft.transform(sr, si, true);
        double sx = 0, ss = 0, ms = 0;
        for (int i = 0; i < n; i++) ms += sr[i];
        ms /= n;
        for (int i = 0; i < n; i++) { sx += (x[i] - mean) * (x[i] - mean); ss += (sr[i] - ms) * (sr[i] - ms); }
        double scale = ss > 0 ? Math.sqrt(sx / ss) : 0; // match the original variance
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = mean + scale * (sr[i] - ms);
        return out;
    }

    static double[] seasonal(double[] x, int period, SplittableRandom rng) {
        if (period < 2 || period > x.length / 2)
            throw new UserError("seasonal surrogates need --period between 2 and half the series length (" + x.length / 2
                    + "); got " + period + ".");
        double[] cycle = new double[period];
        int[] count = new int[period];
        for (int i = 0; i < x.length; i++) { cycle[i % period] += x[i]; count[i % period]++; }
        for (int p = 0; p < period; p++) cycle[p] /= count[p];
        double[] anomaly = new double[x.length];
        for (int i = 0; i < x.length; i++) anomaly[i] = x[i] - cycle[i % period];
        double[] shuffled = shuffle(anomaly, rng);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = cycle[i % period] + shuffled[i];
        return out;
    }
}
