package dev.engram.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scalar tensors that live as long as their manager, for every scalar operand inside a gradient collector.
 *
 * <p>Why: DJL's {@code x.mul(2.5)} (and add, pow, ...) wraps the number in a temporary 0-d tensor whose memory is a
 * Java direct buffer, and closes it right after the op. Autograd keeps that tensor for the backward pass, so once
 * the garbage collector frees the buffer, backward reads freed memory: sporadic wrong or NaN gradients (seen in
 * training, reproduced by {@code ConstantsTest}). A tensor from here is held by its manager, so it stays valid.
 */
public final class Constants {
    private final NDManager manager;
    private final Map<Float, NDArray> values = new ConcurrentHashMap<>();

    public Constants(NDManager manager) { this.manager = manager; }

    /** The float32 scalar {@code v}, created once. */
    public NDArray of(double v) {
        return values.computeIfAbsent((float) v, manager::create);
    }
}
