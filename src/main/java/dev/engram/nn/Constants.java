package dev.engram.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scalar tensors that live as long as their manager, for every scalar operand inside a gradient collector.
 *
 * <p>Why: DJL's {@code x.mul(2.5)} (and add, pow, ...) wraps the number in a temporary 0-d tensor whose memory is a
 * Java direct buffer, and closes it right after the op. Autograd keeps that tensor for the backward pass, so once
 * the garbage collector frees the buffer, backward reads freed memory: sporadic wrong or NaN gradients (seen in
 * training, reproduced by {@code ConstantsTest}). The tensors made here are allocated by PyTorch itself
 * ({@code full}), so autograd's reference keeps their memory alive whatever happens to the Java handle.
 */
public final class Constants {
    private final NDManager manager;
    private final Map<Float, NDArray> values = new ConcurrentHashMap<>();

    public Constants(NDManager manager) { this.manager = manager; }

    /** The float32 scalar {@code v}, created once. */
    public NDArray of(double v) {
        return values.computeIfAbsent((float) v, f -> manager.full(new Shape(), f));
    }

    /** A scalar of {@code like}'s type in its manager, safe to use as an operand under autograd. */
    public static NDArray scalar(NDArray like, double v) {
        return like.getManager().full(new Shape(), (float) v, like.getDataType());
    }
}
