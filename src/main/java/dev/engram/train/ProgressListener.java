package dev.engram.train;

import dev.engram.core.Progress;
import java.util.Locale;

/** The progress bar of a run, with the training loss and the last validation loss. */
final class ProgressListener implements TrainingListener {
    private Progress progress;
    private Double lastVal;

    @Override public void onStart(TrainingContext ctx) { progress = new Progress("train", ctx.config().steps()); }

    @Override public void afterStep(TrainingContext ctx, StepRecord r) {
        if (r.value("val_loss") != null) lastVal = r.value("val_loss");
        progress.update(r.step(), String.format(Locale.ROOT, "loss %.3f%s", r.loss(), lastVal == null ? "" : String.format(Locale.ROOT, " val %.3f", lastVal)));
    }
}
