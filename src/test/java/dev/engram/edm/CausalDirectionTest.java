package dev.engram.edm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CCM must recover planted causal directions. */
class CausalDirectionTest {

    @Test
    void coupledLogisticMapsXDrivesY() {
        double[][] s = Systems.coupledLogistic(1000, 3.8, 3.5, 0.02, 0.1);
        CcmResult r = Ccm.run(s[0], s[1], "x", "y", CcmConfig.builder().E(2).tau(-1).Tp(0).knn(0).exclusionRadius(0).libSizes(10, 100, 400)
                .sample(20).seed(7).sequential(false).build(), "logistic");
        double[] yx = r.meanYX(), xy = r.meanXY();
        assertTrue(yx[2] > 0.85, "y's manifold recovers x: " + yx[2]);
        assertTrue(yx[2] > yx[0] + 0.3, "and converges with library size");
        assertTrue(xy[2] < yx[2] - 0.4, "the weak reverse coupling maps much worse: " + xy[2]);
    }

    @Test
    void coupledLorenzDriverIsRecoveredFromTheResponse() {
        // Lorenz 1 drives Lorenz 2 through x (coupling 4, below synchronisation).
        double[][] s = Systems.coupledLorenz(1500, 0.01, 5, 4, new double[]{1, 1, 1}, new double[]{-3, 2, 20}, true);
        CcmResult r = Ccm.run(s[0], s[3], "x1", "x2", CcmConfig.builder().E(3).tau(-4).Tp(0).knn(0).exclusionRadius(0)
                .libSizes(20, 400, 1400).sample(10).seed(1).sequential(false).build(), "lorenz");
        double[] resp = r.meanYX(), drv = r.meanXY(); // x2:x1 estimates the driver from the response
        assertTrue(resp[2] > 0.75, "x2:x1 = " + resp[2]);
        assertTrue(resp[2] > resp[0] + 0.2, "converges");
        assertTrue(drv[2] < 0.3, "x1:x2 = " + drv[2]);
    }

    @Test
    void laggedCcmPeaksAtANegativeLagForTheTrueDriver() {
        double[][] s = Systems.coupledLogistic(1000, 3.8, 3.5, 0.02, 0.1);
        Table t = LaggedCcm.run(s[0], s[1], "x", "y", 2, -1, 0, -4, 4);
        assertEquals(-1, LaggedCcm.bestTp(t, "y:x")); // y(t) holds x(t-1), which drove it
    }

    @Test
    void sequentialCcmIsDeterministicAndRandomCcmIsReproducible() {
        double[][] s = Systems.coupledLogistic(500, 3.8, 3.5, 0.02, 0.1);
        CcmConfig rnd = CcmConfig.builder().E(2).tau(-1).Tp(0).knn(0).exclusionRadius(0).libSizes(20, 200).sample(8).seed(99)
                .sequential(false).build();
        CcmResult a = Ccm.run(s[0], s[1], "x", "y", rnd, "t"), b = Ccm.run(s[0], s[1], "x", "y", rnd, "t");
        for (int i = 0; i < 2; i++) assertArrayEquals(a.xy()[i], b.xy()[i], 0);
        CcmConfig seq = CcmConfig.builder().E(2).tau(-1).Tp(0).knn(0).exclusionRadius(0).libSizes(20, 200).sample(8).seed(99)
                .sequential(true).build();
        assertEquals(1, seq.sample());
        // The largest library (all valid vectors) is the same whether drawn at random or taken in order.
        CcmConfig full = CcmConfig.builder().E(2).tau(-1).Tp(0).knn(0).exclusionRadius(0).libSizes(499)
                .sample(3).seed(5).sequential(false).build();
        CcmConfig fullSeq = CcmConfig.builder().E(2).tau(-1).Tp(0).knn(0).exclusionRadius(0).libSizes(499).sample(1).seed(5)
                .sequential(true).build();
        assertEquals(Ccm.run(s[0], s[1], "x", "y", fullSeq, "t").meanXY()[0], Ccm.run(s[0], s[1], "x", "y", full, "t").xy()[0][2], 1e-12);
    }

    /**
     * The tour's demo (coupled logistic maps, x drives y) recovers the planted direction: y:x, the skill of y's
     * manifold at estimating x, ends high, grows with the library and beats x:y at every library size; the CSV
     * holds the same table and the chart is a PNG. (Its speed is not a test's business: see engram edm bench.)
     */
    @Test
    void tourDemoShowsConvergenceInTheRightDirection(@TempDir Path tmp) throws Exception {
        CcmDemo.Result r = CcmDemo.run(tmp);
        Table t = r.convergence();
        assertEquals(java.util.List.of("LibSize", "x:y", "y:x"), t.header());
        double[] sizes = new double[14];
        for (int i = 0; i < 14; i++) sizes[i] = 10 + 30 * i;
        assertArrayEquals(sizes, t.column("LibSize"), 0, "library sizes 10..400 step 30");
        double[] xy = t.column("x:y"), yx = t.column("y:x");
        int last = 13;
        assertTrue(r.xDrivesY(), "the demo's own verdict");
        assertTrue(yx[last] > 0.9, "y's manifold recovers x at L = 400: y:x = " + yx[last]);
        assertTrue(yx[last] > yx[0] + 0.5, "y:x converges with library size: " + yx[0] + " -> " + yx[last]);
        assertTrue(yx[last] > xy[last] + 0.4, "the weak reverse coupling maps much worse: x:y = " + xy[last]);
        for (int i = 0; i <= last; i++)
            assertTrue(yx[i] > xy[i], "y:x above x:y at L = " + sizes[i] + ": " + yx[i] + " vs " + xy[i]);

        EdmData csv = EdmCsv.read(r.csv(), true);
        assertEquals(t.header(), csv.names(), "CSV header");
        for (int c = 0; c < 3; c++) assertArrayEquals(t.columns()[c], csv.columns()[c], 0, "CSV column " + t.header().get(c));
        byte[] png = Files.readAllBytes(r.chart());
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, java.util.Arrays.copyOf(png, 8), "PNG signature");
        assertTrue(png.length > 5_000, "a real chart, not an empty image: " + png.length + " bytes");
    }
}
