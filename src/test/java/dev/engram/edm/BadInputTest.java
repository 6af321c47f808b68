package dev.engram.edm;

import dev.engram.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gives a UserError naming the file, the column or option, and the fix. */
class BadInputTest {
    @TempDir Path tmp;

    Path csv(String name, String... lines) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, List.of(lines));
        return p;
    }

    static void assertMessage(Runnable r, String... parts) {
        UserError e = assertThrows(UserError.class, r::run);
        for (String part : parts) assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
    }

    static String[] series(int n, java.util.function.IntFunction<String> row) {
        String[] s = new String[n + 1];
        s[0] = "Time,x,y";
        for (int i = 1; i <= n; i++) s[i] = row.apply(i);
        return s;
    }

    PredictionConfig cfg(int E, String lib, String pred) {
        return PredictionConfig.builder().E(E).tau(-1).Tp(1).knn(0).exclusionRadius(0).lib(RowRange.parse("--lib", lib))
                .pred(RowRange.parse("--pred", pred)).build();
    }

    @Test
    void nonNumericCell() throws Exception {
        Path p = csv("bad.csv", series(50, i -> i + "," + (i == 17 ? "abc" : Math.sin(i)) + "," + Math.cos(i)));
        EdmData d = EdmCsv.read(p, false);
        assertMessage(() -> Simplex.predict(d, "x", "x", cfg(2, "1,20", "21,40")), "bad.csv", "'x'", "line 18", "abc");
        Simplex.predict(d, "y", "y", cfg(2, "1,20", "21,40")); // the clean column still works
    }

    @Test
    void missingColumn() throws Exception {
        EdmData d = EdmCsv.read(csv("a.csv", series(30, i -> i + "," + Math.sin(i) + "," + Math.cos(i))), false);
        assertMessage(() -> Simplex.predict(d, "z", "z", cfg(2, "1,10", "11,20")), "a.csv", "'z'", "[x, y]", "--columns");
    }

    @Test
    void libOrPredOutOfRange() throws Exception {
        EdmData d = EdmCsv.read(csv("b.csv", series(30, i -> i + "," + Math.sin(i) + "," + Math.cos(i))), false);
        assertMessage(() -> Simplex.predict(d, "x", "x", cfg(2, "1,20", "21,40")), "pred 21,40", "30 rows");
        assertMessage(() -> Simplex.predict(d, "x", "x", cfg(2, "1,50", "21,30")), "lib 1,50", "30 rows");
        assertMessage(() -> RowRange.parse("--lib", "0,10"), "1-based");
        assertMessage(() -> RowRange.parse("--lib", "10,5"), "start exceeds the end");
        assertMessage(() -> RowRange.parse("--pred", "1-10"), "--pred", "start,end");
        assertMessage(() -> RowRange.parseList("--lib", "1,100,201"), "--lib", "pairs");
        assertMessage(() -> PredictionConfig.builder().E(2).tau(-1).Tp(1).knn(0).exclusionRadius(0)
                .lib(RowRange.parseList("--lib", "1,100,50,200")).pred(new RowRange(201, 250)).build(),
                "ascending and disjoint");
    }

    @Test
    void embeddingTooLargeForTheData() throws Exception {
        EdmData d = EdmCsv.read(csv("c.csv", series(30, i -> i + "," + Math.sin(i) + "," + Math.cos(i))), false);
        assertMessage(() -> Simplex.predict(d, "x", "x", cfg(9, "1,10", "11,30")), "E is too large", "--E");
        assertMessage(() -> Ccm.run(d, "x", "y", CcmConfig.builder().E(2).tau(-1).Tp(0).knn(0).exclusionRadius(0).libSizes(10, 60).sample(5)
                .seed(1).sequential(false).build()), "60", "30 rows");
        assertMessage(() -> CcmConfig.builder().E(5).tau(-1).Tp(0).knn(0).exclusionRadius(0).libSizes(5)
                .sample(5).seed(1).sequential(false).build(), "below E+2");
        assertMessage(() -> PredictionConfig.builder().E(0).tau(-1).Tp(1).knn(0).exclusionRadius(0).lib(new RowRange(1, 5))
                .pred(new RowRange(6, 9)).build(), "E = 0");
        assertMessage(() -> PredictionConfig.builder().E(2).tau(0).Tp(1).knn(0).exclusionRadius(0).lib(new RowRange(1, 5))
                .pred(new RowRange(6, 9)).build(), "tau = 0");
    }

    @Test
    void severalColumnsNeedEmbedded() throws Exception {
        EdmData d = EdmCsv.read(csv("h.csv", series(30, i -> i + "," + Math.sin(i) + "," + Math.cos(i))), false);
        assertMessage(() -> Simplex.predict(d, List.of("x", "y"), "x", cfg(2, "1,10", "11,30")), "[x, y]", "--embedded");
        PredictionConfig emb = PredictionConfig.builder().E(1).tau(-1).Tp(1).knn(0).exclusionRadius(0)
                .lib(RowRange.parseList("--lib", "1,20")).pred(new RowRange(21, 30)).embedded(true).build();
        assertMessage(() -> Sweeps.embedDimension(d, List.of("x", "y"), "x", emb, 3), "--embedded");
    }

    @Test
    void constantSeriesAndNaN() throws Exception {
        EdmData d = EdmCsv.read(csv("d.csv", series(30, i -> i + ",3.5," + (i == 12 ? "NaN" : Double.toString(Math.cos(i))))), false);
        assertMessage(() -> Simplex.predict(d, "x", "x", cfg(2, "1,10", "11,30")), "d.csv", "'x'", "constant");
        assertMessage(() -> Simplex.predict(d, "y", "y", cfg(2, "1,10", "11,30")), "d.csv", "'y'", "NaN", "row 12");
    }

    @Test
    void malformedFiles() throws Exception {
        assertMessage(() -> EdmCsv.read(tmp.resolve("none.csv"), false), "none.csv", "no such file");
        Path e = csv("e.csv"), f = csv("f.csv", "Time,x", "1,2", "2"), g = csv("g.csv", "Time,x", "a,2", "b,3");
        assertMessage(() -> EdmCsv.read(e, false), "e.csv", "empty");
        assertMessage(() -> EdmCsv.read(f, false), "f.csv", "line 3", "1 cells");
        assertMessage(() -> EdmCsv.read(g, false), "g.csv", "time column", "--no-time");
        assertMessage(() -> SurrogateMethod.parse("fourier"), "shuffle, ebisuzaki or seasonal");
        assertMessage(() -> CcmConfig.parseLibSizes("10,x,5"), "--lib-sizes");
    }
}
