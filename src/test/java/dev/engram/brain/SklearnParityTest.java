package dev.engram.brain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.engram.linalg.EncodingModel;
import dev.engram.linalg.NativeBlas;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `engram brain score` against scikit-learn (StandardScaler, RidgeCV(alpha_per_target=True), contiguous KFold,
 * Pearson r, PCA forecast windows): tools/reference/brain/sklearn_score.py wrote the data and the expected
 * scores in src/test/resources/brain/parity. Tolerance 1e-3 in r per voxel.
 */
class SklearnParityTest {
    static final double TOL = 1e-3;
    @TempDir Path tmp;

    @BeforeAll static void blas() { assumeTrue(NativeBlas.available(), "no OpenBLAS (apt-get install -y libopenblas0-pthread)"); }

    static Path res(String name) {
        try {
            return Path.of(SklearnParityTest.class.getResource("/brain/parity/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ScoreConfig config(Integer from, Integer to, int window, int delays) {
        return ScoreConfig.builder().features(res("features.npy")).words(res("align.csv")).bold(List.of(res("bold.npy"))).tr(1.5)
                .delays(delays).forecastFrom(from).forecastTo(to).window(window).alphas(EncodingModel.logspace(-1, 8, 10)).innerFolds(0)
                .folds(5).bootstrap(0).permutations(0).seed(1).threads(1).build();
    }

    static Map<String, Double> csv(Path p, int keyCols, int valueCol) throws IOException {
        Map<String, Double> m = new HashMap<>();
        List<String> lines = Files.readAllLines(p);
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            StringBuilder k = new StringBuilder();
            for (int i = 0; i < keyCols; i++) k.append(Integer.parseInt(f[i].strip())).append('/');
            m.put(k.toString(), Double.parseDouble(f[valueCol]));
        }
        return m;
    }

    static double maxDiff(Map<String, Double> want, Map<String, Double> got) {
        double max = 0;
        for (var e : want.entrySet()) {
            assertTrue(got.containsKey(e.getKey()), "missing " + e.getKey());
            max = Math.max(max, Math.abs(e.getValue() - got.get(e.getKey())));
        }
        return max;
    }

    @Test void scoresMatchSklearnSvdMode() throws IOException {
        Path out = tmp.resolve("run");
        BrainScore.run(config(null, null, 1, 6), out);
        double d = maxDiff(csv(res("expected_scores.csv"), 1, 1), csv(out.resolve("scores.csv"), 1, 1));
        assertTrue(d < TOL, "max |r - r_sklearn| = " + d);
    }

    @Test void scoresMatchSklearnEigenMode() throws IOException {
        Path out = tmp.resolve("run30");
        BrainScore.run(config(null, null, 1, 30), out);
        double d = maxDiff(csv(res("expected_scores_delays30.csv"), 1, 1), csv(out.resolve("scores.csv"), 1, 1));
        assertTrue(d < TOL, "max |r - r_sklearn| (30 delays, p > n) = " + d);
    }

    @Test void forecastMatchesSklearnWithPcaWindows() throws IOException {
        Path out = tmp.resolve("fc");
        BrainScore.run(config(0, 5, 2, 6), out);
        Map<String, Double> want = csv(res("expected_forecast.csv"), 2, 2), got = csv(out.resolve("forecast.csv"), 2, 2);
        got.keySet().retainAll(want.keySet()); // the reference scored d = 0, 3, 5
        assertEquals(want.size(), got.size());
        double d = maxDiff(want, got);
        assertTrue(d < TOL, "max |r(d) - r_sklearn(d)| = " + d);
        assertTrue(Files.exists(out.resolve("peaks.csv")) && Files.exists(out.resolve("report.html")));
    }
}
