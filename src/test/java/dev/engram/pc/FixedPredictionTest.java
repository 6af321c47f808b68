package dev.engram.pc;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.engram.core.Engines;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fixed-prediction PC's local updates against autograd BPTT on a small recurrent network. */
class FixedPredictionTest {
    static NDManager manager;

    @BeforeAll static void start() { manager = Engines.newManager(1); }
    @AfterAll static void stop() { manager.close(); }

    static NDArray normal(NDManager m, SplittableRandom r, long... shape) {
        int n = (int) new Shape(shape).size();
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) r.nextGaussian();
        return m.create(v, new Shape(shape));
    }

    /** A batch with random inputs and targets; {@code every}: score every step, else only the last. */
    static SeqBatch batch(NDManager m, SplittableRandom r, int steps, int b, int in, int out, boolean every) {
        float[] y = new float[steps * b * out], mask = new float[steps * b];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < b; i++) {
                y[(t * b + i) * out + r.nextInt(out)] = 1;
                mask[t * b + i] = every || t == steps - 1 ? 1 : 0;
            }
        }
        return new SeqBatch(normal(m, r, steps, b, in), m.create(y, new Shape(steps, b, out)), m.create(mask, new Shape(steps, b, 1)));
    }

    static double maxDiff(Map<String, NDArray> a, Map<String, NDArray> b) {
        double d = 0;
        for (String k : a.keySet()) {
            float[] x = a.get(k).toFloatArray(), y = b.get(k).toFloatArray();
            for (int i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
    }

    static double maxAbs(Map<String, NDArray> a) {
        double d = 0;
        for (NDArray v : a.values()) for (float x : v.toFloatArray()) d = Math.max(d, Math.abs(x));
        return d;
    }

    @Test void exactWithUnitRateAfterTSteps() {
        for (boolean every : new boolean[] {true, false}) {
            try (NDManager m = manager.newSubManager()) {
                SplittableRandom r = new SplittableRandom(every ? 11 : 12);
                RecurrentNet net = RecurrentNet.point(m, 3, 5, 4, r);
                SeqBatch batch = batch(m, r, 4, 3, 3, 4, every);
                Map<String, NDArray> bp = PcLearning.bptt(net, batch).grads();
                PcLearning.Result fp = PcLearning.fixedPrediction(net, batch, 4, 1.0);
                assertTrue(maxAbs(bp) > 1e-2, "gradients must not be trivial");
                assertEquals(bp.keySet(), fp.grads().keySet());
                assertTrue(maxDiff(bp, fp.grads()) < 1e-5, "max |PC - BPTT| = " + maxDiff(bp, fp.grads()));
                // one relaxation step leaves the earliest steps without the error from the end: not equal yet
                assertTrue(maxDiff(bp, PcLearning.fixedPrediction(net, batch, 1, 1.0).grads()) > 1e-3);
            }
        }
    }

    @Test void convergesWithSmallRate() {
        try (NDManager m = manager.newSubManager()) {
            SplittableRandom r = new SplittableRandom(5);
            RecurrentNet net = RecurrentNet.point(m, 3, 6, 4, r);
            SeqBatch batch = batch(m, r, 6, 2, 3, 4, true);
            Map<String, NDArray> bp = PcLearning.bptt(net, batch).grads();
            PcLearning.Result fp = PcLearning.fixedPrediction(net, batch, 300, 0.1);
            assertTrue(maxDiff(bp, fp.grads()) < 1e-5, "max |PC - BPTT| = " + maxDiff(bp, fp.grads()));
            assertEquals(PcLearning.bptt(net, batch).loss(), fp.loss(), 1e-5, "same forward sweep, same loss");
        }
    }

    /** Spike-and-slab synapses, mean-field propagation: the local (pi, m, xi) updates equal autograd of the mean-field loss. */
    @Test void meanFieldUpdatesEqualAutogradOfTheMeanFieldLoss() {
        for (boolean every : new boolean[] {true, false}) {
            try (NDManager m = manager.newSubManager()) {
                SplittableRandom r = new SplittableRandom(every ? 21 : 22);
                int steps = 5, b = 3, in = 3, h = 6, out = 4;
                RecurrentNet net = RecurrentNet.of(m, MeanFieldTest.layer("input", m, r, h, in), MeanFieldTest.layer("recurrent", m, r, h, h),
                        MeanFieldTest.layer("output", m, r, out, h));
                SeqBatch batch = batch(m, r, steps, b, in, out, every);
                NDArray epsH = normal(m, r, steps, b, h), epsO = normal(m, r, steps, b, out);
                Map<String, NDArray> auto = PcLearning.bptt(net, batch, epsH, epsO).grads();
                assertEquals(Set.of("input.pi", "input.m", "input.xi", "recurrent.pi", "recurrent.m", "recurrent.xi", "output.pi", "output.m", "output.xi"),
                        auto.keySet());
                for (String k : auto.keySet()) assertTrue(maxAbs(Map.of(k, auto.get(k))) > 1e-3, k + ": gradients must not be trivial");
                PcLearning.Result exact = PcLearning.fixedPrediction(net, batch, steps, 1.0, epsH, epsO);
                assertEquals(auto.keySet(), exact.grads().keySet());
                assertTrue(maxDiff(auto, exact.grads()) < 1e-5, "max |PC - autograd| = " + maxDiff(auto, exact.grads()));
                PcLearning.Result slow = PcLearning.fixedPrediction(net, batch, 400, 0.1, epsH, epsO);
                // 400 float32 relaxation steps: 1e-5 relative to the largest gradient (pi's reach ~40 here)
                assertTrue(maxDiff(auto, slow.grads()) < 1e-5 * Math.max(1, maxAbs(auto)), "rate 0.1: max |PC - autograd| = " + maxDiff(auto, slow.grads()) + " of " + maxAbs(auto));
                // without the variance messages (the point-weight relaxation) the updates differ: the test can fail
                assertTrue(maxDiff(auto, PcLearning.fixedPrediction(net, batch, 1, 1.0, epsH, epsO).grads()) > 1e-3);
                assertEquals(PcLearning.bptt(net, batch, epsH, epsO).loss(), exact.loss(), 1e-5, "same mean-field sweep, same loss");
            }
        }
    }

    /** Token ids (T, B) as int64 with one-hot next tokens scored at every step. */
    static SeqBatch tokenBatch(NDManager m, SplittableRandom r, int steps, int b, int vocab) {
        long[] x = new long[steps * b];
        float[] y = new float[steps * b * vocab], mask = new float[steps * b];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(vocab);
            y[i * vocab + r.nextInt(vocab)] = 1;
            mask[i] = 1;
        }
        return new SeqBatch(m.create(x, new Shape(steps, b)), m.create(y, new Shape(steps, b, vocab)), m.create(mask, new Shape(steps, b, 1)));
    }

    /** A token network: the embedding table's local update (input error x one-hot token) equals autograd's, point and mean-field. */
    @Test void embeddingUpdatesEqualAutograd() {
        for (boolean meanField : new boolean[] {false, true}) {
            try (NDManager m = manager.newSubManager()) {
                SplittableRandom r = new SplittableRandom(meanField ? 31 : 32);
                int steps = 4, b = 3, vocab = 5, in = 3, h = 6;
                NDArray table = normal(m, r, vocab, in);
                RecurrentNet net = meanField
                        ? RecurrentNet.of(m, table, MeanFieldTest.layer("input", m, r, h, in), MeanFieldTest.layer("recurrent", m, r, h, h),
                                MeanFieldTest.layer("output", m, r, vocab, h))
                        : RecurrentNet.of(m, table, new PointSynapses("input", normal(m, r, h, in).mul(0.5)),
                                new PointSynapses("recurrent", normal(m, r, h, h).mul(0.3)), new PointSynapses("output", normal(m, r, vocab, h).mul(0.5)));
                SeqBatch batch = tokenBatch(m, r, steps, b, vocab);
                NDArray epsH = meanField ? normal(m, r, steps, b, h) : null, epsO = meanField ? normal(m, r, steps, b, vocab) : null;
                Map<String, NDArray> auto = PcLearning.bptt(net, batch, epsH, epsO).grads();
                assertTrue(auto.containsKey(RecurrentNet.EMBEDDING));
                assertTrue(maxAbs(Map.of("e", auto.get(RecurrentNet.EMBEDDING))) > 1e-3, "embedding gradients must not be trivial");
                PcLearning.Result fp = PcLearning.fixedPrediction(net, batch, steps, 1.0, epsH, epsO);
                assertEquals(auto.keySet(), fp.grads().keySet());
                assertTrue(maxDiff(auto, fp.grads()) < 1e-5, "max |PC - autograd| = " + maxDiff(auto, fp.grads()));
                // the embedding's gradient must also be right after the network's other gradients were taken
                assertTrue(maxDiff(auto, PcLearning.fixedPrediction(net, batch, steps, 1.0, epsH, epsO).grads()) < 1e-5, "no accumulation");
            }
        }
    }

    @Test void bpttGradientsDoNotAccumulateAcrossCalls() {
        try (NDManager m = manager.newSubManager()) {
            SplittableRandom r = new SplittableRandom(8);
            RecurrentNet net = RecurrentNet.point(m, 3, 5, 4, r);
            SeqBatch batch = batch(m, r, 3, 2, 3, 4, true);
            assertTrue(maxDiff(PcLearning.bptt(net, batch).grads(), PcLearning.bptt(net, batch).grads()) < 1e-7);
        }
    }
}
