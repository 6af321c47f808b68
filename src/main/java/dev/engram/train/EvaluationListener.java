package dev.engram.train;

import java.util.Map;

/** Computes the validation loss every evalEvery steps and at the last step, as "val_loss" of the step's record. */
final class EvaluationListener implements TrainingListener {
    private final TrainLoop.Validation validation;
    private double best = Double.POSITIVE_INFINITY, last = Double.NaN;

    EvaluationListener(TrainLoop.Validation validation) { this.validation = validation; }

    @Override public void afterStep(TrainingContext ctx, StepRecord r) {
        if (r.step() % ctx.config().evalEvery() != 0 && r.step() != ctx.lastStep()) return;
        last = validation.loss(ctx.model(), ctx.manager());
        best = Math.min(best, last);
        r.put("val_loss", last);
    }

    double best() { return best; }

    double last() { return last; }

    @Override public Map<String, Object> state() { return Map.of("best_val_loss", best, "last_val_loss", last); }

    @Override public void restore(Map<String, Object> state) {
        best = DivergenceGuard.number(state.get("best_val_loss"));
        last = DivergenceGuard.number(state.get("last_val_loss"));
    }
}
