package dev.engram.io;

import dev.engram.core.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A numeric matrix in CSV: comma-separated rows of equal length, an optional header row (recognized when its
 * first field is not a number), blank lines ignored. "nan"/"NaN" parse as NaN so callers can report them with
 * context. Bounded by {@link #MAX_VALUES}.
 */
public final class CsvMatrix {
    public static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private CsvMatrix() {}

    /** Rows x columns, row-major, with the header's names (or null). */
    public record Matrix(int rows, int cols, float[] values, List<String> header) {}

    public static Matrix read(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<float[]> rows = new ArrayList<>();
            List<String> header = null;
            int cols = -1;
            long total = 0;
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] parts = line.split(",", -1);
                if (rows.isEmpty() && header == null && !isNumber(parts[0].strip())) {
                    header = new ArrayList<>();
                    for (String p : parts) header.add(p.strip());
                    cols = parts.length;
                    continue;
                }
                if (cols < 0) cols = parts.length;
                if (parts.length != cols)
                    throw new UserError(file + ": line " + lineNo + " has " + parts.length + " fields, expected " + cols + " (every row needs the same number of columns)");
                float[] row = new float[cols];
                for (int j = 0; j < cols; j++) {
                    String p = parts[j].strip();
                    try {
                        row[j] = Float.parseFloat(p.equalsIgnoreCase("nan") ? "NaN" : p);
                    } catch (NumberFormatException e) {
                        throw new UserError(file + ": line " + lineNo + ", column " + (j + 1) + ": '" + p + "' is not a number");
                    }
                }
                total += cols;
                if (total > MAX_VALUES) throw new UserError(file + ": more than " + MAX_VALUES + " values; use a .npy file");
                rows.add(row);
            }
            if (rows.isEmpty()) throw new UserError(file + ": no numeric rows");
            float[] v = new float[rows.size() * cols];
            for (int i = 0; i < rows.size(); i++) System.arraycopy(rows.get(i), 0, v, i * cols, cols);
            return new Matrix(rows.size(), cols, v, header);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isNumber(String s) {
        if (s.equalsIgnoreCase("nan")) return true;
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
