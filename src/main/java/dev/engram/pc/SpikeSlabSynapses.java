package dev.engram.pc;

import ai.djl.ndarray.NDArray;
import dev.engram.nn.Constants;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Spike-and-slab synapses (meta predictive learning): w = 0 with probability pi, else Gaussian with mean
 * m / (N (1 - pi)) and variance xi / (N (1 - pi)). This slab scaling is the one that gives the moments of the
 * paper, E[w] = mu = m / N and E[w^2] = rho = m^2 / (N^2 (1 - pi)) + xi / N, so Var[w] = rho - mu^2.
 * Only (pi, m, xi) are learned; pi is clipped to [0, piMax] and xi to [0, inf) after each update.
 */
public final class SpikeSlabSynapses implements Synapses {
    private final String name;
    private final int n;
    private final double piMax;
    private final NDArray pi, m, xi; // each (out, in)

    /** m ~ U(-m0 sqrt(N), m0 sqrt(N)), so mu = m/N starts as PyTorch's U(-1/sqrt(N), 1/sqrt(N)) at m0 = 1; pi and xi start at the given constants. */
    public SpikeSlabSynapses(String name, NDManager manager, int out, int in, double pi0, double xi0, double m0, double piMax, SplittableRandom rng) {
        this.name = name;
        this.n = in;
        this.piMax = piMax;
        float[] mv = new float[out * in];
        double bound = m0 * Math.sqrt(in);
        for (int i = 0; i < mv.length; i++) mv[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        Shape s = new Shape(out, in);
        this.m = manager.create(mv, s);
        this.pi = manager.full(s, (float) pi0);
        this.xi = manager.full(s, (float) xi0);
    }

    /** From given tensors (tests). */
    public SpikeSlabSynapses(String name, NDArray pi, NDArray m, NDArray xi, double piMax) {
        this.name = name;
        this.n = (int) m.getShape().get(1);
        this.piMax = piMax;
        this.pi = pi;
        this.m = m;
        this.xi = xi;
    }

    @Override public String name() { return name; }
    @Override public int fanIn() { return n; }

    @Override public NDArray mean() { return m.div(Constants.scalar(m, n)); }

    /**
     * Var[w] = rho - mu^2 = m^2 pi / (N^2 (1 - pi)) + xi / N, written in this form (not as a difference) so it
     * stays non-negative in float32 when pi and xi are in their domain.
     */
    @Override public NDArray variance() {
        return m.square().mul(pi).div(pi.neg().add(Constants.scalar(pi, 1)).mul(Constants.scalar(pi, (double) n * n))).add(xi.div(Constants.scalar(xi, n)));
    }

    /**
     * mu = m/N and Var = m^2 pi / (N^2 (1 - pi)) + xi/N give dm = gMean/N + gVar 2 m pi / (N^2 (1 - pi)),
     * dpi = gVar m^2 / (N^2 (1 - pi)^2), dxi = gVar / N. No autograd: call outside a gradient collector.
     */
    @Override public Map<String, NDArray> grads(NDArray gMean, NDArray gVar) {
        double nn = (double) n * n;
        NDArray keep = pi.neg().add(1);
        Map<String, NDArray> g = new LinkedHashMap<>();
        g.put(name + ".pi", gVar.mul(m.square()).div(keep.square().mul(nn)));
        g.put(name + ".m", gMean.div(n).add(gVar.mul(m).mul(pi).div(keep.mul(nn / 2))));
        g.put(name + ".xi", gVar.div(n));
        return g;
    }

    @Override public Map<String, NDArray> params() {
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put(name + ".pi", pi);
        p.put(name + ".m", m);
        p.put(name + ".xi", xi);
        return p;
    }

    @Override public void project() {
        NDArray a = pi.clip(0, piMax), b = xi.maximum(Constants.scalar(xi, 0));
        // In place and exact (x * 0 + a == a for finite x), without copying through the host: NDArray.set(float[])
        // would, and DJL's native set also prints PyTorch's AutoNonVariableTypeMode deprecation warning.
        pi.muli(0).addi(a);
        xi.muli(0).addi(b);
        a.close();
        b.close();
    }

    @Override public NDArray sample(NDManager manager, SplittableRandom rng) {
        float[] p = pi.toFloatArray(), mm = m.toFloatArray(), x = xi.toFloatArray(), w = new float[p.length];
        for (int i = 0; i < w.length; i++) {
            if (rng.nextDouble() < p[i]) continue; // the spike: an absent synapse
            double keep = 1 - p[i];
            w[i] = (float) (mm[i] / (n * keep) + Math.sqrt(Math.max(0, x[i]) / (n * keep)) * rng.nextGaussian());
        }
        return manager.create(w, m.getShape());
    }

    public NDArray pi() { return pi; }
    public NDArray m() { return m; }
    public NDArray xi() { return xi; }
}
