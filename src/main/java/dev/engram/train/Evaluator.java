package dev.engram.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.engram.nn.TransformerLM;

/**
 * Exact next-token cross-entropy of a model on a token stream, scored in consecutive non-overlapping windows:
 * window k feeds ids[kW .. kW+W-1] and predicts ids[kW+1 .. kW+W], so every token after the first is predicted
 * exactly once, from the context inside its window. Runs without autograd, several windows per batch.
 */
public final class Evaluator {
    private Evaluator() {}

    /** Summed loss (nats) and the number of predicted tokens. */
    public record Score(double lossSum, long tokens) {
        public double loss() { return tokens == 0 ? Double.NaN : lossSum / tokens; }

        public double perplexity() { return Math.exp(loss()); }
    }

    /**
     * Scores at most {@code maxTokens} predictions (0 = all) of {@code ids} with windows of {@code window} tokens,
     * {@code batch} windows at a time.
     */
    public static Score score(TransformerLM model, int[] ids, int window, int batch, long maxTokens, NDManager parent) {
        long predictable = Math.max(0, ids.length - 1L);
        long limit = maxTokens > 0 ? Math.min(maxTokens, predictable) : predictable;
        double sum = 0;
        long count = 0;
        int full = (int) (limit / window);
        int w = 0;
        while (w < full) {
            int n = Math.min(batch, full - w);
            sum += scoreWindows(model, ids, w * (long) window, n, window, parent);
            count += (long) n * window;
            w += n;
        }
        int rest = (int) (limit - (long) full * window);
        if (rest > 0) {
            sum += scoreWindows(model, ids, (long) full * window, 1, rest, parent);
            count += rest;
        }
        return new Score(sum, count);
    }

    private static double scoreWindows(TransformerLM model, int[] ids, long start, int n, int len, NDManager parent) {
        long[] x = new long[n * len], y = new long[n * len];
        for (int b = 0; b < n; b++)
            for (int i = 0; i < len; i++) {
                long at = start + (long) b * len + i;
                x[b * len + i] = ids[(int) at];
                y[b * len + i] = ids[(int) at + 1];
            }
        try (NDManager m = parent.newSubManager()) {
            NDArray logits = model.logits(m.create(x, new Shape(n, len)), false);
            return TransformerLM.lossSum(logits, m.create(y, new Shape(n, len))).getFloat();
        }
    }
}
