package dev.engram.edm;

import dev.engram.core.UserError;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * CCM between every ordered pair of many series, in parallel over the library series: each series' neighbours
 * are found once and serve all targets and all their surrogates. Entry [i][j] is i:j, the skill of estimating
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
        double[][] rho = new double[n][n], p = new double[n][n];
        IntStream.range(0, n).parallel().forEach(i -> {
            CrossMapper m = CcmSignificance.mapper(series.get(i), s, false);
            for (int j = 0; j < n; j++) {
                if (i == j) { rho[i][j] = p[i][j] = Double.NaN; continue; }
                // The seed depends on the target only, so every library series faces the same surrogates of j.
                CcmSignificance.Settings sj = new CcmSignificance.Settings(s.E(), s.tau(), s.Tp(), s.exclusionRadius(),
                        s.method(), s.surrogates(), s.period(), s.seed() * 1_000_003L + j);
                CcmSignificance.Result r = CcmSignificance.test(m, series.get(j), sj, false);
                rho[i][j] = r.rho();
                p[i][j] = r.pValue();
            }
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
