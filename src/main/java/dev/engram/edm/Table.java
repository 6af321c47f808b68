package dev.engram.edm;

import java.nio.file.Path;
import java.util.List;

/** A result table: named numeric columns of equal length, written as CSV. */
public record Table(List<String> header, double[][] columns) {
    public Table {
        header = List.copyOf(header);
        if (header.size() != columns.length) throw new IllegalArgumentException("one column per header name");
    }

    public static Table of(List<String> header, double[]... columns) { return new Table(header, columns); }

    public double[] column(String name) {
        int i = header.indexOf(name);
        if (i < 0) throw new IllegalArgumentException("no column " + name + " in " + header);
        return columns[i];
    }

    public int rows() { return columns.length == 0 ? 0 : columns[0].length; }

    public void write(Path file) { EdmCsv.write(file, header, columns); }
}
