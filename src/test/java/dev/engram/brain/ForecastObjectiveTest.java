package dev.engram.brain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.engram.core.Engines;
import dev.engram.nn.GptConfig;
import dev.engram.nn.TransformerLM;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The forecast objective's value against a plain computation on the hidden states, its gradient, and its spec. */
class ForecastObjectiveTest {
    @Test void termMatchesPlainComputationAndHasGradient() {
        GptConfig c = GptConfig.of(64, 16, 16, 3, 2, 0.0);
        var spec = new ForecastObjective.Spec(2, 3, 0.5);
        try (NDManager mgr = Engines.newManager(1); TransformerLM m = TransformerLM.init(c, mgr, new SplittableRandom(9));
             NDManager step = mgr.newSubManager()) {
            long[] ids = new long[2 * 10];
            for (int i = 0; i < ids.length; i++) ids[i] = (i * 7) % 64;
            var x = step.create(ids, new Shape(2, 10));
            var out = m.forward(x, false, true);
            double got = ForecastObjective.term(out, spec).getFloat();
            float[] last = out.hidden().get(3).toFloatArray(), tgt = out.hidden().get(2).toFloatArray();
            double sum = 0;
            int n = 0;
            for (int b = 0; b < 2; b++)
                for (int t = 0; t + 3 < 10; t++) {
                    double[] p = z(last, (b * 10 + t) * 16), q = z(tgt, (b * 10 + t + 3) * 16);
                    for (int k = 0; k < 16; k++) { sum += (p[k] - q[k]) * (p[k] - q[k]); n++; }
                }
            assertEquals(0.5 * sum / n, got, 1e-4 * (1 + got));
            assertNull(ForecastObjective.term(m.forward(step.create(new long[] {1, 2, 3}, new Shape(1, 3)), false, true), spec));
            try (GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                var loss = ForecastObjective.term(m.forward(x, true, true), spec);
                gc.backward(loss);
            }
            double g = m.parameter("h.2.mlp.c_proj.weight").getGradient().abs().sum().getFloat();
            assertTrue(g > 0, "the last block receives gradient");
        }
    }

    static double[] z(float[] a, int off) {
        double mu = 0, var = 0;
        for (int k = 0; k < 16; k++) mu += a[off + k] / 16.0;
        for (int k = 0; k < 16; k++) var += (a[off + k] - mu) * (a[off + k] - mu) / 16.0;
        double[] o = new double[16];
        for (int k = 0; k < 16; k++) o[k] = (a[off + k] - mu) / Math.sqrt(var + 1e-5);
        return o;
    }

    @Test void specParsesAndValidates() {
        assertEquals(new ForecastObjective.Spec(8, 8, 0.5), ForecastObjective.Spec.parse("layer=8,distance=8,weight=0.5"));
        assertThrows(IllegalArgumentException.class, () -> ForecastObjective.Spec.parse("layer=8,distance=8"));
        assertThrows(IllegalArgumentException.class, () -> ForecastObjective.Spec.parse("layer=0,distance=8,weight=1"));
        assertThrows(IllegalArgumentException.class, () -> ForecastObjective.Spec.parse("layer=2,distance=x,weight=1"));
    }
}
