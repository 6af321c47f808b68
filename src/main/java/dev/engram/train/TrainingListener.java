package dev.engram.train;

import ai.djl.ndarray.NDArray;
import dev.engram.nn.TransformerLM;

/**
 * Extends training without touching the trainer. Call order per run: {@link #onStart} once (also after a
 * resume), then for each step: {@link #lossTerm} inside the gradient scope (may add to the loss), then
 * {@link #onStep} after the optimizer update, {@link #onEvaluation} when the step evaluated, and finally
 * {@link #onEnd}. Listeners run in the order they were added.
 */
public interface TrainingListener {
    default void onStart(TrainingContext ctx) {}

    /** True when {@link #lossTerm} needs the per-block hidden states in the forward output. */
    default boolean needsHiddenStates() { return false; }

    /** An extra loss term for this step's batch (inputs [B, T]), or null. Runs under autograd. */
    default NDArray lossTerm(TrainingContext ctx, TransformerLM.Output output, NDArray inputs) { return null; }

    default void onStep(TrainingContext ctx, StepStats stats) {}

    default void onEvaluation(TrainingContext ctx, int step, double validationLoss) {}

    default void onEnd(TrainingContext ctx) {}

    /** What one optimizer step did. */
    record StepStats(int step, double loss, double gradNorm, double lr, double tokensPerSecond) {}
}
