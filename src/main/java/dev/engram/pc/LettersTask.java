package dev.engram.pc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.engram.core.Seeds;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The toy letter language: 26 letters; the successor of letter c is c + 2k (mod 26) with k drawn uniformly from
 * 1..branches (the paper's rules +2, +4, +6, +8 with branches = 4). Training sequences start at a random letter.
 * The network predicts the next letter at every step. Score: generate sequences from random first letters by
 * sampling the predicted distribution, and count the fraction of transitions that follow the rules.
 */
public final class LettersTask implements PcTask {
    public static final int LETTERS = 26;
    private final int[][] sequences; // (n, length)
    private final int branches, generated, length;
    private final long seed;

    public LettersTask(int count, int length, int branches, int generated, long seed) {
        this.branches = branches;
        this.generated = generated;
        this.length = length;
        this.seed = seed;
        SplittableRandom r = Seeds.random(seed, "letters", 0);
        sequences = new int[count][length];
        for (int[] s : sequences) {
            s[0] = r.nextInt(LETTERS);
            for (int t = 1; t < length; t++) s[t] = (s[t - 1] + 2 * (1 + r.nextInt(branches))) % LETTERS;
        }
    }

    @Override public int inputs() { return LETTERS; }
    @Override public int outputs() { return LETTERS; }
    @Override public int trainSize() { return sequences.length; }
    @Override public String scoreName() { return "rule_fraction"; }

    /** Sequences are drawn in order from the seed, so a smaller set is a prefix of a larger one. */
    @Override public PcTask withTrainSize(int n) { return new LettersTask(n, length, branches, generated, seed); }

    public boolean follows(int from, int to) {
        int d = Math.floorMod(to - from, LETTERS);
        return d % 2 == 0 && d >= 2 && d <= 2 * branches;
    }

    /** Inputs: letters 0..L-2 one-hot; targets: letters 1..L-1, scored at every step. */
    @Override public SeqBatch trainBatch(NDManager manager, int[] idx) {
        int steps = length - 1, b = idx.length;
        float[] x = new float[steps * b * LETTERS], y = new float[steps * b * LETTERS], mask = new float[steps * b];
        for (int i = 0; i < b; i++) {
            int[] s = sequences[idx[i]];
            for (int t = 0; t < steps; t++) {
                x[(t * b + i) * LETTERS + s[t]] = 1;
                y[(t * b + i) * LETTERS + s[t + 1]] = 1;
                mask[t * b + i] = 1;
            }
        }
        Shape sh = new Shape(steps, b, LETTERS);
        return new SeqBatch(manager.create(x, sh), manager.create(y, sh), manager.create(mask, new Shape(steps, b, 1)));
    }

    /** Generates {@code generated} sequences of the training length, one sampled letter at a time. */
    @Override public double score(NDManager manager, Function<NDArray, NDArray> predictor, long seed) {
        SplittableRandom r = Seeds.random(seed, "generate", 0);
        int g = generated;
        int[][] seq = new int[g][length];
        for (int[] s : seq) s[0] = r.nextInt(LETTERS);
        int good = 0, total = 0;
        for (int t = 1; t < length; t++) {
            try (NDManager m = manager.newSubManager()) {
                float[] x = new float[t * g * LETTERS];
                for (int u = 0; u < t; u++) for (int i = 0; i < g; i++) x[(u * g + i) * LETTERS + seq[i][u]] = 1;
                NDArray p = predictor.apply(m.create(x, new Shape(t, g, LETTERS)));
                float[] last = p.get(t - 1).toFloatArray();
                for (int i = 0; i < g; i++) {
                    double u = r.nextDouble(), c = 0;
                    int pick = LETTERS - 1;
                    for (int k = 0; k < LETTERS; k++) {
                        c += last[i * LETTERS + k];
                        if (u < c) { pick = k; break; }
                    }
                    seq[i][t] = pick;
                    total++;
                    if (follows(seq[i][t - 1], pick)) good++;
                }
            }
        }
        return (double) good / total;
    }
}
