package dev.engram.train;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * The only way to extend training. Call order per run: {@link #onStart} once (also after a resume, after
 * {@link #restore}); then per step s: {@link #batch} (may swap the drawn batch), the forward pass,
 * {@link #lossTerm} under autograd (may add to the loss), backward, {@link #beforeUpdate} (may veto the update
 * by throwing, e.g. the divergence guard), the optimizer update, {@link #afterStep} (may measure, log, touch
 * parameters or optimizer state through the context, checkpoint); finally {@link #onEnd}. Listeners run in the
 * order they were added; the loop's own listeners (guard, evaluation, metrics, progress, checkpoints) come
 * after the mechanisms, so a checkpoint holds every mechanism's state after its step.
 *
 * <p>A listener with state names it with {@link #name} (unique in a run) and returns it from {@link #state}; the
 * checkpoint stores it and {@link #restore} hands it back on resume, before {@link #onStart}.
 */
public interface TrainingListener {
    /** Unique name of this listener in the run; keys its state in the checkpoint. */
    default String name() { return getClass().getSimpleName(); }

    default void onStart(TrainingContext ctx) {}

    /** True when {@link #lossTerm} needs the model's internal states (e.g. every block's hidden state). */
    default boolean needsInternals() { return false; }

    /** The batch to train on at {@code step}: {@code drawn} (from the batch source) or another one. */
    default Batch batch(TrainingContext ctx, int step, Batch drawn) { return drawn; }

    /** An extra scalar loss term for this step, or null. Runs under autograd. */
    default NDArray lossTerm(TrainingContext ctx, int step, Batch batch, Trainable.Forward forward) { return null; }

    /**
     * Called after backward and before the optimizer update; throwing here ({@link TrainingDiverged}) leaves the
     * parameters and the last checkpoint as they were.
     *
     * @param totalLoss the loss with every listener's term
     */
    default void beforeUpdate(TrainingContext ctx, int step, double totalLoss, double gradNorm) {}

    default void afterStep(TrainingContext ctx, StepRecord record) {}

    default void onEnd(TrainingContext ctx) {}

    /** The listener's state to checkpoint (JSON-serialisable values); empty for stateless listeners. */
    default Map<String, Object> state() { return Map.of(); }

    /** Restores what {@link #state} returned at the checkpoint (numbers come back as Jackson reads them). */
    default void restore(Map<String, Object> state) {}
}
