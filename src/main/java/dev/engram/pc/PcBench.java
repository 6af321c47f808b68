package dev.engram.pc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.engram.data.Mnist;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Seconds per sMNIST epoch for MPL and BPTT on the same network, timed on the second epoch over a subset and
 * extrapolated to 60,000 images, and the share of MPL's time spent in matrix products, estimated by timing the inference's matrix
 * products alone (the same shapes and count) in a loop.
 */
public final class PcBench {
    private PcBench() {}

    public static void run(NDManager manager, Path mnistDir, int trainSize, int steps, double rate, PrintStream out) {
        Mnist.Split train = Mnist.load(mnistDir, true), test = Mnist.load(mnistDir, false);
        Map<PcConfig.Method, Double> seconds = new java.util.EnumMap<>(PcConfig.Method.class);
        for (PcConfig.Method method : new PcConfig.Method[] {PcConfig.Method.BPTT, PcConfig.Method.MPL}) {
            PcConfig cfg = PcConfig.builder(PcConfig.Task.SMNIST, method)
                    .epochs(2) // the second epoch is timed: the first pays for warm-up (JIT, allocator)
                    .trainSize(trainSize).testSize(100).inferenceSteps(steps).rate(rate).ensemble(1).build();
            PcTrainer.Outcome o = PcTrainer.train(cfg, new SmnistTask(train, test, trainSize, 100), manager, e -> {});
            double full = o.last().seconds() * train.size() / trainSize;
            seconds.put(method, full);
            out.printf(java.util.Locale.ROOT, "%-4s  %6.1f s per 60k epoch (%.2f s for %d images)%s%n", method, full, o.last().seconds(), trainSize,
                    method == PcConfig.Method.MPL ? ", " + steps + " inference steps at rate " + rate + " (" + cfg.inference() + " prediction)" : "");
        }
        double ratio = seconds.get(PcConfig.Method.MPL) / seconds.get(PcConfig.Method.BPTT);
        out.printf(java.util.Locale.ROOT, "mpl / bptt = %.1f (budget: inference steps + 2 = %d)%n", ratio, steps + 2);
        double mm = matmulSeconds(manager, 128, 28, 28, 100, 10, steps) * Math.ceil((double) trainSize / 128);
        double mplSubset = seconds.get(PcConfig.Method.MPL) * trainSize / train.size();
        out.printf(java.util.Locale.ROOT, "mpl: matrix products alone take %.2f s of %.2f s (%.0f%%)%n", mm, mplSubset, 100 * mm / mplSubset);
    }

    /**
     * Time of the matrix products of one batch under fixed-prediction inference: per inference step the two
     * recurrent messages (mean and variance) over all steps at once; once per batch the forward sweep's mean and
     * variance products (input and readout over all steps, the recurrent ones step by step), the readout messages
     * and the six local updates.
     */
    static double matmulSeconds(NDManager parent, int b, int t, int in, int h, int o, int steps) {
        try (NDManager m = parent.newSubManager()) {
            NDArray x = m.randomUniform(0, 1, new Shape(t * b, in)), v = m.randomUniform(0, 1, new Shape(t * b, h));
            NDArray hb = m.randomUniform(0, 1, new Shape(b, h));
            NDArray wi = m.randomUniform(0, 1, new Shape(h, in)), wr = m.randomUniform(0, 1, new Shape(h, h)), wo = m.randomUniform(0, 1, new Shape(o, h));
            NDArray go = m.randomUniform(0, 1, new Shape(t * b, o));
            Runnable perStep = () -> {
                try (NDManager s = m.newSubManager()) {
                    for (NDArray a : new NDArray[] {v.matMul(wr), v.matMul(wr)}) a.attach(s);
                }
            };
            Runnable perBatch = () -> {
                try (NDManager s = m.newSubManager()) {
                    java.util.List<NDArray> r = new java.util.ArrayList<>(java.util.List.of(x.matMul(wi.transpose()), x.matMul(wi.transpose()),
                            v.matMul(wo.transpose()), v.matMul(wo.transpose()), go.matMul(wo), go.matMul(wo),
                            v.transpose().matMul(x), v.transpose().matMul(x), v.transpose().matMul(v), v.transpose().matMul(v),
                            go.transpose().matMul(v), go.transpose().matMul(v)));
                    for (int k = 0; k < 2 * t; k++) r.add(hb.matMul(wr.transpose()));
                    for (NDArray a : r) a.attach(s);
                }
            };
            for (int i = 0; i < 5; i++) {
                perStep.run();
                perBatch.run();
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) perStep.run();
            perBatch.run();
            return (System.nanoTime() - t0) / 1e9;
        }
    }
}
