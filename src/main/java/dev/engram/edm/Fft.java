package dev.engram.edm;

/**
 * In-place complex FFT for any length: iterative radix-2 for powers of two, Bluestein's chirp-z convolution
 * otherwise, so surrogates of 10^5-row series cost O(n log n).
 */
final class Fft {
    private Fft() {}

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
        // Twiddles computed directly once per call (no recurrence, so no error growth).
        double[] cs = new double[n / 2], sn = new double[n / 2];
        for (int k = 0; k < n / 2; k++) {
            double a = 2 * Math.PI * k / n * (inverse ? 1 : -1);
            cs[k] = Math.cos(a);
            sn[k] = Math.sin(a);
        }
        for (int len = 2; len <= n; len <<= 1) {
            int stride = n / len;
            for (int i = 0; i < n; i += len)
                for (int k = 0; k < len / 2; k++) {
                    double wr = cs[k * stride], wi = sn[k * stride];
                    int a = i + k, b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr; im[b] = im[a] - xi;
                    re[a] += xr; im[a] += xi;
                }
        }
    }

    private static void bluestein(double[] re, double[] im, boolean inverse) {
        int n = re.length, m = Integer.highestOneBit(2 * n - 1) << 1;
        double sign = inverse ? 1 : -1;
        double[] cr = new double[n], ci = new double[n]; // chirp exp(sign * i pi k^2 / n)
        for (int k = 0; k < n; k++) {
            long k2 = (long) k * k % (2L * n);
            double a = sign * Math.PI * k2 / n;
            cr[k] = Math.cos(a); ci[k] = Math.sin(a);
        }
        double[] ar = new double[m], ai = new double[m], br = new double[m], bi = new double[m];
        for (int k = 0; k < n; k++) {
            ar[k] = re[k] * cr[k] - im[k] * ci[k];
            ai[k] = re[k] * ci[k] + im[k] * cr[k];
        }
        br[0] = cr[0]; bi[0] = -ci[0];
        for (int k = 1; k < n; k++) {
            br[k] = br[m - k] = cr[k];
            bi[k] = bi[m - k] = -ci[k];
        }
        radix2(ar, ai, false);
        radix2(br, bi, false);
        for (int i = 0; i < m; i++) {
            double r = ar[i] * br[i] - ai[i] * bi[i], s = ar[i] * bi[i] + ai[i] * br[i];
            ar[i] = r; ai[i] = s;
        }
        radix2(ar, ai, true);
        for (int k = 0; k < n; k++) {
            double r = ar[k] / m, s = ai[k] / m;
            re[k] = r * cr[k] - s * ci[k];
            im[k] = r * ci[k] + s * cr[k];
        }
    }
}
