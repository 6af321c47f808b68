package dev.engram.edm;

import java.util.List;

/**
 * State vectors indexed by data row: a delay embedding of one series ({@link DelayEmbedding}) or several
 * observed columns used as coordinates as they are ({@link ColumnSpace}, pyEDM's embedded = True).
 * Implementations are immutable, so searches may read them from many threads.
 */
public interface StateSpace {
    /** Coordinates per vector. */
    int dimension();

    /** Data rows. */
    int rows();

    /** True when every coordinate of the vector at {@code row} (0-based) exists. */
    boolean isComplete(int row);

    /** Writes the vector at {@code row} into {@code out[offset..offset+dimension)}. */
    void vector(int row, double[] out, int offset);

    /** Coordinate names, as pyEDM names its embedding columns (x(t-0), x(t-1), ... or the column names). */
    List<String> coordinateNames();

    /** The vectors of {@code rows}, packed row-major (rows.length x dimension). */
    default double[] pack(int[] rows) {
        int E = dimension();
        double[] out = new double[rows.length * E];
        for (int i = 0; i < rows.length; i++) vector(rows[i], out, i * E);
        return out;
    }
}
