package dev.engram.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one optimizer step did, passed to every listener's {@link TrainingListener#afterStep}. Listeners that
 * measure something (validation loss, a mechanism's statistic) add it with {@link #put}; the metrics listener,
 * which runs after them, writes it into metrics.jsonl.
 *
 * @param loss           the model's own loss (without listeners' terms)
 * @param gradNorm       global gradient norm before clipping
 * @param lr             the base learning rate of the step
 * @param itemsPerSecond items (tokens, examples) per second of this step
 * @param meanItemsPerSecond items per second over the steps this process ran so far
 */
public record StepRecord(int step, double loss, double gradNorm, double lr, double itemsPerSecond, double meanItemsPerSecond,
                         Map<String, Double> values) {
    public StepRecord(int step, double loss, double gradNorm, double lr, double itemsPerSecond, double meanItemsPerSecond) {
        this(step, loss, gradNorm, lr, itemsPerSecond, meanItemsPerSecond, new LinkedHashMap<>());
    }

    /** Adds a named measurement of this step (written to metrics.jsonl under that name). */
    public void put(String name, double value) { values.put(name, value); }

    public Double value(String name) { return values.get(name); }

    public Map<String, Double> valuesView() { return Collections.unmodifiableMap(values); }
}
