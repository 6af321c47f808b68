package dev.engram.pc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The connections from one layer to the next, as a weight distribution summarised by its first two moments.
 * A layer maps an input u (rows) to a pre-activation with mean u·mean^T and variance (u^2)·variance^T
 * (independent synapses, the mean-field / central-limit approximation). Point weights have no variance.
 * Lifecycle: {@link #params()} are the learned tensors (updated in place by the optimizer), {@link #project()}
 * runs after every update to keep them in their domain.
 */
public interface Synapses {
    /** Layer name used in metrics ("input", "recurrent", "output"). */
    String name();

    /** Fan-in N. */
    int fanIn();

    /** (out, in) mean weight, computed from the parameters (differentiable when they require gradients). */
    NDArray mean();

    /** (out, in) weight variance, or null for point weights. */
    NDArray variance();

    /** The learned tensors by name. */
    Map<String, NDArray> params();

    /** Keeps the parameters in their domain after an optimizer step. */
    void project();

    /**
     * The gradients of the learned tensors from the gradients of a loss in this layer's weight mean and variance
     * (each (out, in); gVar null for point weights): the chain rule through the parametrisation, synapse by
     * synapse, so an update stays local.
     */
    Map<String, NDArray> grads(NDArray gMean, NDArray gVar);

    /** One concrete weight matrix (out, in) drawn from the distribution, in {@code manager}. */
    NDArray sample(NDManager manager, SplittableRandom rng);
}
