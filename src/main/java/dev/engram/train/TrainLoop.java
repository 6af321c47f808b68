package dev.engram.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.engram.core.Json;
import dev.engram.core.Seeds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one training loop, for any {@link Trainable} and {@link BatchSource}: AdamW with warm-up and cosine decay,
 * global-norm clipping, and the step's random draws (batch, dropout) derived from the seed and the step, so a run
 * resumed from a checkpoint continues exactly as if it had never stopped. Everything else is a
 * {@link TrainingListener}: the caller's mechanisms first, then the loop's own, in this order: the divergence
 * guard, evaluation (when a {@link Validation} is given), metrics.jsonl, progress (unless quiet), checkpoints.
 *
 * <p>Use: {@code new TrainLoop(config, outDir).validation(v).add(listener).run(model, source, manager, null)};
 * pass the checkpoint's {@link TrainingState} (with the model loaded from it) to resume.
 */
public final class TrainLoop {
    private final LoopConfig config;
    private final Path outDir;
    private final List<TrainingListener> mechanisms = new ArrayList<>();
    private Validation validation;
    private Object runConfig;
    private String rateName = "items_per_s";
    private boolean quiet;
    private int stopAfter = Integer.MAX_VALUE;

    /** A held-out loss of the model, computed without autograd. */
    @FunctionalInterface
    public interface Validation {
        double loss(Trainable model, NDManager manager);
    }

    /** The outcome of one call: the last step, its losses, the best validation loss, and the mean throughput. */
    public record Result(int steps, double finalTrainLoss, double finalValidationLoss, double bestValidationLoss, double itemsPerSecond) {}

    public TrainLoop(LoopConfig config, Path outDir) {
        this.config = config;
        this.outDir = outDir;
        this.runConfig = config;
    }

    public TrainLoop add(TrainingListener listener) {
        mechanisms.add(listener);
        return this;
    }

    public TrainLoop validation(Validation v) {
        validation = v;
        return this;
    }

    /** The full configuration saved with each checkpoint (default: the loop's own). */
    public TrainLoop runConfig(Object c) {
        runConfig = c;
        return this;
    }

    /** The metrics.jsonl key of the throughput (e.g. tokens_per_s). */
    public TrainLoop rateName(String name) {
        rateName = name;
        return this;
    }

    /** No progress bar (tests). */
    public TrainLoop quiet() {
        quiet = true;
        return this;
    }

    /** Ends this call after {@code step} (a checkpoint is written there) while the schedule still runs to config.steps(). */
    public TrainLoop stopAfter(int step) {
        stopAfter = step;
        return this;
    }

