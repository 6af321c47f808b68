package dev.engram.edm;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small cases whose expected values are derived by hand from the definitions. */
class HandComputedTest {
    static final double[] X = {0.0, 1.0, 0.5, 2.0, 1.5, 3.0, 2.5, 4.0};

    @Test
    void simplexE1ByHandWithTheOutputLayout() {
        // E=1, Tp=1, lib 1..6 -> library rows 0..4 (the last row's target would leave lib), pred rows 6,7.
        EdmData d = EdmData.of("hand", List.of("x"), X);
        Forecast f = Simplex.predict(d, "x", "x", PredictionConfig.builder().E(1).tau(-1).Tp(1).knn(0).exclusionRadius(0)
                .lib(new RowRange(1, 6)).pred(new RowRange(7, 8)).build());
        // Row 6 (2.5): nearest library values 2.0 (row 3, d 0.5) and 1.5 (row 4, d 1.0); targets x[4]=1.5, x[5]=3.0.
        double w1 = Math.exp(-0.5 / 0.5), w2 = Math.exp(-1.0 / 0.5);
        double p6 = (w1 * 1.5 + w2 * 3.0) / (w1 + w2);
        double v6 = (w1 * (1.5 - p6) * (1.5 - p6) + w2 * (3.0 - p6) * (3.0 - p6)) / (w1 + w2);
        // Row 7 (4.0): nearest 2.0 (d 2) and 1.5 (d 2.5); d_min = 2.
        double u1 = Math.exp(-1), u2 = Math.exp(-2.5 / 2);
        double p7 = (u1 * 1.5 + u2 * 3.0) / (u1 + u2);
        assertArrayEquals(new double[]{7, 8, 9}, f.time(), 0);          // one extrapolated time past the data
        assertArrayEquals(new double[]{2.5, 4.0, Double.NaN}, f.observations(), 0);
        assertTrue(Double.isNaN(f.predictions()[0]));                   // nothing predicts the first row
        assertEquals(p6, f.predictions()[1], 1e-15);
        assertEquals(v6, f.variance()[1], 1e-15);
        assertEquals(p7, f.predictions()[2], 1e-15);
    }

    @Test
    void simplexExactMatchUsesTheMinimumDistanceFloor() {
        // The query equals a library vector: d_min = 1e-6 makes that neighbour dominate completely.
        double[] x = {0, 1, 2, 0, 1, 2, 0, 1};
        EdmData d = EdmData.of("hand", List.of("x"), x);
        Forecast f = Simplex.predict(d, "x", "x", PredictionConfig.builder().E(1).tau(-1).Tp(1).knn(0).exclusionRadius(0)
                .lib(new RowRange(1, 6)).pred(new RowRange(7, 8)).build());
        assertEquals(1.0, f.predictions()[1], 1e-12); // x=0 at row 6: library rows 0 and 3 (x=0) both lead to 1
    }

