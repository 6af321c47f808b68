package dev.engram.pc;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.engram.core.Engines;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Standard PC inference (plain and spike-and-slab): relaxation lowers the energy, updates stay in float32 and are finite. */
class InferenceTest {
    static NDManager manager;

    @BeforeAll static void start() { manager = Engines.newManager(1); }
    @AfterAll static void stop() { manager.close(); }

    @Test void relaxationLowersTheEnergy() {
        for (boolean mpl : new boolean[] {false, true}) {
            try (NDManager m = manager.newSubManager()) {
                SplittableRandom r = new SplittableRandom(3);
                RecurrentNet net = mpl ? RecurrentNet.spikeSlab(m, 3, 6, 4, 0.1, 0.1, 1.0, 0.99, r) : RecurrentNet.point(m, 3, 6, 4, r);
                SeqBatch batch = FixedPredictionTest.batch(m, r, 5, 4, 3, 4, true);
                NDArray eh = mpl ? PcTrainer.gaussian(m, r, 5, 4, 6) : null, eo = mpl ? PcTrainer.gaussian(m, r, 5, 4, 4) : null;
                PcLearning.Result res = PcLearning.predictiveCoding(net, batch, 50, 0.1, eh, eo);
                double[] e = res.energy();
                assertEquals(51, e.length);
                assertTrue(e[50] < 0.95 * e[0], "energy " + e[0] + " -> " + e[50]);
                for (int i = 1; i < e.length; i++) assertTrue(e[i] <= e[i - 1] + 1e-6, "energy rose at step " + i);
                assertEquals(net.params().keySet(), res.grads().keySet());
                for (NDArray g : res.grads().values()) {
                    assertEquals(ai.djl.ndarray.types.DataType.FLOAT32, g.getDataType());
                    for (float x : g.toFloatArray()) assertTrue(Float.isFinite(x));
                }
            }
        }
    }
}