    public Result run(Trainable model, BatchSource source, NDManager manager, TrainingState resumed) {
        Map<String, NDArray> params = model.parameters();
        try (AdamW opt = new AdamW(manager, config.beta1(), config.beta2(), config.eps(), config.weightDecay(), model.decayed())) {
            int start = resumed == null ? 0 : resumed.step();
            int last = Math.min(config.steps(), stopAfter);
            long[] itemsSeen = {resumed == null ? 0 : resumed.itemsSeen()};
            var guard = new DivergenceGuard();
            var evaluation = validation == null ? null : new EvaluationListener(validation);
            List<TrainingListener> listeners = new ArrayList<>(mechanisms);
            listeners.add(guard);
            if (evaluation != null) listeners.add(evaluation);
            listeners.add(new MetricsListener(rateName));
            if (!quiet) listeners.add(new ProgressListener());
            listeners.add(new CheckpointListener());
            requireUniqueNames(listeners);
            var ctx = new TrainingContext(config, model, opt, manager, outDir, start, last,
                    step -> Checkpoints.save(outDir, model, opt, state(step, itemsSeen[0], opt, listeners)));
            if (resumed != null) {
                Checkpoints.loadOptimizer(outDir, opt, resumed);
                for (TrainingListener l : listeners) {
                    Map<String, Object> s = resumed.listeners() == null ? null : resumed.listeners().get(l.name());
                    if (s != null) l.restore(s);
                }
            }
            listeners.forEach(l -> l.onStart(ctx));
            boolean internals = listeners.stream().anyMatch(TrainingListener::needsInternals);
            LrSchedule schedule = config.schedule();
            double lastLoss = Double.NaN, seconds = 0;
            long itemsThisCall = 0;
            for (int step = start + 1; step <= last; step++) {
                long t0 = System.nanoTime();
                final int s = step;
                double lr = schedule.at(step);
                Engine.getInstance().setRandomSeed(Seeds.intSeed(config.seed(), "dropout", step));
                Batch batch = source.batch(step);
                for (TrainingListener l : listeners) batch = l.batch(ctx, step, batch);
                double loss, gradNorm;
                try (NDManager sm = manager.newSubManager()) {
                    NDArray total;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        Trainable.Forward out = model.forward(batch, sm, true, internals);   // loss: scalar
                        total = out.loss();
                        loss = total.getFloat();
                        for (TrainingListener l : listeners) {
                            NDArray extra = l.lossTerm(ctx, step, batch, out);
                            if (extra != null) total = total.add(extra);
                        }
                        gc.backward(total);
                    }
                    double totalLoss = total.getFloat();
                    Map<String, NDArray> grads = Gradients.collect(params, sm);
                    ctx.frozen().forEach(grads::remove);
                    gradNorm = globalNorm(grads);
                    for (TrainingListener l : listeners) l.beforeUpdate(ctx, step, totalLoss, gradNorm);
                    double scale = config.gradClip() > 0 && gradNorm > config.gradClip() ? config.gradClip() / gradNorm : 1.0;
                    if (ctx.hasOwnSchedules()) opt.step(params, grads, name -> ctx.lr(name, s, lr), scale);
                    else opt.step(params, grads, lr, scale);
                    Gradients.clear(params);
                }
                itemsSeen[0] += batch.items();
                itemsThisCall += batch.items();
                double secs = (System.nanoTime() - t0) / 1e9;
                seconds += secs;
                lastLoss = loss;
                var record = new StepRecord(step, loss, gradNorm, lr, batch.items() / secs, itemsThisCall / seconds);
                for (TrainingListener l : listeners) l.afterStep(ctx, record);
            }
            listeners.forEach(l -> l.onEnd(ctx));
            return new Result(last, lastLoss, evaluation == null ? Double.NaN : evaluation.last(),
                    evaluation == null ? Double.NaN : evaluation.best(), seconds > 0 ? itemsThisCall / seconds : 0);
        }
    }

    private TrainingState state(int step, long itemsSeen, AdamW opt, List<TrainingListener> listeners) {
        var states = new LinkedHashMap<String, Map<String, Object>>();
        for (TrainingListener l : listeners) {
            Map<String, Object> s = l.state();
            if (!s.isEmpty()) states.put(l.name(), s);
        }
        return new TrainingState(step, itemsSeen, opt.stepCounts(), states, "derived from seed and step", Json.MAPPER.valueToTree(runConfig));
    }

    /** sqrt of the sum of squared gradients; NaN (with the bad parameters named on stderr) when one is not finite. */
    static double globalNorm(Map<String, NDArray> grads) {
        NDArray sq = null;
        for (NDArray g : grads.values()) {
            NDArray s = g.square().sum();
            sq = sq == null ? s : sq.add(s);
        }
        double norm = sq == null ? 0 : Math.sqrt(sq.getFloat());
        if (Double.isFinite(norm)) return norm;
        List<String> bad = new ArrayList<>();
        grads.forEach((k, g) -> { if (!Double.isFinite(g.abs().sum().getFloat())) bad.add(k); });
        System.err.println("engram: non-finite gradients in " + bad);
        return Double.NaN;
    }

    private static void requireUniqueNames(List<TrainingListener> listeners) {
        var seen = new java.util.HashSet<String>();
        for (TrainingListener l : listeners)
            if (!seen.add(l.name()))
                throw new dev.engram.core.UserError("two training listeners are named '" + l.name() + "'; each needs its own name for its checkpointed state");
    }
}
