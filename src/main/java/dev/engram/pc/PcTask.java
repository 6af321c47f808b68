package dev.engram.pc;

import ai.djl.ndarray.NDManager;
import java.util.function.Function;
import ai.djl.ndarray.NDArray;

/**
 * A sequence task. Lifecycle: constructed once per run (data loaded or generated from the run's seed), then
 * {@link #trainBatch} per step and {@link #score} after each epoch.
 */
public interface PcTask {
    /** Width of the recurrent layer's input vectors (for token tasks: the embedding width). */
    int inputs();

    /** Token ids fed to an embedding table of this size; 0 when the task feeds vectors. */
    default int vocabulary() { return 0; }

    int outputs();

    int trainSize();

    /** Training examples {@code idx} as a time-major batch in {@code manager}. */
    SeqBatch trainBatch(NDManager manager, int[] idx);

    /** The same task with its first {@code n} training examples (the data-load sweep). */
    PcTask withTrainSize(int n);

    /** Facts about the data for the report and run.json (e.g. vocabulary and token counts); empty by default. */
    default java.util.Map<String, Object> facts() { return java.util.Map.of(); }

    /** The metric's key in run.json and metrics.jsonl (test_accuracy, rule_fraction, perplexity). */
    String scoreName();

    /**
     * The held-out score of a predictor mapping inputs x (T, B, in) to class probabilities (T, B, out).
     * {@code seed} drives any sampling the score does (generation).
     */
    double score(NDManager manager, Function<NDArray, NDArray> predictor, long seed);
}
