package dev.engram.edm;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Engram against the Sugihara lab's own validation outputs (pyEDM 2.x test fixtures, as shipped with rEDM, and
 * one cppEDM S-map coefficient file), on the lab's sample data, with the calls of the lab's own tests. Sources,
 * commits and calls: src/test/resources/edm/official/README.md.
 *
 * <p>The official files hold values rounded to 6 decimals (pyEDM's tests compare {@code round(x, 6)}), so the
 * unrounded official value lies within 5e-7 of the stored one: a difference up to 5e-7 (plus float noise) is
 * agreement to 1e-6. As in pyEDM's own tests, Engram's value rounded to 6 decimals (Python's round: half-even
 * on the exact binary value) must equal the stored value in every cell. Rows, times and the NaN layout must
 * match too.
 */
class OfficialValidationTest {
    static final double ROUNDED_6 = 5e-7 + 1e-12;

    static double round6(double v) {
        return new java.math.BigDecimal(v).setScale(6, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    static Path dir() {
        try {
            return Path.of(OfficialValidationTest.class.getResource("/edm/official/README.md").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static EdmData data(String name) { return EdmCsv.read(dir().resolve(name), false); }

    static Table expected(String name) {
        EdmData d = EdmCsv.read(dir().resolve(name), true);
        return new Table(d.names(), d.columns());
    }

    /**
     * Compares the named columns row by row: same row count, NaN where the official table has NaN (an empty
     * cell), else |engram - official| <= tol, and with {@link #ROUNDED_6} also round(Engram, 6) = official.
     * Returns the largest difference.
     */
    static double compare(String label, Table official, Table engram, double tol, String... columns) {
        assertEquals(official.rows(), engram.rows(), label + ": row count");
        double max = 0;
        for (String col : columns) {
            double[] e = official.column(col), a = engram.column(col);
            for (int r = 0; r < e.length; r++) {
                String where = label + " " + col + " row " + (r + 1);
                if (Double.isNaN(e[r])) {
                    assertTrue(Double.isNaN(a[r]), where + ": official NaN, Engram " + a[r]);
                    continue;
                }
                assertTrue(!Double.isNaN(a[r]), where + ": official " + e[r] + ", Engram NaN");
                double d = Math.abs(e[r] - a[r]);
                if (tol == ROUNDED_6 && round6(a[r]) != e[r])
                    fail(where + ": round(Engram, 6) = " + round6(a[r]) + ", official " + e[r]);
                max = Math.max(max, d);
                if (d > tol) fail(where + ": official " + e[r] + ", Engram " + a[r] + " (difference " + d + ")");
            }
        }
        return max;
    }

    static PredictionConfig pc(int E, int tau, int Tp, int excl, int[] lib, int[] pred, boolean embedded) {
        List<RowRange> libs = new ArrayList<>();
        for (int i = 0; i < lib.length; i += 2) libs.add(new RowRange(lib[i], lib[i + 1]));
        return PredictionConfig.builder().E(E).tau(tau).Tp(Tp).knn(0).exclusionRadius(excl).lib(libs).pred(new RowRange(pred[0], pred[1]))
                .embedded(embedded).build();
    }

    static Table simplex(String file, String cols, String target, PredictionConfig c) {
        return Simplex.predict(data(file), List.of(cols.split(" ")), target, c).table();
    }

    // ---------------------------------------------------------------- Simplex

    /** pyEDM test_simplex_E3_block_3sp: columns x_t, target x_t, lib 1..100, pred 101..195, E 3 (Tp 1, tau -1). */
    @Test
    void simplexE3Block3sp() {
        Table t = simplex("block_3sp.csv", "x_t", "x_t", pc(3, -1, 1, 0, new int[]{1, 100}, new int[]{101, 195}, false));
        Table o = expected("Smplx_E3_block_3sp_valid.csv");
        compare("Smplx_E3_block_3sp", o, t, ROUNDED_6, "Time", "Observations", "Predictions", "Pred_Variance");
    }

    /** pyEDM test_simplex_embedded_block_3sp: columns x_t y_t z_t embedded, target x_t, lib 1..99, pred 100..198. */
    @Test
    void simplexEmbeddedBlock3sp() {
        Table t = simplex("block_3sp.csv", "x_t y_t z_t", "x_t", pc(3, -1, 1, 0, new int[]{1, 99}, new int[]{100, 198}, true));
        Table o = expected("Smplx_E3_embd_block_3sp_valid.csv");
        compare("Smplx_E3_embd_block_3sp", o, t, ROUNDED_6, "Time", "Observations", "Predictions", "Pred_Variance");
    }

    /** pyEDM test_simplex_negative_tp: columns x_t, target y_t, lib 1..100, pred 50..80, E 3, Tp -2. */
    @Test
    void simplexNegativeTp() {
        Table t = simplex("block_3sp.csv", "x_t", "y_t", pc(3, -1, -2, 0, new int[]{1, 100}, new int[]{50, 80}, false));
        Table o = expected("Smplx_negTp_block_3sp_valid.csv");
        compare("Smplx_negTp_block_3sp", o, t, ROUNDED_6, "Time", "Observations", "Predictions", "Pred_Variance");
    }

    /** pyEDM test_simplex_disjoint_lib: circle, x to x, lib 1..40 and 50..130, pred 80..170, E 2, Tp 1, tau -3. */
    @Test
    void simplexDisjointLib() {
        Table t = simplex("circle.csv", "x", "x", pc(2, -3, 1, 0, new int[]{1, 40, 50, 130}, new int[]{80, 170}, false));
        Table o = expected("Smplx_disjointLib_valid.csv");
        compare("Smplx_disjointLib", o, t, ROUNDED_6, "Time", "Observations", "Predictions", "Pred_Variance");
    }

    /** pyEDM test_simplex_exclusion_radius: circle, x to y, lib 1..100, pred 21..81, E 2, Tp 1, exclusionRadius 5. */
    @Test
    void simplexExclusionRadius() {
        Table t = simplex("circle.csv", "x", "y", pc(2, -1, 1, 5, new int[]{1, 100}, new int[]{21, 81}, false));
        Table o = expected("Smplx_exclRadius_valid.csv");
        compare("Smplx_exclRadius", o, t, ROUNDED_6, "Time", "Observations", "Predictions", "Pred_Variance");
    }

    /**
     * pyEDM test_simplex_exclusion_radius_knn (expected values written in the test itself): columns X = 1..1000,
     * target V1, lib 1..100, pred 101..110, E 5, Tp 1, exclusionRadius 10; the nearest neighbour of each
     * prediction row must be 0-based row 89, 90, ..., 98. The target does not affect the neighbours, so any V1
     * series will do.
     */
    @Test
    void exclusionRadiusNeighbours() {
        int n = 1000;
        double[] x = new double[n], v1 = new double[n];
        for (int i = 0; i < n; i++) { x[i] = i + 1; v1[i] = Math.sin(0.1 * i); }
        EdmData d = EdmData.of("X 1..1000", List.of("X", "V1"), x, v1);
        PredictionConfig c = PredictionConfig.builder().E(5).tau(-1).Tp(1).knn(0).exclusionRadius(10).lib(List.of(new RowRange(1, 100)))
                .pred(new RowRange(101, 110)).embedded(false).build();
        RowPlan plan = RowPlan.of(c, d.rows(), d.source());
        StateSpace emb = c.space(d, List.of("X"));
        KdTree tree = new KdTree(emb.pack(plan.lib()), plan.lib(), 5);
        int[] pred = plan.pred(), first = new int[pred.length];
        for (int i = 0; i < pred.length; i++) {
            double[] q = new double[5];
            int[] nr = new int[6];
            emb.vector(pred[i], q, 0);
            tree.query(q, pred[i], 10, 6, nr, new double[6]);
            first[i] = nr[0];
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[]{89, 90, 91, 92, 93, 94, 95, 96, 97, 98}, first);
    }

    /**
     * pyEDM test_simplex_knn1_neighbors (expected rows written in the test): Lorenz5D, columns V5, target V5,
     * lib 301..400, pred 350..355, knn 1, embedded; neighbours (0-based data rows) 322, 334, 362, 387, 356, 355.
     * The call uses only rows 301..400, which are checked in; row numbers here are 300 lower.
     */
    @Test
    void knn1Neighbours() {
        EdmData d = data("LorenzData1000_rows301-400.csv");
        PredictionConfig c = PredictionConfig.builder().E(1).tau(-1).Tp(1).knn(1).exclusionRadius(0).lib(List.of(new RowRange(1, 100)))
                .pred(new RowRange(50, 55)).embedded(true).build();
        RowPlan plan = RowPlan.of(c, d.rows(), d.source());
        StateSpace emb = c.space(d, List.of("V5"));
        KdTree tree = new KdTree(emb.pack(plan.lib()), plan.lib(), 1);
        int[] pred = plan.pred(), first = new int[pred.length];
        for (int i = 0; i < pred.length; i++) {
            double[] q = new double[1];
            int[] nr = new int[1];
            emb.vector(pred[i], q, 0);
            tree.query(q, pred[i], 0, 1, nr, new double[1]);
            first[i] = nr[0] + 300;
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[]{322, 334, 362, 387, 356, 355}, first);
    }

    // ---------------------------------------------------------------- S-map

    /**
     * pyEDM tests.py test_smap: circle, x to x, lib 1..100, pred 110..160, E 4, Tp 1, tau -1, theta 3. pyEDM's
     * test compares Predictions only, but its file also holds S-map's Pred_Variance (the weighted variance of the
     * neighbours' targets around the local linear prediction, weights exp(-theta d / mean d)): Engram's must
     * equal it at the same 6-decimal rounding, every cell (observed: within 4.8e-7), with NaN in the first row.
     */
    @Test
    void smapCircleE4() {
        Forecast f = SMap.predict(data("circle.csv"), List.of("x"), "x", pc(4, -1, 1, 0, new int[]{1, 100}, new int[]{110, 160}, false), 3);
        Table o = expected("SMap_circle_E4_valid.csv");
        compare("SMap_circle_E4", o, f.table(), ROUNDED_6, "Time", "Observations", "Predictions", "Pred_Variance");
    }

    // ---------------------------------------------------------------- sweeps

    /**
     * pyEDM test_embed_dimension_lorenz: Lorenz5D V1 to V1, maxE 12, lib 1..500, pred 501..800, Tp 15, tau -5,
     * exclusionRadius 20 (only the Time and V1 columns of LorenzData1000.csv are checked in).
     */
    @Test
    void embedDimension() {
        Table t = Sweeps.embedDimension(data("LorenzData1000_V1.csv"), List.of("V1"), "V1",
                pc(1, -5, 15, 20, new int[]{1, 500}, new int[]{501, 800}, false), 12);
        compare("EmbedDimension", expected("EmbedDim_valid.csv"), t, ROUNDED_6, "E", "rho");
    }

    /** pyEDM test_predict_interval: block_3sp x_t to x_t, lib 1..150, pred 151..198, maxTp 15, E 3, tau -1. */
    @Test
    void predictInterval() {
        Table t = Sweeps.predictInterval(data("block_3sp.csv"), List.of("x_t"), "x_t",
                pc(3, -1, 1, 0, new int[]{1, 150}, new int[]{151, 198}, false), 15);
        compare("PredictInterval", expected("PredictInterval_valid.csv"), t, ROUNDED_6, "Tp", "rho");
    }

    /**
     * pyEDM test_smap_embedded_circle_E2: circle, columns x y embedded, target x, lib 1..200, pred 1..200, E 2,
     * Tp 1, theta 3; the official test also requires the coefficient means 0.99801 (∂x/∂x) and 0.06311 (∂x/∂y)
     * at 5 decimals. Pred_Variance (in the file, not in pyEDM's test) is compared as in {@link #smapCircleE4}.
     */
    @Test
    void smapCircleE2Embedded() {
        Forecast f = SMap.predict(data("circle.csv"), List.of("x", "y"), "x", pc(2, -1, 1, 0, new int[]{1, 200}, new int[]{1, 200}, true), 3);
        Table o = expected("SMap_circle_E2_embd_valid.csv");
        compare("SMap_circle_E2_embd", o, f.table(), ROUNDED_6, "Time", "Observations", "Predictions", "Pred_Variance");
        Table c = f.coefficientTable();
        assertEquals(List.of("Time", "C0", "∂x/∂x", "∂x/∂y"), c.header());
        double dxdx = nanMean(c.column("∂x/∂x")), dxdy = nanMean(c.column("∂x/∂y"));
        assertEquals(0.99801, dxdx, 5e-6 + 1e-12, "mean ∂x/∂x");
        assertEquals(0.06311, dxdy, 5e-6 + 1e-12, "mean ∂x/∂y");
    }

    /**
     * pyEDM test_smap_no_time: circle_noTime (no time column), x to y, lib 1..100, pred 101..150, E 2, theta 3;
     * Pred_Variance compared as in {@link #smapCircleE4}.
     */
    @Test
    void smapNoTime() {
        EdmData d = EdmCsv.read(dir().resolve("circle_noTime.csv"), true);
        Forecast f = SMap.predict(d, List.of("x"), "y", pc(2, -1, 1, 0, new int[]{1, 100}, new int[]{101, 150}, false), 3);
        Table o = expected("SMap_noTime_valid.csv");
        compare("SMap_noTime", o, f.table(), ROUNDED_6, "Time", "Observations", "Predictions", "Pred_Variance");
    }

    /**
     * cppEDM tests/SMapTest.cc (coefficients, written with 4 decimals): circle, columns x y embedded, target x,
     * lib 1..100, pred 101..198, Tp 1, theta 4. C1, C2 are cppEDM's names for ∂x/∂x, ∂x/∂y. This file comes from an
     * early cppEDM version; with 4 decimals it can only confirm agreement to 1e-4.
     */
    @Test
    void smapCoefficientsCppEdm() {
        Forecast f = SMap.predict(data("circle.csv"), List.of("x", "y"), "x", pc(2, -1, 1, 0, new int[]{1, 100}, new int[]{101, 198}, true), 4);
        Table c = f.coefficientTable();
        Table renamed = new Table(List.of("Time", "C0", "C1", "C2"), c.columns());
        Table o = expected("Smap_circle_coef_cppEDM.csv");
        compare("Smap_circle_coef (cppEDM, 4 decimals)", o, renamed, 1e-4, "Time", "C0", "C1", "C2");
        // Two intercepts (times 149 and 167) are 4.95e-5 in Engram where cppEDM printed 0.0001 (so >= 5e-5): a
        // rounding boundary crossed by at least 4.8e-7 and 5.1e-7. Every other coefficient is within the rounding.
        List<String> beyondRounding = new ArrayList<>();
        for (String col : List.of("C0", "C1", "C2"))
            for (int r = 0; r < o.rows(); r++)
                if (Math.abs(o.column(col)[r] - renamed.column(col)[r]) > 5e-5 + 1e-12)
                    beyondRounding.add(col + " at time " + (int) o.column("Time")[r]);
        assertEquals(List.of("C0 at time 149", "C0 at time 167"), beyondRounding, "coefficients beyond the 4-decimal rounding");
        for (int time : new int[]{149, 167}) {
            int r = row(o, time);
            double engram = renamed.column("C0")[r];
            assertEquals(1e-4, o.column("C0")[r], 0, "cppEDM's printed intercept at time " + time);
            assertTrue(engram < 5e-5 && engram > 5e-5 - 1e-6, "Engram's intercept at time " + time
                    + " is just below the rounding boundary 5e-5: " + engram);
        }
    }

    static int row(Table t, double time) {
        double[] times = t.column("Time");
        for (int r = 0; r < times.length; r++) if (times[r] == time) return r;
        throw new AssertionError("no row with time " + time);
    }

    static double nanMean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) if (!Double.isNaN(x)) { s += x; n++; }
        return s / n;
    }

    /**
     * pyEDM test_predict_nonlinear_tentmap: TentMapNoise, lib 1..500, pred 501..800, E 4, Tp 1, tau -1, theta
     * 0.01 .. 20 (18 values). pyEDM heads the first column "theta", Engram "Theta" (as the issue asks).
     */
    @Test
    void predictNonlinear() {
        double[] thetas = {0.01, 0.1, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 20};
        Table t = Sweeps.predictNonlinear(data("TentMapNoise.csv"), List.of("TentMap"), "TentMap",
                pc(4, -1, 1, 0, new int[]{1, 500}, new int[]{501, 800}, false), thetas);
        Table o = expected("PredictNonlinear_valid.csv");
        assertEquals(List.of("Theta", "rho"), t.header());
        Table renamed = new Table(List.of("theta", "rho"), t.columns());
        compare("PredictNonlinear", o, renamed, ROUNDED_6, "theta", "rho");
    }

    // ---------------------------------------------------------------- CCM

    /**
     * pyEDM CCM validation (rEDM test-5-CCM.R, "pyEDM fixtures"): circle, x and y, E 2, Tp 3, tau -1,
     * exclusionRadius 5, libSizes 20..200 step 30, sample 10, seed 777. pyEDM draws each library with
     * {@code RNG.choice(lib_i, size = min(libSize, N_lib), replace = False)}, so at LibSize 200 (more than the
     * 196 library vectors) every sample is the whole library and the official mean is RNG-free: that row is
     * compared at 1e-4 (observed: far tighter). Rows with smaller libraries depend on NumPy's PCG64 stream and
     * are not comparable.
     */
    @Test
    void ccmFullLibraryExclusionRadius() {
        CcmConfig cc = CcmConfig.builder().E(2).tau(-1).Tp(3).knn(0).exclusionRadius(5).libSizes(200)
                .sample(1).seed(777).sequential(false).build();
        Table t = Ccm.run(data("circle.csv"), "x", "y", cc).table();
        Table o = lastRow(expected("CCM_exclusionRadius.csv"));
        compare("CCM_exclusionRadius LibSize 200 (full library)", o, t, 1e-4, "LibSize", "x:y", "y:x");
    }

    /** As above with tau +3 (future lags), Tp 0, no exclusion radius: pyEDM's CCM_positiveTau fixture, LibSize 200. */
    @Test
    void ccmFullLibraryPositiveTau() {
        CcmConfig cc = CcmConfig.builder().E(2).tau(3).Tp(0).knn(0).exclusionRadius(0).libSizes(200)
                .sample(1).seed(777).sequential(false).build();
        Table t = Ccm.run(data("circle.csv"), "x", "y", cc).table();
        Table o = lastRow(expected("CCM_positiveTau.csv"));
        compare("CCM_positiveTau LibSize 200 (full library)", o, t, 1e-4, "LibSize", "x:y", "y:x");
    }

    /**
     * Sequential CCM (random = false: the first L library vectors) against cppEDM 1.5.0 itself, on the reference
     * data of ReferenceCasesTest (coupled logistic maps; Lorenz x to z with tau -2; logistic with E 3 and Tp 1).
     * pyEDM 2.x has no sequential libraries, so cppEDM is the official counterpart; its outputs were made by
     * tools/reference/edm/seq_ccm_cppedm.cc (see the README). cppEDM 1.5.0 clamps each weight at 1e-6, which
     * pyEDM 2.x and Engram do not; that clamp accounts for the whole difference (3.8e-7 at most;
     * tools/reference/edm/cppedm_weight_floor.py reproduces cppEDM to 3e-14 with it), within the 1e-4 for
     * CCM and here held to 1e-6.
     */
    @Test
    void ccmSequentialAgainstCppEdm() {
        record Case(String official, String data, String x, String y, int E, int tau, int Tp) {}
        for (Case c : List.of(new Case("CCM_sequential_logistic_E2_cppEDM.csv", "logistic.csv", "x", "y", 2, -1, 0),
                new Case("CCM_sequential_lorenz_E3_tau-2_cppEDM.csv", "lorenz.csv", "x", "z", 3, -2, 0),
                new Case("CCM_sequential_logistic_E3_Tp1_cppEDM.csv", "logistic.csv", "x", "y", 3, -1, 1))) {
            Table o = expected(c.official());
            int[] sizes = java.util.Arrays.stream(o.column("LibSize")).mapToInt(v -> (int) v).toArray();
            EdmData d = EdmCsv.read(dir().getParent().resolve(c.data()), false);
            Table t = Ccm.run(d, c.x(), c.y(), CcmConfig.builder().E(c.E()).tau(c.tau()).Tp(c.Tp()).knn(0).exclusionRadius(0)
                    .libSizes(sizes).sample(1).seed(0).sequential(true).build()).table();
            String xy = c.x() + ":" + c.y(), yx = c.y() + ":" + c.x();
            double max = compare(c.official() + " (cppEDM 1.5.0)", o, t, 1e-6, "LibSize", xy, yx);
            assertTrue(max > 1e-8, "the weight clamp should leave a visible difference; got " + max);
        }
    }

    /**
     * The 2.2e-7 difference on CCM_positiveTau (x:y) is one exact tie: for query row 99 the third neighbour is
     * either row 1 or row 197, both at distance 0.1331497... and both 98 rows away. Engram takes the earlier row
     * (its documented rule); pyEDM's choice falls out of its neighbour search (KD-tree traversal or an unstable
     * argsort) and was row 197. Replacing that one prediction with the row-197 choice, computed here by hand,
     * reproduces pyEDM's value to 1e-15.
     */
    @Test
    void ccmPositiveTauDifferenceIsOneTie() {
        EdmData d = data("circle.csv");
        double[] x = d.series("x"), y = d.series("y");
        Forecast f = Simplex.predict(d, List.of("x"), "y", pc(2, 3, 0, 0, new int[]{1, 200}, new int[]{1, 200}, false));
        double engramRho = Ccm.run(d, "x", "y", CcmConfig.builder().E(2).tau(3).Tp(0).knn(0).exclusionRadius(0).libSizes(200).sample(1)
                .seed(777).sequential(false).build()).table().column("x:y")[0];
        assertEquals(engramRho, f.rho(), 1e-15, "full-library CCM is the leave-one-out Simplex cross-map");
        int q = 99 - 1; // 0-based query row; state (x[q], x[q+3])
        double[] dist = new double[200];
        for (int r = 0; r + 3 < 200; r++) dist[r] = Math.hypot(x[r] - x[q], x[r + 3] - x[q + 3]);
        assertEquals(dist[1 - 1], dist[197 - 1], 0.0, "an exact tie");
        assertEquals(dist[98 - 1], dist[100 - 1], 0.0);
        int[] pyEdmNeighbours = {98 - 1, 100 - 1, 197 - 1};
        double dmin = Math.max(dist[98 - 1], 1e-6), num = 0, den = 0;
        for (int r : pyEdmNeighbours) {
            double w = Math.exp(-dist[r] / dmin);
            num += w * y[r];
            den += w;
        }
        double[] obs = f.observations(), pred = f.predictions().clone();
        int row = -1;
        for (int k = 0; k < f.time().length; k++) if (f.time()[k] == 99) row = k;
        pred[row] = num / den;
        double official = 0.9999520537478579;
        assertEquals(official, Skill.rho(obs, pred), 1e-15, "pyEDM's x:y at LibSize 200 with row 197 as the tied neighbour");
        assertTrue(Math.abs(engramRho - official) > 1e-7, "Engram's own choice differs by the tie alone");
    }

    static Table lastRow(Table t) {
        double[][] cols = new double[t.columns().length][];
        for (int c = 0; c < cols.length; c++) cols[c] = new double[]{t.columns()[c][t.rows() - 1]};
        return new Table(t.header(), cols);
    }
}
