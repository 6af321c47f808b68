package dev.engram.edm;

import java.util.List;

/** Observed columns used directly as state coordinates (pyEDM's embedded = True): no lags, every row complete. */
public final class ColumnSpace implements StateSpace {
    private final double[][] columns; // [dimension][rows]
    private final List<String> names;

    public ColumnSpace(List<String> names, List<double[]> columns) {
        if (names.size() != columns.size() || names.isEmpty()) throw new IllegalArgumentException("one name per column");
        this.names = List.copyOf(names);
        this.columns = columns.toArray(double[][]::new);
    }

    @Override public int dimension() { return columns.length; }

    @Override public int rows() { return columns[0].length; }

    @Override public boolean isComplete(int row) { return row >= 0 && row < rows(); }

    @Override public void vector(int row, double[] out, int offset) {
        for (int j = 0; j < columns.length; j++) out[offset + j] = columns[j][row];
    }

    @Override public List<String> coordinateNames() { return names; }
}
