package dev.engram.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.engram.core.Engines;
import dev.engram.io.Safetensors;
import dev.engram.io.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engram's GPT-2 against an independent PyTorch implementation (tools/reference/gpt2_reference.py): the
 * checked-in checkpoint loads, and logits, loss and every parameter's gradient match PyTorch's.
 */
class TransformerLMParityTest {
    static final Path REF = Path.of("src/test/resources/gpt2-ref");
    static NDManager manager;

    @BeforeAll static void start() { manager = Engines.newManager(1); }

    @AfterAll static void stop() { manager.close(); }

    static long[][] tokens() throws Exception {
        return Files.readAllLines(REF.resolve("tokens.txt")).stream()
                .map(l -> Arrays.stream(l.trim().split("\\s+")).mapToLong(Long::parseLong).toArray()).toArray(long[][]::new);
    }

    static NDArray slice(NDManager m, long[][] rows, int from, int to) {
        int b = rows.length, t = to - from;
        long[] flat = new long[b * t];
        for (int i = 0; i < b; i++) System.arraycopy(rows[i], from, flat, i * t, t);
        return m.create(flat, new Shape(b, t));
    }

    @Test void logitsLossAndGradientsMatchPyTorch() throws Exception {
        Map<String, Tensor> expected = Safetensors.read(REF.resolve("expected.safetensors")).tensors();
        long[][] ids = tokens();
        int t = ids[0].length - 1;
        try (TransformerLM model = ModelFiles.load(REF, manager); NDManager step = manager.newSubManager();
             GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = model.logits(slice(step, ids, 0, t), false);
            NDArray loss = TransformerLM.loss(logits, slice(step, ids, 1, t + 1));
            gc.backward(loss);
            assertClose("logits", expected.get("logits").values(), logits.toFloatArray(), 1e-4, 0);
            assertEquals(expected.get("loss").values()[0], loss.getFloat(), 1e-4, "loss");
            for (var e : model.parameters().entrySet()) {
                float[] want = expected.get("grad." + e.getKey()).values();
                assertClose("grad " + e.getKey(), want, e.getValue().getGradient().toFloatArray(), 1e-5, 1e-3);
            }
        }
    }

    @Test void savedCheckpointReloadsWithIdenticalLogits(@TempDir Path dir) throws Exception {
        GptConfig c = GptConfig.of(50, 16, 32, 2, 4, 0.1);
        try (TransformerLM a = TransformerLM.init(c, manager, new SplittableRandom(7)); NDManager step = manager.newSubManager()) {
            ModelFiles.save(a, dir);
            try (TransformerLM b = ModelFiles.load(dir, manager)) {
                NDArray x = step.randomInteger(0, 50, new Shape(2, 16), ai.djl.ndarray.types.DataType.INT64);
                float[] la = a.logits(x, false).toFloatArray(), lb = b.logits(x, false).toFloatArray();
                assertTrue(Arrays.equals(la, lb), "logits differ after a save/load round trip");
                assertEquals(c, b.config());
            }
        }
    }

    /** |got - want| <= abs + rel * max|want| elementwise: gradients are compared relative to their scale. */
    static void assertClose(String what, float[] want, float[] got, double abs, double rel) {
        assertEquals(want.length, got.length, what + ": length");
        double scale = 0;
        for (float w : want) scale = Math.max(scale, Math.abs(w));
        double tol = abs + rel * scale;
        for (int i = 0; i < want.length; i++)
            if (!(Math.abs(want[i] - got[i]) <= tol))
                throw new AssertionError(what + "[" + i + "]: expected " + want[i] + ", got " + got[i] + " (tolerance " + tol + ")");
    }
}
