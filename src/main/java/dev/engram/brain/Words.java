package dev.engram.brain;

import dev.engram.core.AtomicFiles;
import dev.engram.core.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A word-aligned story: gentle/Narratives {@code align.csv} rows {@code word,aligned,onset,offset} (no header;
 * the aligned column may be absent: {@code word,onset,offset}; a header row is skipped). Quoted fields are
 * allowed. Words that gentle could not align have empty onset/offset; they are kept (so word i is feature
 * row i) and timed as the authors' brainscore code does (see {@link #fillByPosition}).
 */
public record Words(List<String> words, double[] onsets, double[] offsets, int interpolated) {
    public Words {
        if (words.size() != onsets.length || onsets.length != offsets.length) throw new IllegalArgumentException("lengths differ");
    }

    public int size() { return words.size(); }

    public static Words read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        List<String> w = new ArrayList<>();
        List<Double> on = new ArrayList<>(), off = new ArrayList<>();
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            if (line.isBlank()) continue;
            List<String> f = split(line);
            if (f.size() != 3 && f.size() != 4)
                throw new UserError(file + ": line " + (ln + 1) + " has " + f.size() + " fields; expected word,aligned,onset,offset (gentle) or word,onset,offset");
            String onS = f.get(f.size() - 2).strip(), offS = f.get(f.size() - 1).strip();
            if (w.isEmpty() && on.isEmpty() && !onS.isEmpty() && !isNumber(onS)) continue; // header
            double a = Double.NaN, b = Double.NaN;
            try {
                if (!onS.isEmpty()) a = Double.parseDouble(onS);
                if (!offS.isEmpty()) b = Double.parseDouble(offS);
            } catch (NumberFormatException e) {
                throw new UserError(file + ": line " + (ln + 1) + ": onset/offset '" + onS + "', '" + offS + "' are not numbers (seconds)");
            }
            if (!Double.isNaN(a) && (a < 0 || !Double.isFinite(a))) throw new UserError(file + ": line " + (ln + 1) + ": onset " + a + " is negative or not finite");
            if (!Double.isNaN(a) && !Double.isNaN(b) && b < a) throw new UserError(file + ": line " + (ln + 1) + ": offset " + b + " is before onset " + a);
            w.add(f.get(0).strip());
            on.add(a);
            off.add(Double.isNaN(b) ? a : b);
        }
        if (w.isEmpty()) throw new UserError(file + ": no words");
        int n = w.size();
        double[] onsets = new double[n], offsets = new double[n];
        int timed = 0;
        for (int i = 0; i < n; i++) { onsets[i] = on.get(i); offsets[i] = off.get(i); if (!Double.isNaN(onsets[i])) timed++; }
        if (timed == 0) throw new UserError(file + ": no word has an onset; align the transcript first (e.g. with gentle)");
        int interp = n - timed;
        fillByPosition(onsets, on);
        fillByPosition(offsets, off);
        for (int i = 1; i < n; i++)
            if (onsets[i] < onsets[i - 1] - 1e-9)
                throw new UserError(file + ": word " + (i + 1) + " ('" + w.get(i) + "') starts at " + onsets[i] + " s, before the previous word (" + onsets[i - 1] + " s); onsets must not decrease");
        return new Words(List.copyOf(w), onsets, offsets, interp);
    }

    /**
     * Fills the untimed entries of one column (NaN in {@code raw}) as pandas' {@code DataFrame.interpolate()} does in
     * the authors' brainscore code: linearly by position between the timed neighbours, the last timed value after the
     * last timed word; before the first timed word (pandas leaves NaN there) the first timed value.
     */
    private static void fillByPosition(double[] v, List<Double> raw) {
        int n = v.length, prev = -1;
        for (int i = 0; i <= n; i++) {
            if (i < n && Double.isNaN(raw.get(i))) continue;
            for (int k = prev + 1; k < i && k < n; k++) {
                if (prev < 0) v[k] = raw.get(i);
                else if (i >= n) v[k] = raw.get(prev);
                else v[k] = raw.get(prev) + (raw.get(i) - raw.get(prev)) * (k - prev) / (i - prev);
            }
            prev = i;
        }
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** CSV fields with "double-quote" quoting. */
    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { cur.append('"'); i++; }
                else if (c == '"') q = false;
                else cur.append(c);
            } else if (c == '"') q = true;
            else if (c == ',') { out.add(cur.toString()); cur.setLength(0); }
            else cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }

    /** Writes gentle's four-column form. */
    public void write(Path file) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size(); i++) {
            String word = words.get(i);
            String q = word.contains(",") || word.contains("\"") ? "\"" + word.replace("\"", "\"\"") + "\"" : word;
            sb.append(q).append(',').append(q.toLowerCase(Locale.ROOT)).append(',')
                    .append(String.format(Locale.ROOT, "%.3f,%.3f%n", onsets[i], offsets[i]));
        }
        AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
