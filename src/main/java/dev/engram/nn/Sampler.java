package dev.engram.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Autoregressive sampling: temperature (0 = greedy), then top-k, then top-p (nucleus) filtering of the
 * next-token distribution. Keys and values are cached, so each new token costs one token's forward pass. When
 * the window of n_positions tokens is full, the cache is rebuilt from the last half of the window (the model
 * then sees between n/2 and n tokens of context, never more than it was trained on).
 */
public final class Sampler {
    private Sampler() {}

    public record Settings(int maxTokens, double temperature, int topK, double topP) {
        public Settings {
            if (maxTokens < 0) throw new IllegalArgumentException("maxTokens must be >= 0");
            if (temperature < 0) throw new IllegalArgumentException("temperature must be >= 0");
            if (topK < 0) throw new IllegalArgumentException("topK must be >= 0 (0 = off)");
            if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("topP must lie in (0, 1]");
        }
    }

    /** Returns the prompt followed by the generated ids. */
    public static int[] generate(TransformerLM model, int[] prompt, Settings s, SplittableRandom rng, NDManager parent) {
        if (prompt.length == 0) throw new IllegalArgumentException("the prompt must hold at least one token");
        int[] ids = Arrays.copyOf(prompt, prompt.length + s.maxTokens());
        int n = prompt.length, ctx = model.config().nPositions();
        TransformerLM.KvCache cache = null;
        try {
            for (int i = 0; i < s.maxTokens(); i++) {
                int from;
                if (cache == null) {                                     // the prompt, cropped to the window
                    cache = model.newCache();
                    from = Math.max(0, n - ctx);
                } else if (cache.length() >= ctx) {                      // window full: keep its last half
                    cache.close();
                    cache = model.newCache();
                    from = n - ctx / 2;
                } else {
                    from = n - 1;                                        // only the newest token
                }
                float[] logits = nextLogits(model, ids, from, n, cache, parent);
                ids[n++] = pick(logits, s, rng);
            }
        } finally {
            if (cache != null) cache.close();
        }
        return ids;
    }

    /** Feeds ids[from .. to) into the cache and returns the logits after the last of them. */
    private static float[] nextLogits(TransformerLM model, int[] ids, int from, int to, TransformerLM.KvCache cache, NDManager parent) {
        long[] x = new long[to - from];
        for (int j = 0; j < x.length; j++) x[j] = ids[from + j];
        try (NDManager m = parent.newSubManager()) {
            NDArray out = model.logits(m.create(x, new Shape(1, x.length)), cache);
            return out.get(new NDIndex("0, -1")).toFloatArray();
        }
    }

    /** Draws one id from logits under the settings. */
    static int pick(float[] logits, Settings s, SplittableRandom rng) {
        int v = logits.length;
        if (s.temperature() == 0) {
            int best = 0;
            for (int i = 1; i < v; i++) if (logits[i] > logits[best]) best = i;
            return best;
        }
        Integer[] order = new Integer[v];
        for (int i = 0; i < v; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
        int keep = s.topK() > 0 ? Math.min(s.topK(), v) : v;
        double max = logits[order[0]];
        double[] p = new double[keep];
        double z = 0;
        for (int i = 0; i < keep; i++) {
            p[i] = Math.exp((logits[order[i]] - max) / s.temperature());
            z += p[i];
        }
        // Nucleus: the smallest prefix whose probability reaches topP.
        double cum = 0;
        int cut = keep;
        for (int i = 0; i < keep; i++) {
            cum += p[i] / z;
            if (cum >= s.topP()) { cut = i + 1; break; }
        }
        double total = 0;
        for (int i = 0; i < cut; i++) total += p[i];
        double u = rng.nextDouble() * total;
        for (int i = 0; i < cut; i++) {
            u -= p[i];
            if (u <= 0) return order[i];
        }
        return order[cut - 1];
    }
}
