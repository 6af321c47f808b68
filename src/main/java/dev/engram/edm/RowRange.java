package dev.engram.edm;

import dev.engram.core.UserError;

/**
 * A 1-based, inclusive range of data rows, as pyEDM's {@code lib} and {@code pred} pairs.
 *
 * @param start first row, 1-based
 * @param end   last row, inclusive
 */
public record RowRange(int start, int end) {
    public RowRange {
        if (start < 1 || end < 1) throw new UserError("row range " + start + "," + end + ": rows are 1-based; use 1 or more.");
        if (start > end) throw new UserError("row range " + start + "," + end + ": the start exceeds the end; give start,end.");
    }

    /** Parses "start,end" (an option value); {@code what} names the option in messages. */
    public static RowRange parse(String what, String text) {
        String[] p = text.split(",");
        if (p.length != 2) throw new UserError(what + " '" + text + "': give two row numbers, start,end (1-based, inclusive).");
        try {
            return new RowRange(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
        } catch (NumberFormatException e) {
            throw new UserError(what + " '" + text + "': not integers; give start,end such as 1,500.");
        }
    }

    /** Parses "start,end[,start,end...]": one or more segments (for a disjoint library). */
    public static java.util.List<RowRange> parseList(String what, String text) {
        String[] p = text.split(",");
        if (p.length < 2 || p.length % 2 != 0)
            throw new UserError(what + " '" + text + "': give start,end pairs (1-based, inclusive), e.g. 1,500 or 1,100,201,300.");
        java.util.List<RowRange> out = new java.util.ArrayList<>();
        for (int i = 0; i < p.length; i += 2) out.add(parse(what, p[i].trim() + "," + p[i + 1].trim()));
        return out;
    }

    public int size() { return end - start + 1; }

    /** Fails unless the range lies within {@code rows} data rows. */
    public void checkWithin(String what, int rows, String source) {
        if (end > rows)
            throw new UserError(what + " " + start + "," + end + " runs past the " + rows + " rows of " + source
                    + "; the last row is " + rows + ".");
    }

    @Override public String toString() { return start + "," + end; }
}
