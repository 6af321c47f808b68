package dev.engram.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.engram.core.Progress;
import dev.engram.core.Seeds;
import dev.engram.data.TokenData;
import dev.engram.data.Tokenizer;
import dev.engram.io.Safetensors;
import dev.engram.nn.GptConfig;
import dev.engram.nn.ModelFiles;
import dev.engram.nn.TransformerLM;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Trains a {@link TransformerLM} with AdamW, warm-up + cosine learning rate, global-norm clipping, periodic
 * validation and atomic checkpoints. Every random draw (initial weights, batches, dropout) comes from the run
 * seed and the step, so a run resumed from a checkpoint continues exactly as if it had never stopped.
 * Behaviour beyond this is added by {@link TrainingListener}s. A non-finite loss or gradient, or a loss that
 * explodes, stops the run with {@link TrainingDiverged} before the bad update is applied; the last
 * checkpoint stays as it was.
 */
public final class Trainer {
    /** The loss may not exceed this multiple of the lowest training loss seen after warm-up. */
    static final double EXPLOSION_FACTOR = 4.0;

    private final TrainConfig config;
    private final Path outDir;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private boolean quiet;
    private int stopAfter = Integer.MAX_VALUE;

    public Trainer(TrainConfig config, Path outDir) {
        this.config = config;
        this.outDir = outDir;
    }

    public Trainer addListener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /**
     * Ends this call after {@code step} (a checkpoint is written there) while the schedule still runs to
     * config.steps(); a later {@link #resume} continues. Used to train in phases.
     */
    public Trainer stopAfter(int step) {
        stopAfter = step;
        return this;
    }

    /** No progress bar (tests). */
    public Trainer quiet() {
        quiet = true;
        return this;
    }

    /** The outcome of a run. */
    public record Result(int steps, double finalTrainLoss, double finalValidationLoss, double bestValidationLoss, double tokensPerSecond) {}

    /** A fresh run: initial weights from the seed. */
    public Result run(Tokenizer tokenizer, TokenData data, NDManager manager) {
        GptConfig mc = GptConfig.of(tokenizer.vocabSize(), config.ctx(), config.dim(), config.layers(), config.heads(), config.dropout());
        try (TransformerLM model = TransformerLM.init(mc, manager, Seeds.random(config.seed(), "init", 0))) {
            return loop(model, tokenizer, data, manager, null);
        }
    }

    /** Continues from the run folder's checkpoint. */
    public Result resume(Tokenizer tokenizer, TokenData data, NDManager manager) {
        TrainingState state = Checkpoints.readState(outDir);
        Path ck = Checkpoints.dir(outDir);
        try (TransformerLM model = ModelFiles.load(ck, manager)) {
            return loop(model, tokenizer, data, manager, state);
        }
    }

