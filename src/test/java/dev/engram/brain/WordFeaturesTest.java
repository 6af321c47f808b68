package dev.engram.brain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.engram.core.Engines;
import dev.engram.data.ByteTokenizer;
import dev.engram.data.Tokenizers;
import dev.engram.io.Npy;
import dev.engram.io.Tensor;
import dev.engram.nn.GptConfig;
import dev.engram.nn.ModelFiles;
import dev.engram.nn.TransformerLM;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sliding-window word features equal a direct causal forward over each token's own window; pooling and the CLI shape. */
class WordFeaturesTest {
    @TempDir Path tmp;

    static List<String> words() {
        List<String> w = new ArrayList<>();
        String[] v = {"a", "quiet", "river", "ran", "under", "old", "bridges", "and", "lanterns"};
        for (int i = 0; i < 30; i++) w.add(v[(i * 5) % v.length]);
        return w;
    }

    /** Hidden state [dim] at the last position of a direct forward over tokens[s..j]. */
    static float[] direct(TransformerLM m, NDManager mgr, long[] all, int s, int j, int layer) {
        try (NDManager step = mgr.newSubManager()) {
            long[] win = java.util.Arrays.copyOfRange(all, s, j + 1);
            float[] h = m.forward(step.create(win, new Shape(1, win.length)), false, true).hidden().get(layer).toFloatArray();
            int d = m.config().nEmbd();
            return java.util.Arrays.copyOfRange(h, (win.length - 1) * d, win.length * d);
        }
    }

    @Test void slidingWindowAndPooling() {
        GptConfig c = GptConfig.of(256, 64, 16, 2, 2, 0.0);
        try (NDManager mgr = Engines.newManager(1); TransformerLM m = TransformerLM.init(c, mgr, new SplittableRandom(3))) {
            List<String> w = words();
            ByteTokenizer tok = new ByteTokenizer();
            List<Long> ids = new ArrayList<>();
            List<Integer> lastTok = new ArrayList<>();
            for (int i = 0; i < w.size(); i++) {
                for (int x : tok.encode(i == 0 ? w.get(i) : " " + w.get(i))) ids.add((long) x);
                lastTok.add(ids.size() - 1);
            }
            long[] all = ids.stream().mapToLong(Long::longValue).toArray();
            int ctx = 16, stride = 8;
            BrainScore.Features f = WordFeatures.compute(m, tok, w, new WordFeatures.Options(new int[] {1, 2}, ctx, WordFeatures.Pool.LAST), mgr);
            assertEquals(w.size(), f.nWords());
            for (int wi : new int[] {0, 2, 11, 20, w.size() - 1}) {
                int j = lastTok.get(wi);
                int s = j < ctx ? 0 : ((j - ctx) / stride + 1) * stride; // the window that first covers token j beyond the kept part
                float[] want = direct(m, mgr, all, s, j, 2);
                float[] got = java.util.Arrays.copyOfRange(f.layers()[1], wi * 16, wi * 16 + 16);
                assertArrayEquals(want, got, 2e-4f, "word " + wi + " (token " + j + ", window from " + s + ")");
            }
            BrainScore.Features mean = WordFeatures.compute(m, tok, w, new WordFeatures.Options(new int[] {1}, 64, WordFeatures.Pool.MEAN), mgr);
            // word 1 = " quiet": tokens 1..6 in a single window
            float[] avg = new float[16];
            for (int j = 1; j <= lastTok.get(1); j++) {
                float[] h = direct(m, mgr, all, 0, j, 1);
                for (int k = 0; k < 16; k++) avg[k] += h[k] / lastTok.get(1);
            }
            assertArrayEquals(avg, java.util.Arrays.copyOfRange(mean.layers()[0], 16, 32), 2e-4f);
        }
    }

    @Test void cliWritesAllLayers() throws Exception {
        GptConfig c = GptConfig.of(256, 32, 16, 2, 2, 0.0);
        Path model = tmp.resolve("model");
        try (NDManager mgr = Engines.newManager(1); TransformerLM m = TransformerLM.init(c, mgr, new SplittableRandom(5))) {
            ModelFiles.save(m, model);
            Tokenizers.save(new ByteTokenizer(), model);
        }
        Words w = new Words(words(), java.util.stream.IntStream.range(0, 30).mapToDouble(i -> i * 0.4).toArray(),
                java.util.stream.IntStream.range(0, 30).mapToDouble(i -> i * 0.4 + 0.3).toArray(), 0);
        w.write(tmp.resolve("align.csv"));
        var r = BrainCliTest.run("brain", "features", "--model", model, "--words", tmp.resolve("align.csv"), "--layer", "all", "--pool", "mean",
                "--threads", "1", "--out", tmp.resolve("F.npy"));
        assertEquals(0, r.code(), r.err());
        Tensor t = Npy.read(tmp.resolve("F.npy"));
        assertArrayEquals(new long[] {3, 30, 16}, t.shape());
        var bad = BrainCliTest.run("brain", "features", "--model", model, "--words", tmp.resolve("align.csv"), "--layer", "7", "--out", tmp.resolve("G.npy"));
        assertEquals(2, bad.code());
    }
}
