package dev.engram.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A corpus as token ids, split into train and validation streams. Documents are tokenized one by one and
 * joined with a blank line, so no token spans two documents.
 */
public record TokenData(int[] train, int[] validation, int vocabSize) {
    public static TokenData of(Corpus.Split split, Tokenizer tok) {
        return new TokenData(tokenize(split.train(), tok), tokenize(split.validation(), tok), tok.vocabSize());
    }

    static int[] tokenize(List<String> docs, Tokenizer tok) {
        int[][] parts = docs.parallelStream().map(d -> tok.encode(d + "\n\n")).toArray(int[][]::new);
        int n = 0;
        for (int[] p : parts) n += p.length;
        int[] out = new int[n];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** {@code batch} random windows of ctx+1 train tokens: inputs [batch*ctx] then targets [batch*ctx]. */
    public long[][] sample(int batch, int ctx, SplittableRandom rng) {
        long[] x = new long[batch * ctx], y = new long[batch * ctx];
        int span = train.length - ctx - 1;
        for (int b = 0; b < batch; b++) {
            int start = span <= 0 ? 0 : rng.nextInt(span + 1);
            for (int i = 0; i < ctx; i++) {
                x[b * ctx + i] = train[start + i];
                y[b * ctx + i] = train[start + i + 1];
            }
        }
        return new long[][] {x, y};
    }

    /**
     * Cross-entropy (nats) of a unigram model fitted on the train stream (add-one smoothing), on the validation
     * stream: the baseline a language model must beat.
     */
    public double unigramCrossEntropy() {
        long[] counts = new long[vocabSize];
        for (int id : train) counts[id]++;
        double total = train.length + vocabSize;
        double h = 0;
        for (int id : validation) h -= Math.log((counts[id] + 1) / total);
        return h / Math.max(1, validation.length);
    }
}
