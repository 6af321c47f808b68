package dev.engram.edm;

import dev.engram.core.UserError;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads EDM input tables (CSV with a header) and writes result tables (NaN written as {@code NaN}). */
public final class EdmCsv {
    private EdmCsv() {}

    /**
     * Reads a CSV with a header. With {@code noTime} every column is data and time is 1..N; otherwise the
     * first column is the time and must be numeric. Cells that do not parse are kept as NaN and remembered,
     * so only the columns actually used are rejected.
     */
    public static EdmData read(Path file, boolean noTime) {
        if (!Files.isRegularFile(file)) throw new UserError(file + ": no such file; check --data.");
        List<String> header;
        List<double[]> rows = new ArrayList<>();
        String[] bad;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = in.readLine();
            if (line == null) throw new UserError(file + ": the file is empty; EDM needs a CSV with a header row.");
            if (line.startsWith("\uFEFF")) line = line.substring(1);
            header = Arrays.stream(line.split(",", -1)).map(s -> unquote(s.trim())).toList();
            int width = header.size();
            int first = noTime ? 0 : 1;
            if (width - first < 1)
                throw new UserError(file + ": the header has no data column after the time column; add columns or use --no-time.");
            bad = new String[width];
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] cells = line.split(",", -1);
                if (cells.length != width)
                    throw new UserError(file + ": line " + lineNo + " has " + cells.length + " cells but the header has "
                            + width + "; every row needs one value per column.");
                double[] r = new double[width];
                for (int c = 0; c < width; c++) {
                    String s = unquote(cells[c].trim());
                    r[c] = parse(s);
                    if (Double.isNaN(r[c]) && !isNanToken(s) && bad[c] == null)
                        bad[c] = "line " + lineNo + ": '" + s + "'";
                }
                rows.add(r);
            }
            if (!noTime && bad[0] != null)
                throw new UserError(file + ": the time column '" + header.get(0) + "' is not numeric (" + bad[0]
                        + "); give numeric times or pass --no-time to use row numbers.");
            int n = rows.size();
            if (n == 0) throw new UserError(file + ": the file has a header but no data rows.");
            double[] time = new double[n];
            double[][] cols = new double[width - first][n];
            for (int i = 0; i < n; i++) {
                double[] r = rows.get(i);
                time[i] = noTime ? i + 1 : r[0];
                for (int c = first; c < width; c++) cols[c - first][i] = r[c];
            }
            return new EdmData(file.toString(), time, header.subList(first, width), cols,
                    Arrays.copyOfRange(bad, first, width));
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static boolean isNanToken(String s) {
        return s.isEmpty() || s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("na");
    }

    private static double parse(String s) {
        if (isNanToken(s)) return Double.NaN;
        try {
            return Double.parseDouble(s); // correctly rounded, like numpy/pandas' parser
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Formats a number so that it reads back exactly; NaN as {@code NaN}, integral values without ".0". */
    public static String format(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }

    /** Writes header and columns atomically (temp file, then rename), creating parent directories. */
    public static void write(Path file, List<String> header, double[]... columns) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".edm", ".csv.tmp");
            try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                out.write(String.join(",", header));
                out.newLine();
                int n = columns.length == 0 ? 0 : columns[0].length;
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    sb.setLength(0);
                    for (int c = 0; c < columns.length; c++) {
                        if (c > 0) sb.append(',');
                        sb.append(format(columns[c][i]));
                    }
                    out.write(sb.toString());
                    out.newLine();
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write (" + e.getMessage() + "); check --out.", e);
        }
    }
}
