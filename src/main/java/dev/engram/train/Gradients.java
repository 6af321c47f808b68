package dev.engram.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The gradients left by a backward pass. Call order per step: backward, {@link #collect}, use them (e.g. the
 * optimizer), then {@link #clear}, since PyTorch adds each backward pass's gradients to the previous ones.
 */
final class Gradients {
    private Gradients() {}

    /** Each parameter's gradient, by name; the handles belong to {@code scope} (the values stay PyTorch's). */
    static Map<String, NDArray> collect(Map<String, NDArray> params, NDManager scope) {
        Map<String, NDArray> grads = new LinkedHashMap<>();
        params.forEach((name, p) -> {
            NDArray g = p.getGradient();
            g.attach(scope);
            grads.put(name, g);
        });
        return grads;
    }

    /** Zeroes every parameter's gradient for the next backward pass. */
    static void clear(Map<String, NDArray> params) {
        for (NDArray p : params.values()) JniUtils.zeroGrad((PtNDArray) p);
    }
}
