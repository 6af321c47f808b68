package dev.engram.edm;

/**
 * Time-delay embedding of one series: the vector at row t is (x[t], x[t+tau], ..., x[t+(E-1)tau]).
 * Vectors are computed on demand, so memory stays at the series itself (10^5 rows need no N x E copy
 * beyond the neighbour index built over the library).
 */
public final class DelayEmbedding implements StateSpace {
    private final double[] x;
    private final int E;
    private final int tau;
    private final String name;

    public DelayEmbedding(double[] x, int E, int tau) { this(x, E, tau, "x"); }

    /** @param name the series' name, for coordinate names such as name(t-1) */
    public DelayEmbedding(double[] x, int E, int tau, String name) {
        if (E < 1 || tau == 0) throw new IllegalArgumentException("E >= 1 and tau != 0");
        this.x = x;
        this.E = E;
        this.tau = tau;
        this.name = name;
    }

    @Override public int dimension() { return E; }

    @Override public int rows() { return x.length; }

    @Override public java.util.List<String> coordinateNames() { return java.util.List.of(columnNames(name, E, tau)); }

    /** True when every coordinate of the vector at {@code row} (0-based) lies inside the series. */
    @Override public boolean isComplete(int row) { return isComplete(row, x.length, E, tau); }

    /** As {@link #isComplete(int)} for a series of {@code rows} rows, without the series. */
    static boolean isComplete(int row, int rows, int E, int tau) {
        int last = row + (E - 1) * tau;
        return row >= 0 && row < rows && last >= 0 && last < rows;
    }

    /** Writes the vector at {@code row} (0-based) into {@code out[offset..offset+E)}. */
    @Override public void vector(int row, double[] out, int offset) {
        for (int j = 0; j < E; j++) out[offset + j] = x[row + j * tau];
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