    private Result loop(TransformerLM model, Tokenizer tokenizer, TokenData data, NDManager manager, TrainingState resumed) {
        Map<String, NDArray> params = model.parameters();
        Set<String> decayed = new HashSet<>();
        params.forEach((k, v) -> { if (v.getShape().dimension() >= 2) decayed.add(k); });
        try (AdamW opt = new AdamW(manager, config.beta1(), config.beta2(), config.eps(), config.weightDecay(), decayed);
             MetricsLog metrics = new MetricsLog(outDir.resolve("metrics.jsonl"))) {
            int start = 0;
            long tokensSeen = 0;
            double best = Double.POSITIVE_INFINITY, lowest = Double.POSITIVE_INFINITY;
            if (resumed != null) {
                opt.load(Safetensors.read(Checkpoints.dir(outDir).resolve(Checkpoints.OPTIMIZER)).tensors(), resumed.optimizerSteps());
                start = resumed.step();
                tokensSeen = resumed.tokensSeen();
                best = resumed.bestValidationLoss();
                lowest = resumed.lowestTrainLoss();
                metrics.truncateAfter(start);
            } else {
                metrics.truncateAfter(0);
            }
            var ctx = new TrainingContext(config, model, opt, tokenizer, data, manager, outDir);
            listeners.forEach(l -> l.onStart(ctx));
            boolean hidden = listeners.stream().anyMatch(TrainingListener::needsHiddenStates);
            LrSchedule schedule = new LrSchedule(config.lr(), config.warmup(), config.steps(), config.minLrRatio());
            Progress progress = quiet ? null : new Progress("train", config.steps());
            int b = config.batch(), t = config.ctx();
            double lastLoss = Double.NaN, lastVal = Double.NaN, rate = 0;
            int last = Math.min(config.steps(), stopAfter);
            for (int step = start + 1; step <= last; step++) {
                long t0 = System.nanoTime();
                double lr = schedule.at(step);
                Engine.getInstance().setRandomSeed(Seeds.intSeed(config.seed(), "dropout", step));
                long[][] xy = data.sample(b, t, Seeds.random(config.seed(), "batch", step));
                double loss, gradNorm;
                try (NDManager sm = manager.newSubManager()) {
                    NDArray x = sm.create(xy[0], new Shape(b, t)), y = sm.create(xy[1], new Shape(b, t));
                    NDArray total;
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        TransformerLM.Output out = model.forward(x, true, hidden);
                        total = TransformerLM.loss(out.logits(), y);
                        loss = total.getFloat();
                        for (TrainingListener l : listeners) {
                            NDArray extra = l.lossTerm(ctx, out, x);
                            if (extra != null) total = total.add(extra);
                        }
                        gc.backward(total);
                    }
                    double totalLoss = total.getFloat();
                    Map<String, NDArray> grads = Gradients.collect(params, sm);
                    NDArray sq = null;
                    for (NDArray g : grads.values()) {
                        NDArray s = g.square().sum();
                        sq = sq == null ? s : sq.add(s);
                    }
                    gradNorm = Math.sqrt(sq.getFloat());
                    if (!Double.isFinite(gradNorm)) gradNorm = nonFinite(grads);
                    guard(step, totalLoss, gradNorm, lowest);
                    double scale = config.gradClip() > 0 && gradNorm > config.gradClip() ? config.gradClip() / gradNorm : 1.0;
                    opt.step(params, grads, lr, scale);
                    Gradients.clear(params);
                }
                if (step > config.warmup()) lowest = Math.min(lowest, loss);
                tokensSeen += (long) b * t;
                rate = (double) b * t / ((System.nanoTime() - t0) / 1e9);
                lastLoss = loss;
                var stats = new TrainingListener.StepStats(step, loss, gradNorm, lr, rate);
                for (TrainingListener l : listeners) l.onStep(ctx, stats);
                Double val = null;
                if (step % config.evalEvery() == 0 || step == last) {
                    val = validationLoss(model, data, manager);
                    lastVal = val;
                    best = Math.min(best, val);
                    for (TrainingListener l : listeners) l.onEvaluation(ctx, step, val);
                }
                metrics.log(step, loss, val, rate, lr, gradNorm);
                if (progress != null)
                    progress.update(step, String.format(Locale.ROOT, "loss %.3f%s", loss, Double.isNaN(lastVal) ? "" : String.format(Locale.ROOT, " val %.3f", lastVal)));
                if (step % config.checkpointEvery() == 0 || step == last) {
                    metrics.flush();
                    Checkpoints.save(outDir, model, tokenizer, opt,
                            new TrainingState(step, tokensSeen, best, lowest, opt.stepCounts(), "derived from seed and step", config));
                }
            }
            listeners.forEach(l -> l.onEnd(ctx));
            return new Result(last, lastLoss, lastVal, best, rate);
        }
    }

    /** Validation loss on the first evalBatches x batch windows of the validation stream (fixed across evaluations). */
    double validationLoss(TransformerLM model, TokenData data, NDManager manager) {
        long tokens = (long) config.evalBatches() * config.batch() * config.ctx();
        return Evaluator.score(model, data.validation(), config.ctx(), config.batch(), tokens, manager).loss();
    }

    /** Names the parameters whose gradients are not finite (on stderr), and returns NaN. */
    private static double nonFinite(Map<String, NDArray> grads) {
        List<String> bad = new ArrayList<>();
        grads.forEach((k, g) -> { if (!Double.isFinite(g.abs().sum().getFloat())) bad.add(k); });
        System.err.println("engram: non-finite gradients in " + bad);
        return Double.NaN;
    }

    private void guard(int step, double loss, double gradNorm, double lowest) {
        String last = Checkpoints.exists(outDir)
                ? "the last good checkpoint (step " + Checkpoints.readState(outDir).step() + ") is in " + Checkpoints.dir(outDir)
                : "no checkpoint was written yet";
        if (!Double.isFinite(loss) || !Double.isFinite(gradNorm))
            throw new TrainingDiverged(String.format(Locale.ROOT, "training diverged at step %d: loss %s, gradient norm %s; %s. "
                    + "Lower --lr (now %g) or raise --warmup, then --resume or start again.", step, loss, gradNorm, last, config.lr()));
        if (Double.isFinite(lowest) && loss > EXPLOSION_FACTOR * lowest)
            throw new TrainingDiverged(String.format(Locale.ROOT, "training diverged at step %d: loss %.3f is over %.0fx the lowest so far (%.3f); %s. "
                    + "Lower --lr (now %g), then --resume or start again.", step, loss, EXPLOSION_FACTOR, lowest, last, config.lr()));
    }
}
