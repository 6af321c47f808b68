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
        return new PredictionConfig(E, -1, 1, 0, 0, RowRange.parse("--lib", lib), RowRange.parse("--pred", pred));
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
        assertMessage(() -> new PredictionConfig(2, -1, 1, 0, 0, RowRange.parseList("--lib", "1,100,50,200"), new RowRange(201, 250)),
                "ascending and disjoint");
    }

    @Test
    void embeddingTooLargeForTheData() throws Exception {
        EdmData d = EdmCsv.read(csv("c.csv", series(30, i -> i + "," + Math.sin(i) + "," + Math.cos(i))), false);
        assertMessage(() -> Simplex.predict(d, "x", "x", cfg(9, "1,10", "11,30")), "E is too large", "--E");
        assertMessage(() -> Ccm.run(d, "x", "y", new CcmConfig(2, -1, 0, 0, 0, new int[]{10, 60}, 5, 1, false)), "60", "30 rows");
        assertMessage(() -> new CcmConfig(5, -1, 0, 0, 0, new int[]{5}, 5, 1, false), "below E+2");
        assertMessage(() -> new PredictionConfig(0, -1, 1, 0, 0, new RowRange(1, 5), new RowRange(6, 9)), "E = 0");
        assertMessage(() -> new PredictionConfig(2, 0, 1, 0, 0, new RowRange(1, 5), new RowRange(6, 9)), "tau = 0");
    }

    @Test
    void severalColumnsNeedEmbedded() throws Exception {
        EdmData d = EdmCsv.read(csv("h.csv", series(30, i -> i + "," + Math.sin(i) + "," + Math.cos(i))), false);
        assertMessage(() -> Simplex.predict(d, List.of("x", "y"), "x", cfg(2, "1,10", "11,30")), "[x, y]", "--embedded");
        PredictionConfig emb = new PredictionConfig(1, -1, 1, 0, 0, RowRange.parseList("--lib", "1,20"), new RowRange(21, 30), true);
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
