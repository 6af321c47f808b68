package dev.engram.train;

import dev.engram.core.UserError;

/** Training stopped because the loss or the gradient stopped being finite, or the loss exploded. */
public final class TrainingDiverged extends UserError {
    public TrainingDiverged(String message) { super(message); }
}
