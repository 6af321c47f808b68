package dev.engram.edm;

/**
 * Minimum-norm least squares min ||A c - b|| by SVD, with NumPy lstsq's default cut-off: singular values
 * below eps * max(m, p) * s_max count as zero. A (m x p, m &gt;= p) is first reduced by Householder QR, then the
 * small p x p factor R gets a one-sided Jacobi SVD, so the cost is O(m p^2) and the conditioning is A's, not
 * A^T A's.
 */
final class LeastSquares {
    private LeastSquares() {}

    /**
     * Solves in place (A and b are overwritten).
     *
     * @param a    [m x p] row-major
     * @param b    [m]
     * @param coef out: [p] solution
     * @return the singular values, descending
     */
    static double[] solve(double[] a, double[] b, int m, int p, double[] coef) {
        if (m < p) throw new IllegalArgumentException("need at least as many rows as unknowns");
        // Householder QR: afterwards the upper triangle of A holds R and b holds Q^T b.
        for (int j = 0; j < p; j++) {
            double norm = 0;
            for (int i = j; i < m; i++) norm += a[i * p + j] * a[i * p + j];
            norm = Math.sqrt(norm);
            if (norm == 0) continue;
            double alpha = a[j * p + j] > 0 ? -norm : norm;
            double v0 = a[j * p + j] - alpha;
            // v = (v0, a[j+1..m, j]); H = I - 2 v v^T / (v^T v)
            double vtv = v0 * v0 + (norm * norm - a[j * p + j] * a[j * p + j]);
            if (vtv == 0) continue;
            for (int col = j + 1; col < p; col++) {
                double s = v0 * a[j * p + col];
                for (int i = j + 1; i < m; i++) s += a[i * p + j] * a[i * p + col];
                double f = 2 * s / vtv;
                a[j * p + col] -= f * v0;
                for (int i = j + 1; i < m; i++) a[i * p + col] -= f * a[i * p + j];
            }
            double s = v0 * b[j];
            for (int i = j + 1; i < m; i++) s += a[i * p + j] * b[i];
            double f = 2 * s / vtv;
            b[j] -= f * v0;
            for (int i = j + 1; i < m; i++) b[i] -= f * a[i * p + j];
            a[j * p + j] = alpha;
        }
        double[] u = new double[p * p]; // R, upper triangular, row-major; becomes U * S by columns
        for (int i = 0; i < p; i++) for (int j = i; j < p; j++) u[i * p + j] = a[i * p + j];
        double[] v = new double[p * p];
        for (int i = 0; i < p; i++) v[i * p + i] = 1;
        jacobi(u, v, p);
        double[] s = new double[p];
        for (int j = 0; j < p; j++) {
            double n = 0;
            for (int i = 0; i < p; i++) n += u[i * p + j] * u[i * p + j];
            s[j] = Math.sqrt(n);
        }
        double smax = 0;
        for (double x : s) smax = Math.max(smax, x);
        double cut = Math.ulp(1.0) * Math.max(m, p) * smax;
        java.util.Arrays.fill(coef, 0, p, 0);
        for (int j = 0; j < p; j++) {
            if (s[j] <= cut || s[j] == 0) continue;
            double ub = 0; // (u_j / s_j) . Q^T b
            for (int i = 0; i < p; i++) ub += u[i * p + j] * b[i];
            double f = ub / (s[j] * s[j]);
            for (int i = 0; i < p; i++) coef[i] += f * v[i * p + j];
        }
        double[] sorted = s.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < p / 2; i++) { double t = sorted[i]; sorted[i] = sorted[p - 1 - i]; sorted[p - 1 - i] = t; }
        return sorted;
    }

    /** One-sided Jacobi: rotates columns of u until orthogonal, accumulating the rotations in v. */
    private static void jacobi(double[] u, double[] v, int p) {
        double eps = 1e-15;
        for (int sweep = 0; sweep < 60; sweep++) {
            boolean rotated = false;
            for (int i = 0; i < p - 1; i++)
                for (int j = i + 1; j < p; j++) {
                    double alpha = 0, beta = 0, gamma = 0;
                    for (int r = 0; r < p; r++) {
                        double x = u[r * p + i], y = u[r * p + j];
                        alpha += x * x; beta += y * y; gamma += x * y;
                    }
                    if (gamma == 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (zeta == 0) t = 1;
                    double cs = 1 / Math.sqrt(1 + t * t), sn = cs * t;
                    for (int r = 0; r < p; r++) {
                        double x = u[r * p + i], y = u[r * p + j];
                        u[r * p + i] = cs * x - sn * y;
                        u[r * p + j] = sn * x + cs * y;
                        x = v[r * p + i]; y = v[r * p + j];
                        v[r * p + i] = cs * x - sn * y;
                        v[r * p + j] = sn * x + cs * y;
                    }
                }
            if (!rotated) return;
        }
    }
}
