package dev.engram.edm;

import dev.engram.core.UserError;

import java.util.List;

/**
 * A table of time series: a time vector and named numeric columns, all of the same length.
 * Columns are fetched by name through {@link #series(String)}, which rejects the values EDM cannot use
 * (unparsable cells, NaN, constant series) with a message naming the source, the column and the fix.
 *
 * @param source    where the table came from (a file name), for error messages
 * @param time      one time value per row (the first CSV column, or 1..N with --no-time)
 * @param names     column names, in file order (time column excluded)
 * @param columns   columns[c][row]; NaN where a cell was empty or not a number
 * @param badCells  per column, a description of the first cell that was not a number, or null
 */
public record EdmData(String source, double[] time, List<String> names, double[][] columns, String[] badCells) {

    public EdmData {
        names = List.copyOf(names);
        if (columns.length != names.size()) throw new IllegalArgumentException("one column per name");
        for (double[] c : columns)
            if (c.length != time.length) throw new IllegalArgumentException("columns must have the time's length");
        if (badCells == null) badCells = new String[columns.length];
    }

    /** A table built in code (simulations, tests): time is 1..N. */
    public static EdmData of(String source, List<String> names, double[]... columns) {
        int n = columns.length == 0 ? 0 : columns[0].length;
        double[] time = new double[n];
        for (int i = 0; i < n; i++) time[i] = i + 1;
        return new EdmData(source, time, names, columns, null);
    }

    public int rows() { return time.length; }

    /** The raw column, NaN included; throws if the name is unknown. */
    public double[] raw(String name) {
        int c = names.indexOf(name);
        if (c < 0)
            throw new UserError(source + ": no column named '" + name + "'; the columns are " + names
                    + " (the first CSV column is the time unless --no-time). Fix --columns/--target.");
        return columns[c];
    }

    /** A column ready for EDM: every cell a finite number and not all equal. */
    public double[] series(String name) {
        double[] x = raw(name);
        int c = names.indexOf(name);
        if (badCells[c] != null)
            throw new UserError(source + ": column '" + name + "' has a non-numeric cell (" + badCells[c]
                    + "); EDM needs numbers in every row: fix or remove that row.");
        for (int i = 0; i < x.length; i++)
            if (!Double.isFinite(x[i]))
                throw new UserError(source + ": column '" + name + "' is " + x[i] + " at data row " + (i + 1)
                        + "; EDM needs a complete series: interpolate or cut the gap, then choose lib/pred around it.");
        boolean constant = true;
        for (int i = 1; i < x.length && constant; i++) constant = x[i] == x[0];
        if (constant)
            throw new UserError(source + ": column '" + name + "' is constant (" + (x.length == 0 ? "empty" : x[0])
                    + "); delay embedding and correlation are undefined for it: choose another column.");
        return x;
    }
}
