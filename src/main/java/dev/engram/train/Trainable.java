package dev.engram.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A model the training loop can train. Lifecycle: the caller builds it (fresh from a seed, or loaded from a
 * checkpoint) and closes it; the loop calls {@link #forward} once per step inside a gradient collector and a
 * per-step NDManager, updates {@link #parameters} in place, and calls {@link #save} into a staged checkpoint
 * folder; {@link #load} brings saved values back into a built model. A listener may call {@link #reinitialize}
 * between steps.
 */
public interface Trainable extends AutoCloseable {
    /**
     * The trainable parameters by name; the optimizer updates them in place. The order must be the same after a
     * load as after init: the loop sums the gradient norm in this order, and a float sum in another order
     * differs in its last bits, which would break a bit-identical resume.
     */
    Map<String, NDArray> parameters();

    /** Names of the parameters that get weight decay (default: every matrix, none of the vectors). */
    default Set<String> decayed() {
        var out = new java.util.LinkedHashSet<String>();
        parameters().forEach((k, v) -> { if (v.getShape().dimension() >= 2) out.add(k); });
        return out;
    }

    /**
     * The loss of one batch (a scalar under autograd when {@code training}) and the model's own output, which
     * listeners may read. Temporaries belong to {@code scope}.
     *
     * @param keepInternals whether a listener asked for internal states (e.g. hidden layers) in the output
     */
    Forward forward(Batch batch, NDManager scope, boolean training, boolean keepInternals);

    /** Re-draws one parameter in place from the model's own initial distribution. */
    void reinitialize(String name, SplittableRandom rng);

    /** Writes everything needed to rebuild the model (weights, its config, its tokenizer) into {@code dir}. */
    void save(Path dir);

    /**
     * Replaces every parameter's values, in place, by those {@link #save} wrote into {@code dir}; a missing
     * parameter or another shape is an error naming the folder. Call outside any gradient collector.
     */
    void load(Path dir);

    @Override void close();

    /** A forward pass: the scalar loss the loop minimises and the model's output (e.g. logits and hidden states). */
    record Forward(NDArray loss, Object output) {
        /** The output as {@code type}; a clear error when a listener is used with a model it does not fit. */
        public <T> T output(Class<T> type, String who) {
            if (!type.isInstance(output))
                throw new dev.engram.core.UserError(who + " needs a model whose output is " + type.getSimpleName() + "; this model gives "
                        + (output == null ? "none" : output.getClass().getSimpleName()));
            return type.cast(output);
        }
    }
}
