package dev.engram.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.engram.core.AtomicFiles;
import dev.engram.core.Seeds;
import dev.engram.data.ByteTokenizer;
import dev.engram.nn.GptConfig;
import dev.engram.nn.TransformerLM;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Throughput of full training steps (forward, backward, AdamW) on random tokens: the workload of
 * shared/reference/gpt_train_bench.py (no dropout, AdamW with PyTorch's default weight decay 0.01 on every
 * parameter, lr 3e-4, 3 untimed warm-up steps, median of the timed steps). Timed twice in one process: through the
 * {@link TrainLoop} (what `engram train` runs: batch source, listeners, gradient norm) and as a bare step (model,
 * backward, AdamW, nothing else), bare first and last, so the loop's overhead is a ratio taken in the same run.
 */
public final class TrainBench {
    private TrainBench() {}

    /**
     * @param medianStepMs     median step through the loop
     * @param bareStepMs       median bare step (the mean of the runs before and after the loop's)
     */
    public record Result(long parameters, double medianStepMs, double bareStepMs, double tokensPerSecond, double flopsPerStep) {
        public double gflops() { return flopsPerStep / (medianStepMs / 1e3) / 1e9; }

        /** Loop step time over bare step time: 1.0 means the loop costs nothing. */
        public double loopOverBare() { return medianStepMs / bareStepMs; }
    }

    public static Result run(int layers, int heads, int dim, int ctx, int batch, int vocab, int steps, NDManager manager) {
        GptConfig c = GptConfig.of(vocab, ctx, dim, layers, heads, 0.0);
        double bare1 = bare(c, batch, steps, manager);
        double loop = throughLoop(c, batch, steps, manager);
        double bare2 = bare(c, batch, steps, manager);
        long params = c.parameterCount();
        // FLOP floor: 6 per parameter per token for the matrix products (embeddings excluded from
        // the matmul count except the output projection), plus attention's QK^T and AV, forward and backward.
        long matmulParams = params - (long) ctx * dim - 2L * dim * (2L * layers + 1) - (long) layers * (3L * dim + dim + 4L * dim + dim);
        double tokens = (double) batch * ctx;
        double flops = 6.0 * matmulParams * tokens + 6.0 * 2.0 * layers * (double) ctx * dim * tokens;
        return new Result(params, loop, (bare1 + bare2) / 2, tokens / (loop / 1e3), flops);
    }

    /** Median ms of a step with nothing around it. */
    static double bare(GptConfig c, int batch, int steps, NDManager manager) {
        try (TransformerLM model = TransformerLM.init(c, manager, new SplittableRandom(0));
             AdamW opt = new AdamW(manager, 0.9, 0.999, 1e-8, 0.01, new HashSet<>(model.parameters().keySet()))) {
            double[] ms = new double[steps];
            for (int i = 0; i < steps + 3; i++) {
                try (NDManager sm = manager.newSubManager()) {
                    NDArray x = sm.randomInteger(0, c.vocabSize(), new Shape(batch, c.nPositions()), DataType.INT64);
                    NDArray y = sm.randomInteger(0, c.vocabSize(), new Shape(batch, c.nPositions()), DataType.INT64);
                    long t0 = System.nanoTime();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(TransformerLM.loss(model.logits(x, false), y));
                    }
                    opt.step(model.parameters(), Gradients.collect(model.parameters(), sm), 3e-4, 1.0);
                    Gradients.clear(model.parameters());
                    if (i >= 3) ms[i - 3] = (System.nanoTime() - t0) / 1e6;
                }
            }
            return median(ms);
        }
    }

    /** Median ms of a step through the loop (its own per-step timing), weight decay on every parameter as the reference. */
    static double throughLoop(GptConfig c, int batch, int steps, NDManager manager) {
        Path dir;
        try {
            dir = Files.createTempDirectory("engram-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoopConfig lc = LoopConfig.builder().steps(steps + 3).lr(3e-4).warmup(0).minLrRatio(1).weightDecay(0.01).betas(0.9, 0.999)
                .gradClip(0).evalEvery(Integer.MAX_VALUE).checkpointEvery(Integer.MAX_VALUE).build();
        BatchSource random = new BatchSource() {
            @Override public Batch batch(int step) {
                SplittableRandom r = Seeds.random(0, "bench", step);
                long[] x = new long[batch * c.nPositions()], y = new long[x.length];
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextInt(c.vocabSize());
                    y[i] = r.nextInt(c.vocabSize());
                }
                return new TokenBatch(x, y, batch, c.nPositions());
            }

            @Override public String describe() { return "random tokens"; }
        };
        List<Double> ms = new ArrayList<>();
        TrainingListener timer = new TrainingListener() {
            @Override public void afterStep(TrainingContext ctx, StepRecord r) {
                if (r.step() > 3) ms.add((double) batch * c.nPositions() / r.itemsPerSecond() * 1e3);
            }
        };
        try (LanguageModel lm = new LanguageModel(TransformerLM.init(c, manager, new SplittableRandom(0)), new ByteTokenizer());
             Trainable everyParameterDecayed = new Trainable() { // as the reference: weight decay on every parameter
                 @Override public java.util.Map<String, NDArray> parameters() { return lm.parameters(); }
                 @Override public java.util.Set<String> decayed() { return new HashSet<>(lm.parameters().keySet()); }
                 @Override public Forward forward(Batch b, NDManager scope, boolean training, boolean keep) { return lm.forward(b, scope, training, keep); }
                 @Override public void reinitialize(String name, SplittableRandom rng) { lm.reinitialize(name, rng); }
                 @Override public void save(Path d) { lm.save(d); }
                 @Override public void load(Path d) { lm.load(d); }
                 @Override public void close() {}
             }) {
            new TrainLoop(lc, dir).add(timer).quiet().run(everyParameterDecayed, random, manager, null);
        } finally {
            try {
                AtomicFiles.deleteRecursively(dir);
            } catch (IOException e) {
                // a temporary folder left behind is harmless
            }
        }
        return median(ms.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
