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
        CcmResult r = Ccm.run(s[0], s[1], "x", "y", new CcmConfig(2, -1, 0, 0, 0, new int[]{10, 100, 400}, 20, 7, false), "logistic");
        double[] yx = r.meanYX(), xy = r.meanXY();
        assertTrue(yx[2] > 0.85, "y's manifold recovers x: " + yx[2]);
        assertTrue(yx[2] > yx[0] + 0.3, "and converges with library size");
        assertTrue(xy[2] < yx[2] - 0.4, "the weak reverse coupling maps much worse: " + xy[2]);
    }

    @Test
    void coupledLorenzDriverIsRecoveredFromTheResponse() {
        // Lorenz 1 drives Lorenz 2 through x (coupling 4, below synchronisation).
        double[][] s = Systems.coupledLorenz(1500, 0.01, 5, 4, new double[]{1, 1, 1}, new double[]{-3, 2, 20}, true);
        CcmResult r = Ccm.run(s[0], s[3], "x1", "x2", new CcmConfig(3, -4, 0, 0, 0, new int[]{20, 400, 1400}, 10, 1, false), "lorenz");
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
        CcmConfig rnd = new CcmConfig(2, -1, 0, 0, 0, new int[]{20, 200}, 8, 99, false);
        CcmResult a = Ccm.run(s[0], s[1], "x", "y", rnd, "t"), b = Ccm.run(s[0], s[1], "x", "y", rnd, "t");
        for (int i = 0; i < 2; i++) assertArrayEquals(a.xy()[i], b.xy()[i], 0);
        CcmConfig seq = new CcmConfig(2, -1, 0, 0, 0, new int[]{20, 200}, 8, 99, true);
        assertEquals(1, seq.sample());
        // The largest library (all valid vectors) is the same whether drawn at random or taken in order.
        CcmConfig full = new CcmConfig(2, -1, 0, 0, 0, new int[]{499}, 3, 5, false);
        CcmConfig fullSeq = new CcmConfig(2, -1, 0, 0, 0, new int[]{499}, 1, 5, true);
        assertEquals(Ccm.run(s[0], s[1], "x", "y", fullSeq, "t").meanXY()[0], Ccm.run(s[0], s[1], "x", "y", full, "t").xy()[0][2], 1e-12);
    }

    @Test
    void tourDemoShowsConvergenceInTheRightDirection(@TempDir Path tmp) throws Exception {
        long t0 = System.nanoTime();
        CcmDemo.Result r = CcmDemo.run(tmp);
        assertTrue(r.xDrivesY());
        assertTrue(Files.size(r.chart()) > 5_000, "a real PNG");
        assertEquals(14, r.convergence().rows());
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L, "demo takes a few seconds at most");
    }
}
