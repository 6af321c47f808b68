package dev.engram.edm;

import java.util.SplittableRandom;

/** Dynamical systems with known coupling, for demos, tests and benchmarks. */
public final class Systems {
    private Systems() {}

    /**
     * Coupled logistic maps (Sugihara et al. 2012, Fig. 3): x' = x(rx - rx x - bxy y), y' = y(ry - ry y - byx x),
     * from x = 0.4, y = 0.2. With bxy = 0.02 and byx = 0.1, x drives y more strongly than y drives x.
     *
     * @return {x, y}
     */
    public static double[][] coupledLogistic(int n, double rx, double ry, double bxy, double byx) {
        double[] x = new double[n], y = new double[n];
        x[0] = 0.4;
        y[0] = 0.2;
        for (int t = 0; t + 1 < n; t++) {
            x[t + 1] = x[t] * (rx - rx * x[t] - bxy * y[t]);
            y[t + 1] = y[t] * (ry - ry * y[t] - byx * x[t]);
        }
        return new double[][]{x, y};
    }

    /** Lorenz-63 (sigma 10, rho 28, beta 8/3) by RK4 with step dt, sampled every {@code every} steps. */
    public static double[][] lorenz(int n, double dt, int every, double[] start) {
        return coupledLorenz(n, dt, every, 0, start, new double[]{0, 0, 0}, false);
    }

    /**
     * Two Lorenz-63 systems, the first driving the second through its x: dx2/dt gets + c (x1 - x2).
     * The driver's second equation uses rho 28, the response's 28.5, so they do not synchronise trivially.
     *
     * @return {x1, y1, z1, x2, y2, z2} (only the first three when {@code both} is false)
     */
    public static double[][] coupledLorenz(int n, double dt, int every, double c, double[] s1, double[] s2, boolean both) {
        double[] s = new double[6];
        System.arraycopy(s1, 0, s, 0, 3);
        System.arraycopy(s2, 0, s, 3, 3);
        int burn = 2000;
        double[][] out = new double[both ? 6 : 3][n];
        double[] k1 = new double[6], k2 = new double[6], k3 = new double[6], k4 = new double[6], tmp = new double[6];
        for (int step = 0, row = 0; row < n; step++) {
            lorenzRate(s, c, k1);
            for (int i = 0; i < 6; i++) tmp[i] = s[i] + dt / 2 * k1[i];
            lorenzRate(tmp, c, k2);
            for (int i = 0; i < 6; i++) tmp[i] = s[i] + dt / 2 * k2[i];
            lorenzRate(tmp, c, k3);
            for (int i = 0; i < 6; i++) tmp[i] = s[i] + dt * k3[i];
            lorenzRate(tmp, c, k4);
            for (int i = 0; i < 6; i++) s[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            if (step >= burn && (step - burn) % every == 0) {
                for (int i = 0; i < out.length; i++) out[i][row] = s[i];
                row++;
            }
        }
        return out;
    }

    private static void lorenzRate(double[] s, double c, double[] d) {
        d[0] = 10 * (s[1] - s[0]);
        d[1] = s[0] * (28 - s[2]) - s[1];
        d[2] = s[0] * s[1] - 8.0 / 3 * s[2];
        d[3] = 10 * (s[4] - s[3]) + c * (s[0] - s[3]);
        d[4] = s[3] * (28.5 - s[5]) - s[4];
        d[5] = s[3] * s[4] - 8.0 / 3 * s[5];
    }

    /** AR(1): x' = phi x + N(0,1). */
    public static double[] ar1(int n, double phi, SplittableRandom rng) {
        double[] x = new double[n];
        double v = 0;
        for (int t = -100; t < n; t++) {
            v = phi * v + gaussian(rng);
            if (t >= 0) x[t] = v;
        }
        return x;
    }

    /** A logistic map with growth r from a random start, plus Gaussian observation noise of sd {@code noise}. */
    public static double[] noisyLogistic(int n, double r, double noise, SplittableRandom rng) {
        double[] x = new double[n];
        double v = 0.2 + 0.6 * rng.nextDouble();
        for (int t = -100; t < n; t++) {
            v = r * v * (1 - v);
            if (t >= 0) x[t] = v + noise * gaussian(rng);
        }
        return x;
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble(), v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
