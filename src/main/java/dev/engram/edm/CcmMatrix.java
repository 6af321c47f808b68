package dev.engram.edm;

import dev.engram.core.UserError;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * CCM between every ordered pair of many series, in parallel: each series' neighbours are found once, and each
 * surrogate of a target is generated once and cross-mapped from every other series (the same surrogates for
 * every library series, the same p-value definition as {@link CcmSignificance}). Entry [i][j] is i:j, the skill of estimating
 * series j from the embedding of series i (high and significant: j drives i).
 *
 * @param names  series names
 * @param rho    rho[i][j] full-library skill of i:j (NaN on the diagonal)
 * @param pValue pValue[i][j] against surrogates of j
 */
public record CcmMatrix(List<String> names, double[][] rho, double[][] pValue) {

    public static CcmMatrix run(List<String> names, List<double[]> series, CcmSignificance.Settings s) {
        int n = names.size();
        if (n < 2) throw new UserError("a CCM matrix needs at least two series; give more --columns.");
        // Every series' neighbours once (k per row: small next to the series themselves).
        CrossMapper[] mappers = IntStream.range(0, n).parallel()
                .mapToObj(i -> CcmSignificance.mapper(series.get(i), s, false)).toArray(CrossMapper[]::new);
        double[][] rho = new double[n][n], p = new double[n][n];
        // Per target j: each surrogate of j is generated once and cross-mapped from every other series.
        IntStream.range(0, n).parallel().forEach(j -> {
            double[] y = series.get(j);
            int[] atLeast = new int[n];
            for (int i = 0; i < n; i++) rho[i][j] = i == j ? Double.NaN : mappers[i].rho(y);
            SplittableRandom root = new SplittableRandom(s.seed() * 1_000_003L + j);
            for (int k = 0; k < s.surrogates(); k++) {
                double[] surrogate = s.method().generate(y, s.period(), root.split());
                for (int i = 0; i < n; i++)
                    if (i != j && !(mappers[i].rho(surrogate) < rho[i][j])) atLeast[i]++;
            }
            for (int i = 0; i < n; i++) p[i][j] = i == j ? Double.NaN : (1.0 + atLeast[i]) / (1.0 + s.surrogates());
        });
        return new CcmMatrix(List.copyOf(names), rho, p);
    }

    /** Writes ccm_rho.csv, ccm_pvalue.csv (rows: library series, columns: target) and ccm_pairs.csv into dir. */
    public void write(Path dir, double alpha) {
        try {
            Files.createDirectories(dir);
            writeMatrix(dir.resolve("ccm_rho.csv"), rho);
            writeMatrix(dir.resolve("ccm_pvalue.csv"), pValue);
            List<String> lines = new ArrayList<>();
            lines.add("library,target,rho,p_value,significant");
            for (int i = 0; i < names.size(); i++)
                for (int j = 0; j < names.size(); j++)
                    if (i != j)
                        lines.add(names.get(i) + "," + names.get(j) + "," + EdmCsv.format(rho[i][j]) + ","
                                + EdmCsv.format(pValue[i][j]) + "," + (pValue[i][j] <= alpha));
            Files.write(dir.resolve("ccm_pairs.csv"), lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(dir + ": cannot write the CCM matrix (" + e.getMessage() + "); check --out.", e);
        }
    }

    private void writeMatrix(Path file, double[][] m) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("library," + String.join(",", names));
            w.newLine();
            for (int i = 0; i < names.size(); i++) {
                StringBuilder sb = new StringBuilder(names.get(i));
                for (int j = 0; j < names.size(); j++) sb.append(',').append(EdmCsv.format(m[i][j]));
                w.write(sb.toString());
                w.newLine();
            }
        }
    }
}
