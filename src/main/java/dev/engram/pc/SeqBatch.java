package dev.engram.pc;

import ai.djl.ndarray.NDArray;

/**
 * One batch of sequences, time-major. x (T, B, in) inputs; y (T, B, out) one-hot targets; mask (T, B, 1) is 1
 * where a target is scored (the last step for classification, every step for next-token prediction).
 */
public record SeqBatch(NDArray x, NDArray y, NDArray mask) {
    public int steps() { return (int) x.getShape().get(0); }
    public int size() { return (int) x.getShape().get(1); }
}
