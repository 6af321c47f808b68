package dev.engram.pc;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.engram.core.Engines;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The feed-forward PC network: fixed prediction equals backprop; standard inference lowers the energy. */
class FeedForwardPcTest {
    static NDManager manager;

    @BeforeAll static void start() { manager = Engines.newManager(1); }
    @AfterAll static void stop() { manager.close(); }

    static NDArray onehot(NDManager m, SplittableRandom r, int b, int k) {
        float[] y = new float[b * k];
        for (int i = 0; i < b; i++) y[i * k + r.nextInt(k)] = 1;
        return m.create(y, new Shape(b, k));
    }

    @Test void fixedPredictionEqualsBackprop() {
        try (NDManager m = manager.newSubManager()) {
            SplittableRandom r = new SplittableRandom(21);
            FeedForwardPc net = new FeedForwardPc(m, new int[] {6, 8, 7, 5, 3}, r);
            NDArray x = FixedPredictionTest.normal(m, r, 4, 6), y = onehot(m, r, 4, 3);
            Map<String, NDArray> bp = net.backprop(x, y);
            assertTrue(FixedPredictionTest.maxAbs(bp) > 1e-2);
            // depth L = 4 weight layers: 3 hidden error layers need 3 unit-rate steps
            double exact = FixedPredictionTest.maxDiff(bp, net.fixedPrediction(x, y, 3, 1.0).grads());
            assertTrue(exact < 1e-5, "max |PC - BP| = " + exact);
            assertTrue(FixedPredictionTest.maxDiff(bp, net.fixedPrediction(x, y, 1, 1.0).grads()) > 1e-4, "one step cannot reach the first layer");
            double relaxed = FixedPredictionTest.maxDiff(bp, net.fixedPrediction(x, y, 400, 0.1).grads());
            assertTrue(relaxed < 1e-5, "max |PC(rate 0.1) - BP| = " + relaxed);
        }
    }

    @Test void standardInferenceLowersEnergyAndStartsAtBackpropAtTheTop() {
        try (NDManager m = manager.newSubManager()) {
            SplittableRandom r = new SplittableRandom(4);
            FeedForwardPc net = new FeedForwardPc(m, new int[] {6, 10, 10, 3}, r);
            NDArray x = FixedPredictionTest.normal(m, r, 8, 6), y = onehot(m, r, 8, 3);
            Map<String, NDArray> bp = net.backprop(x, y);
            // without inference the values equal the forward sweep: the output layer's update is backprop's
            PcLearning.Result zero = net.predictiveCoding(x, y, 0, 0.1);
            float[] a = bp.get("w3").toFloatArray(), b = zero.grads().get("w3").toFloatArray();
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-5);
            double[] e = net.predictiveCoding(x, y, 60, 0.1).energy();
            // gradient descent on a piecewise-smooth energy: a unit crossing a ReLU kink may cost a hair (seen: 2e-5 relative)
            for (int i = 1; i < e.length; i++) assertTrue(e[i] <= e[i - 1] + 1e-4 * e[0], "energy rose at step " + i + ": " + e[i - 1] + " -> " + e[i]);
            assertTrue(e[60] < e[0] - 1e-3, "energy " + e[0] + " -> " + e[60]);
        }
    }
}
