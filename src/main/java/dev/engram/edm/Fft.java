package dev.engram.edm;

/**
 * In-place complex FFT for any length: iterative radix-2 for powers of two, Bluestein's chirp-z convolution
 * otherwise, so surrogates of 10^5-row series cost O(n log n).
 */
final class Fft {
    private Fft() {}

    /** Per-length tables (twiddles {cos, sin}, or Bluestein's chirp {cos, sin, transformed kernel re, im}). */
    private static final java.util.concurrent.ConcurrentHashMap<Integer, double[][]> TWIDDLES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.ConcurrentHashMap<Integer, double[][]> CHIRPS = new java.util.concurrent.ConcurrentHashMap<>();

    private static double[][] twiddles(int n) {
        return TWIDDLES.computeIfAbsent(n, m -> {
            double[] cs = new double[m / 2], sn = new double[m / 2];
            for (int k = 0; k < m / 2; k++) {
                double a = -2 * Math.PI * k / m; // computed directly: no recurrence, so no error growth
                cs[k] = Math.cos(a);
                sn[k] = Math.sin(a);
            }
            return new double[][]{cs, sn};
        });
    }

    /** Forward (inverse = false) or unnormalised inverse transform of (re, im). */
    static void transform(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        if (n <= 1) return;
        if ((n & (n - 1)) == 0) radix2(re, im, inverse);
        else bluestein(re, im, inverse);
    }

    private static void radix2(double[] re, double[] im, boolean inverse) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        double[][] tw = twiddles(n);
        double[] cs = tw[0], sn = tw[1];
        double sign = inverse ? -1 : 1; // the inverse uses conjugate twiddles
        for (int len = 2; len <= n; len <<= 1) {
            int stride = n / len;
            for (int i = 0; i < n; i += len)
                for (int k = 0; k < len / 2; k++) {
                    double wr = cs[k * stride], wi = sign * sn[k * stride];
                    int a = i + k, b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr; im[b] = im[a] - xi;
                    re[a] += xr; im[a] += xi;
                }
        }
    }

    private static void bluestein(double[] re, double[] im, boolean inverse) {
        int n = re.length, m = Integer.highestOneBit(2 * n - 1) << 1;
        double[][] t = CHIRPS.computeIfAbsent(n, len -> chirp(len, m));
        double sign = inverse ? -1 : 1; // the inverse transform uses the conjugate chirp
        double[] cr = t[0], ci = t[1];
        double[] ar = new double[m], ai = new double[m];
        for (int k = 0; k < n; k++) {
            double c = cr[k], s = sign * ci[k];
            ar[k] = re[k] * c - im[k] * s;
            ai[k] = re[k] * s + im[k] * c;
        }
        radix2(ar, ai, false);
        double[] br = t[2], bi = t[3];
        for (int i = 0; i < m; i++) {
            double bI = sign * bi[i];
            double r = ar[i] * br[i] - ai[i] * bI, s = ar[i] * bI + ai[i] * br[i];
            ar[i] = r; ai[i] = s;
        }
        radix2(ar, ai, true);
        for (int k = 0; k < n; k++) {
            double r = ar[k] / m, s = ai[k] / m, c = cr[k], sn = sign * ci[k];
            re[k] = r * c - s * sn;
            im[k] = r * sn + s * c;
        }
    }

    /**
     * Forward chirp exp(-i pi k^2 / n) and the FFT of its conjugate, wrapped to length m. For the inverse,
     * every table is conjugated (the kernel's FFT of a conjugate-symmetric sequence conjugates too:
     * FFT(conj(b))[j] = conj(FFT(b)[-j]) and b is even in k, so FFT(conj(b)) = conj(FFT(b))).
     */
    private static double[][] chirp(int n, int m) {
        double[] cr = new double[n], ci = new double[n];
        for (int k = 0; k < n; k++) {
            long k2 = (long) k * k % (2L * n);
            double a = -Math.PI * k2 / n;
            cr[k] = Math.cos(a); ci[k] = Math.sin(a);
        }
        double[] br = new double[m], bi = new double[m];
        br[0] = cr[0]; bi[0] = -ci[0];
        for (int k = 1; k < n; k++) {
            br[k] = br[m - k] = cr[k];
            bi[k] = bi[m - k] = -ci[k];
        }
        radix2(br, bi, false);
        return new double[][]{cr, ci, br, bi};
    }
}
