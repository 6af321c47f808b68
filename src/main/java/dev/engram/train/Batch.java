package dev.engram.train;

/**
 * One step's training data, opaque to the loop: each {@link Trainable} knows its own kind (token windows for a
 * language model, examples for a classifier) and rejects others with a clear error.
 */
public interface Batch {
    /** Items in the batch (tokens, examples), for throughput and the run's item count. */
    long items();
}
