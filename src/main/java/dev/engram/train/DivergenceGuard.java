package dev.engram.train;

import java.util.Locale;
import java.util.Map;

/**
 * Stops a run before a bad update: a loss or gradient that is not finite, or a loss over {@link #EXPLOSION_FACTOR}
 * times the lowest training loss seen after warm-up. The parameters and the last checkpoint stay as they were.
 */
final class DivergenceGuard implements TrainingListener {
    /** The loss may not exceed this multiple of the lowest training loss seen after warm-up. */
    static final double EXPLOSION_FACTOR = 4.0;
    private double lowest = Double.POSITIVE_INFINITY;

    @Override public void beforeUpdate(TrainingContext ctx, int step, double loss, double gradNorm) {
        if (Double.isFinite(loss) && Double.isFinite(gradNorm) && !(Double.isFinite(lowest) && loss > EXPLOSION_FACTOR * lowest)) return;
        String last = Checkpoints.exists(ctx.outDir())
                ? "the last good checkpoint (step " + Checkpoints.readState(ctx.outDir()).step() + ") is in " + Checkpoints.dir(ctx.outDir())
                : "no checkpoint was written yet";
        if (!Double.isFinite(loss) || !Double.isFinite(gradNorm))
            throw new TrainingDiverged(String.format(Locale.ROOT, "training diverged at step %d: loss %s, gradient norm %s; %s. "
                    + "Lower --lr (now %g) or raise --warmup, then --resume or start again.", step, loss, gradNorm, last, ctx.config().lr()));
        throw new TrainingDiverged(String.format(Locale.ROOT, "training diverged at step %d: loss %.3f is over %.0fx the lowest so far (%.3f); %s. "
                + "Lower --lr (now %g), then --resume or start again.", step, loss, EXPLOSION_FACTOR, lowest, last, ctx.config().lr()));
    }

    @Override public void afterStep(TrainingContext ctx, StepRecord r) {
        if (r.step() > ctx.config().warmup()) lowest = Math.min(lowest, r.loss());
    }

    @Override public Map<String, Object> state() { return Map.of("lowest_train_loss", lowest); }

    @Override public void restore(Map<String, Object> state) { lowest = number(state.get("lowest_train_loss")); }

    /** A double saved in JSON (infinite values come back as strings). */
    static double number(Object v) {
        if (v instanceof Number n) return n.doubleValue();
        return Double.parseDouble(String.valueOf(v));
    }
}
