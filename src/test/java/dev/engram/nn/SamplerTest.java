package dev.engram.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.engram.core.Engines;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SamplerTest {
    static NDManager manager;

    @BeforeAll static void start() { manager = Engines.newManager(1); }

    @AfterAll static void stop() { manager.close(); }

    @Test void cachedLogitsEqualTheFullForwardPass() {
        GptConfig c = GptConfig.of(40, 12, 32, 2, 4, 0.1);
        try (TransformerLM lm = TransformerLM.init(c, manager, new SplittableRandom(5)); NDManager m = manager.newSubManager();
             TransformerLM.KvCache cache = lm.newCache()) {
            long[] ids = new long[12];
            var r = new SplittableRandom(1);
            for (int i = 0; i < ids.length; i++) ids[i] = r.nextInt(40);
            float[] full = lm.logits(m.create(ids, new Shape(1, 12)), false).toFloatArray();
            // A 5-token prefill, then one token at a time.
            long[] head = java.util.Arrays.copyOf(ids, 5);
            NDArray first = lm.logits(m.create(head, new Shape(1, 5)), cache);
            float[] got = new float[full.length];
            System.arraycopy(first.toFloatArray(), 0, got, 0, 5 * 40);
            for (int i = 5; i < 12; i++) {
                NDArray step = lm.logits(m.create(new long[] {ids[i]}, new Shape(1, 1)), cache);
                System.arraycopy(step.get(new NDIndex("0, 0")).toFloatArray(), 0, got, i * 40, 40);
            }
            assertEquals(12, cache.length());
            for (int i = 0; i < full.length; i++) assertEquals(full[i], got[i], 1e-5, "logit " + i);
        }
    }

    @Test void greedyGenerationMatchesArgmaxOfTheFullForwardAndRunsPastTheWindow() {
        GptConfig c = GptConfig.of(30, 8, 16, 1, 2, 0.0);
        try (TransformerLM lm = TransformerLM.init(c, manager, new SplittableRandom(9)); NDManager m = manager.newSubManager()) {
            int[] out = Sampler.generate(lm, new int[] {1, 2, 3}, new Sampler.Settings(5, 0, 0, 1), new SplittableRandom(0), m);
            // Within the window, each greedy token is the argmax of a full forward pass over what came before.
            for (int n = 3; n < 8; n++) {
                long[] x = new long[n];
                for (int j = 0; j < n; j++) x[j] = out[j];
                float[] last = lm.logits(m.create(x, new Shape(1, n)), false).get(new NDIndex("0, -1")).toFloatArray();
                int best = 0;
                for (int j = 1; j < last.length; j++) if (last[j] > last[best]) best = j;
                assertEquals(best, out[n], "token " + n);
            }
            int[] longer = Sampler.generate(lm, new int[] {1}, new Sampler.Settings(30, 1.0, 5, 0.9), new SplittableRandom(2), m);
            assertEquals(31, longer.length);
            int[] again = Sampler.generate(lm, new int[] {1}, new Sampler.Settings(30, 1.0, 5, 0.9), new SplittableRandom(2), m);
            assertArrayEquals(longer, again, "a seed fixes the sample");
            assertTrue(java.util.Arrays.stream(longer).allMatch(t -> t >= 0 && t < 30));
        }
    }

    @Test void topKAndTopPRestrictTheCandidates() {
        float[] logits = {0f, 3f, 2.9f, -5f, 1f};
        var rng = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            int k2 = Sampler.pick(logits, new Sampler.Settings(1, 1.0, 2, 1.0), rng);
            assertTrue(k2 == 1 || k2 == 2, "top-k 2 drew " + k2);
            int p = Sampler.pick(logits, new Sampler.Settings(1, 1.0, 0, 0.3), rng);
            assertEquals(1, p, "top-p 0.3 keeps only the most likely token");
        }
    }
}
