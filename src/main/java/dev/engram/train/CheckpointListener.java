package dev.engram.train;

/** Writes a checkpoint every checkpointEvery steps and at the last step of the call. Runs after every other listener. */
final class CheckpointListener implements TrainingListener {
    @Override public void afterStep(TrainingContext ctx, StepRecord r) {
        if (r.step() % ctx.config().checkpointEvery() == 0 || r.step() == ctx.lastStep()) ctx.checkpoint(r.step());
    }
}
