package dev.engram.pc;

import ai.djl.ndarray.NDManager;
import java.util.function.Function;
import ai.djl.ndarray.NDArray;

/**
 * A sequence task. Lifecycle: constructed once per run (data loaded or generated from the run's seed), then
 * {@link #trainBatch} per step and {@link #score} after each epoch.
 */
public interface PcTask {
    int inputs();

    int outputs();

    int trainSize();

    /** Training examples {@code idx} as a time-major batch in {@code manager}. */
    SeqBatch trainBatch(NDManager manager, int[] idx);

    /** The metric's key in metrics.json (test_accuracy, rule_fraction). */
    String scoreName();

    /**
     * The held-out score of a predictor mapping inputs x (T, B, in) to class probabilities (T, B, out).
     * {@code seed} drives any sampling the score does (generation).
     */
    double score(NDManager manager, Function<NDArray, NDArray> predictor, long seed);
}
