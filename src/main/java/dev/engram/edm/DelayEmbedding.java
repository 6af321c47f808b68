package dev.engram.edm;

/**
 * Time-delay embedding of one series: the vector at row t is (x[t], x[t+tau], ..., x[t+(E-1)tau]).
 * Vectors are computed on demand, so memory stays at the series itself (10^5 rows need no N x E copy
 * beyond the neighbour index built over the library).
 */
public final class DelayEmbedding {
    private final double[] x;
    private final int E;
    private final int tau;

    public DelayEmbedding(double[] x, int E, int tau) {
        if (E < 1 || tau == 0) throw new IllegalArgumentException("E >= 1 and tau != 0");
        this.x = x;
        this.E = E;
        this.tau = tau;
    }

    public int dimension() { return E; }

    public int rows() { return x.length; }

    /** True when every coordinate of the vector at {@code row} (0-based) lies inside the series. */
    public boolean isComplete(int row) {
        int last = row + (E - 1) * tau;
        return row >= 0 && row < x.length && last >= 0 && last < x.length;
    }

    /** Writes the vector at {@code row} (0-based) into {@code out[offset..offset+E)}. */
    public void vector(int row, double[] out, int offset) {
        for (int j = 0; j < E; j++) out[offset + j] = x[row + j * tau];
    }

    /** The vectors of {@code rows}, packed row-major (rows.length x E). */
    public double[] pack(int[] rows) {
        double[] out = new double[rows.length * E];
        for (int i = 0; i < rows.length; i++) vector(rows[i], out, i * E);
        return out;
    }

    /** Column names as pyEDM's Embed: name(t-0), name(t-1), ... for tau = -1. */
    public static String[] columnNames(String name, int E, int tau) {
        String[] n = new String[E];
        for (int j = 0; j < E; j++) {
            int lag = j * Math.abs(tau);
            n[j] = name + (tau < 0 ? "(t-" + lag + ")" : "(t+" + lag + ")");
        }
        return n;
    }
}
