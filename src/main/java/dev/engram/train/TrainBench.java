package dev.engram.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.engram.nn.GptConfig;
import dev.engram.nn.TransformerLM;
import java.util.Arrays;
import java.util.HashSet;
import java.util.SplittableRandom;

/**
 * Throughput of full training steps (forward, backward, AdamW) on random tokens: the workload of
 * shared/reference/gpt_train_bench.py (no dropout, AdamW with PyTorch's default weight decay 0.01 on every
 * parameter, lr 3e-4, 3 untimed warm-up steps, median of the timed steps).
 */
public final class TrainBench {
    private TrainBench() {}

    public record Result(long parameters, double medianStepMs, double tokensPerSecond, double flopsPerStep) {
        public double gflops() { return flopsPerStep / (medianStepMs / 1e3) / 1e9; }
    }

    public static Result run(int layers, int heads, int dim, int ctx, int batch, int vocab, int steps, NDManager manager) {
        GptConfig c = GptConfig.of(vocab, ctx, dim, layers, heads, 0.0);
        try (TransformerLM model = TransformerLM.init(c, manager, new SplittableRandom(0));
             AdamW opt = new AdamW(manager, 0.9, 0.999, 1e-8, 0.01, new HashSet<>(model.parameters().keySet()))) {
            double[] ms = new double[steps];
            for (int i = 0; i < steps + 3; i++) {
                try (NDManager sm = manager.newSubManager()) {
                    NDArray x = sm.randomInteger(0, vocab, new Shape(batch, ctx), DataType.INT64);
                    NDArray y = sm.randomInteger(0, vocab, new Shape(batch, ctx), DataType.INT64);
                    long t0 = System.nanoTime();
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(TransformerLM.loss(model.logits(x, false), y));
                    }
                    opt.step(model.parameters(), Gradients.collect(model.parameters(), sm), 3e-4, 1.0);
                    Gradients.clear(model.parameters());
                    if (i >= 3) ms[i - 3] = (System.nanoTime() - t0) / 1e6;
                }
            }
            Arrays.sort(ms);
            double med = steps % 2 == 1 ? ms[steps / 2] : (ms[steps / 2 - 1] + ms[steps / 2]) / 2;
            long params = c.parameterCount();
            // FLOP floor: 6 per parameter per token for the matrix products (embeddings excluded from
            // the matmul count except the output projection), plus attention's QK^T and AV, forward and backward.
            long matmulParams = params - (long) ctx * dim - 2L * dim * (2L * layers + 1) - (long) layers * (3L * dim + dim + 4L * dim + dim);
            double tokens = (double) batch * ctx;
            double flops = 6.0 * matmulParams * tokens + 6.0 * 2.0 * layers * (double) ctx * dim * tokens;
            return new Result(params, med, tokens / (med / 1e3), flops);
        }
    }
}
