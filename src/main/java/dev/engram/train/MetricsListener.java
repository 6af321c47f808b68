package dev.engram.train;

import dev.engram.core.RunFolder;

/** Appends each step's record to the run's metrics.jsonl; on resume, first drops the lines past the checkpoint. */
final class MetricsListener implements TrainingListener {
    private final String rateName;
    private MetricsLog log;

    MetricsListener(String rateName) { this.rateName = rateName; }

    @Override public void onStart(TrainingContext ctx) {
        log = new MetricsLog(RunFolder.metrics(ctx.outDir()), rateName);
        log.truncateAfter(ctx.startStep());
    }

    @Override public void afterStep(TrainingContext ctx, StepRecord r) { log.log(r); }

    @Override public void onEnd(TrainingContext ctx) { log.close(); }
}
