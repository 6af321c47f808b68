package dev.engram.brain;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.engram.core.UserError;
import dev.engram.data.Tokenizer;
import dev.engram.nn.TransformerLM;
import java.util.ArrayList;
import java.util.List;

/**
 * Word features from a causal LM: the story's words are tokenized one by one (a space before every word but
 * the first, as they would appear in running text), the model runs over the whole token stream with a
 * context window that slides by half its length (every token sees at least half a window of left context;
 * the first window's tokens see all their left context), and the hidden states of each word's sub-word
 * tokens are pooled to one vector: the last token's (the causal model has read the whole word there) or
 * their mean.
 */
public final class WordFeatures {
    private WordFeatures() {}

    public enum Pool { LAST, MEAN }

    /**
     * @param layers   hidden-state indices to keep (0 = embeddings, k = after block k)
     * @param context  tokens per window (<= n_positions, >= 2)
     * @param pool     sub-word pooling
     */
    public record Options(int[] layers, int context, Pool pool) {
        public Options {
            if (layers == null || layers.length == 0) throw new IllegalArgumentException("--layer: give a layer or 'all'");
            if (context < 2) throw new IllegalArgumentException("--context must be >= 2 tokens");
        }
    }

    /** Returns [layers.length][nWords * dim]. */
    public static BrainScore.Features compute(TransformerLM model, Tokenizer tok, List<String> words, Options o, NDManager manager) {
        int nLayers = model.config().nLayer();
        for (int l : o.layers())
            if (l < 0 || l > nLayers) throw new UserError("--layer " + l + ": the model has hidden states 0.." + nLayers + " (0 = embeddings)");
        int ctx = Math.min(o.context(), model.config().nPositions());
        List<Integer> ids = new ArrayList<>();
        int[] wordOf;
        List<Integer> owner = new ArrayList<>();
        for (int w = 0; w < words.size(); w++) {
            int[] t = tok.encode(w == 0 ? words.get(w) : " " + words.get(w));
            if (t.length == 0) throw new UserError("word " + (w + 1) + " ('" + words.get(w) + "') encodes to no token");
            for (int x : t) {
                if (x < 0 || x >= model.config().vocabSize())
                    throw new UserError("the tokenizer produced id " + x + " outside the model's vocabulary (" + model.config().vocabSize() + "): tokenizer and model do not match");
                ids.add(x);
                owner.add(w);
            }
        }
        wordOf = owner.stream().mapToInt(Integer::intValue).toArray();
        int n = ids.size(), dim = model.config().nEmbd();
        float[][] tokenStates = new float[o.layers().length][n * dim];
        int stride = Math.max(1, ctx / 2);
        int keepFrom = 0; // first token whose state is not yet taken
        for (int start = 0; keepFrom < n; start += stride) {
            int end = Math.min(n, start + ctx);
            int len = end - start;
            long[] window = new long[len];
            for (int i = 0; i < len; i++) window[i] = ids.get(start + i);
            try (NDManager step = manager.newSubManager()) {
                NDArray tokens = step.create(window, new Shape(1, len));
                TransformerLM.Output out = model.forward(tokens, false, true);
                for (int li = 0; li < o.layers().length; li++) {
                    float[] h = out.hidden().get(o.layers()[li]).toFloatArray(); // [1, len, dim]
                    for (int i = keepFrom - start; i < len; i++) System.arraycopy(h, i * dim, tokenStates[li], (start + i) * dim, dim);
                }
            }
            keepFrom = end;
            if (end == n) break;
        }
        int nW = words.size();
        float[][] out = new float[o.layers().length][nW * dim];
        int[] count = new int[nW];
        for (int i = 0; i < n; i++) count[wordOf[i]]++;
        for (int li = 0; li < out.length; li++) {
            for (int i = 0; i < n; i++) {
                int w = wordOf[i];
                if (o.pool() == Pool.LAST) System.arraycopy(tokenStates[li], i * dim, out[li], w * dim, dim); // later tokens overwrite
                else for (int j = 0; j < dim; j++) out[li][w * dim + j] += tokenStates[li][i * dim + j] / count[w];
            }
        }
        return new BrainScore.Features(out, nW, dim);
    }
}
