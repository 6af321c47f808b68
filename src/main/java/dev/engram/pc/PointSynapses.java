package dev.engram.pc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.SplittableRandom;

/** Ordinary weights W (out, in), initialised U(-1/sqrt(N), 1/sqrt(N)) as PyTorch's RNN and Linear layers do. */
public final class PointSynapses implements Synapses {
    private final String name;
    private final NDArray w; // (out, in)

    public PointSynapses(String name, NDManager manager, int out, int in, SplittableRandom rng) {
        this.name = name;
        float[] v = new float[out * in];
        double bound = 1 / Math.sqrt(in);
        for (int i = 0; i < v.length; i++) v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        this.w = manager.create(v, new Shape(out, in));
    }

    public PointSynapses(String name, NDArray w) {
        this.name = name;
        this.w = w;
    }

    @Override public String name() { return name; }
    @Override public int fanIn() { return (int) w.getShape().get(1); }
    @Override public NDArray mean() { return w; }
    @Override public NDArray variance() { return null; }
    @Override public Map<String, NDArray> params() { return Map.of(name + ".w", w); }
    @Override public Map<String, NDArray> grads(NDArray gMean, NDArray gVar) { return Map.of(name + ".w", gMean); }
    @Override public void project() {}
    @Override public NDArray sample(NDManager manager, SplittableRandom rng) { return w.duplicate(); }

    public NDArray weight() { return w; }
}