    @Test
    void smapRecoversAnExactlyLinearMapAtAnyTheta() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 200;
        double[] x = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) x[i] = rng.nextDouble();
        for (int i = 1; i < n; i++) y[i] = 1 + 2 * x[i] - 0.5 * x[i - 1];
        y[0] = 0.3;
        EdmData d = EdmData.of("linear", List.of("x", "y"), x, y);
        for (double theta : new double[]{0, 1, 4}) {
            Forecast f = SMap.predict(d, "x", "y", PredictionConfig.builder().E(2).tau(-1).Tp(0).knn(0).exclusionRadius(0)
                    .lib(new RowRange(1, 150)).pred(new RowRange(151, 200)).build(), theta);
            for (int r = 0; r < f.time().length; r++) {
                assertEquals(f.observations()[r], f.predictions()[r], 1e-10);
                assertEquals(1, f.coefficients()[0][r], 1e-9);
                assertEquals(2, f.coefficients()[1][r], 1e-9);
                assertEquals(-0.5, f.coefficients()[2][r], 1e-9);
            }
            assertEquals(List.of("C0", "∂y/∂x(t-0)", "∂y/∂x(t-1)"), f.coefficientNames());
        }
    }

    @Test
    void smapGivesNaNWhenTheExclusionRadiusLeavesTooFewNeighbours() {
        double[] x = new double[40];
        for (int i = 0; i < 40; i++) x[i] = Math.sin(0.7 * i);
        EdmData d = EdmData.of("short", List.of("x"), x);
        // Radius 36: row 20 (0-based) has no library row farther than 36 rows away, row 39 has rows 1 and 2 only.
        Forecast f = SMap.predict(d, "x", "x", PredictionConfig.builder().E(2).tau(-1).Tp(0).knn(3).exclusionRadius(36)
                .lib(new RowRange(1, 40)).pred(new RowRange(1, 40)).build(), 1);
        assertTrue(Double.isNaN(f.predictions()[19]), "no linear model from under E+1 neighbours");
        assertTrue(Double.isNaN(f.coefficients()[0][19]));
    }

    @Test
    void leastSquaresGivesTheMinimumNormSolutionWhenRankDeficient() {
        double[] a = {1, 1, 1, 1, 1, 1}; // 3 x 2, identical columns
        double[] c = new double[2];
        double[] sv = LeastSquares.solve(a, new double[]{2, 2, 2}, 3, 2, c);
        assertArrayEquals(new double[]{1, 1}, c, 1e-12);
        assertEquals(Math.sqrt(6), sv[0], 1e-12);
        assertEquals(0, sv[1], 1e-12);
        double[] a2 = {1, 0, 0, 1, 1, 1}; // full rank: fit of (0,1,1)... b = (1, 2, 4)
        double[] c2 = new double[2];
        LeastSquares.solve(a2, new double[]{1, 2, 4}, 3, 2, c2);
        // normal equations: [[2,1],[1,2]] c = [5,6] -> c = (4/3, 7/3)
        assertArrayEquals(new double[]{4.0 / 3, 7.0 / 3}, c2, 1e-12);
    }

    @Test
    void rhoAndPythonRounding() {
        assertEquals(1.0, Skill.rho(new double[]{1, 2, 3, 4, 5}, new double[]{2, 4, 6, 8, 10}), 1e-15);
        assertEquals(-1.0, Skill.rho(new double[]{1, 2, 3, 4, 5, Double.NaN}, new double[]{5, 4, 3, 2, 1, 7}), 1e-15);
        assertTrue(Double.isNaN(Skill.rho(new double[]{1, 2, 3, 4}, new double[]{1, 2, 3, 4})), "under 5 pairs");
        // Python: round(0.4999995, 6) = 0.499999 (binary value just below the half), round(0.125, 2) = 0.12
        // (exact half, to even), round(2.675, 2) = 2.67.
        assertEquals(0.499999, Skill.round(0.4999995, 6), 0);
        assertEquals(0.12, Skill.round(0.125, 2), 0);
        assertEquals(2.67, Skill.round(2.675, 2), 0);
    }

    @Test
    void fftMatchesTheDefinitionForAnyLength() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int n : new int[]{1, 2, 7, 16, 30, 101}) {
            double[] re = new double[n], im = new double[n];
            for (int i = 0; i < n; i++) { re[i] = rng.nextGaussian(); im[i] = rng.nextGaussian(); }
            double[] fr = re.clone(), fi = im.clone();
            Fft.transform(fr, fi, false);
            for (int k = 0; k < n; k++) {
                double sr = 0, si = 0;
                for (int t = 0; t < n; t++) {
                    double a = -2 * Math.PI * ((long) k * t % n) / n;
                    sr += re[t] * Math.cos(a) - im[t] * Math.sin(a);
                    si += re[t] * Math.sin(a) + im[t] * Math.cos(a);
                }
                assertEquals(sr, fr[k], 1e-9 * n);
                assertEquals(si, fi[k], 1e-9 * n);
            }
            Fft.transform(fr, fi, true); // the inverse, divided by n, gives the input back
            for (int t = 0; t < n; t++) {
                assertEquals(re[t], fr[t] / n, 1e-12);
                assertEquals(im[t], fi[t] / n, 1e-12);
            }
        }
    }

    @Test
    void csvRoundTripWritesNaNAndExactNumbers(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("t.csv");
        Table.of(List.of("Time", "v"), new double[]{1, 2}, new double[]{0.1 + 0.2, Double.NaN}).write(f);
        assertEquals(List.of("Time,v", "1,0.30000000000000004", "2,NaN"), Files.readAllLines(f));
        EdmData back = EdmCsv.read(f, false);
        assertEquals(0.1 + 0.2, back.raw("v")[0], 0);
    }
}
