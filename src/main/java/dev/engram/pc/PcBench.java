package dev.engram.pc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.engram.data.Mnist;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Seconds per sMNIST epoch for MPL and BPTT on the same network, timed on a subset and extrapolated to 60,000
 * images, and the share of MPL's time spent in matrix products, estimated by timing the inference's matrix
 * products alone (the same shapes and count) in a loop.
 */
public final class PcBench {
    private PcBench() {}

    public static void run(NDManager manager, Path mnistDir, int trainSize, int steps, PrintStream out) {
        Mnist.Split train = Mnist.load(mnistDir, true), test = Mnist.load(mnistDir, false);
        Map<String, Double> seconds = new java.util.LinkedHashMap<>();
        for (String method : new String[] {"bptt", "mpl"}) {
            Map<String, Object> m = new java.util.LinkedHashMap<>(dev.engram.core.Json.MAPPER.convertValue(PcConfig.defaults("smnist", method), Map.class));
            m.put("epochs", 1);
            m.put("trainSize", trainSize);
            m.put("testSize", 100);
            m.put("inferenceSteps", steps);
            m.put("ensemble", 1);
            PcConfig cfg = dev.engram.core.Json.MAPPER.convertValue(m, PcConfig.class);
            PcTrainer.Outcome o = PcTrainer.train(cfg, new SmnistTask(train, test, trainSize, 100), manager, e -> {});
            double full = o.last().seconds() * train.size() / trainSize;
            seconds.put(method, full);
            out.printf(java.util.Locale.ROOT, "%-4s  %6.1f s per 60k epoch (%.2f s for %d images)%s%n", method, full, o.last().seconds(), trainSize,
                    method.equals("mpl") ? ", " + steps + " inference steps" : "");
        }
        double ratio = seconds.get("mpl") / seconds.get("bptt");
        out.printf(java.util.Locale.ROOT, "mpl / bptt = %.1f (budget: inference steps + 2 = %d)%n", ratio, steps + 2);
        double mm = matmulSeconds(manager, 128, 28, 28, 100, 10, steps) * Math.ceil((double) trainSize / 128);
        double mplSubset = seconds.get("mpl") * trainSize / train.size();
        out.printf(java.util.Locale.ROOT, "mpl: matrix products alone take %.2f s of %.2f s (%.0f%%)%n", mm, mplSubset, 100 * mm / mplSubset);
    }

    /** Time of the matrix products of one batch's inference: per step 6 forward products (mean and variance of three layers) and 4 for the value nodes' gradient, as the energy has them. */
    static double matmulSeconds(NDManager parent, int b, int t, int in, int h, int o, int steps) {
        try (NDManager m = parent.newSubManager()) {
            NDArray x = m.randomUniform(0, 1, new Shape(t * b, in)), v = m.randomUniform(0, 1, new Shape(t * b, h));
            NDArray wi = m.randomUniform(0, 1, new Shape(in, h)), wr = m.randomUniform(0, 1, new Shape(h, h)), wo = m.randomUniform(0, 1, new Shape(h, o));
            NDArray go = m.randomUniform(0, 1, new Shape(t * b, o)), gh = m.randomUniform(0, 1, new Shape(t * b, h));
            Runnable once = () -> {
                try (NDManager s = m.newSubManager()) {
                    NDArray[] r = {x.matMul(wi), x.matMul(wi), v.matMul(wr), v.matMul(wr), v.matMul(wo), v.matMul(wo),
                            go.matMul(wo.transpose()), go.matMul(wo.transpose()), gh.matMul(wr.transpose()), gh.matMul(wr.transpose())};
                    for (NDArray a : r) a.attach(s);
                }
            };
            for (int i = 0; i < 5; i++) once.run();
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) once.run();
            return (System.nanoTime() - t0) / 1e9;
        }
    }
}
