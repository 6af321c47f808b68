package dev.engram.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.engram.io.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * AdamW as PyTorch's torch.optim.AdamW computes it: p <- p (1 - lr wd); m <- b1 m + (1-b1) g;
 * v <- b2 v + (1-b2) g^2; p <- p - lr (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps).
 * Each parameter has its own step counter, so a mechanism can reset one parameter's state (its moments and
 * count) without touching the others. Call {@link #step} outside any gradient collector.
 */
public final class AdamW implements AutoCloseable {
    private final NDManager manager;
    private final double beta1, beta2, eps, weightDecay;
    private final Set<String> decayed;
    private final Map<String, NDArray> m = new LinkedHashMap<>(), v = new LinkedHashMap<>();
    private final Map<String, Integer> t = new LinkedHashMap<>();

    /** {@code decayed}: names of the parameters that get weight decay. */
    public AdamW(NDManager parent, double beta1, double beta2, double eps, double weightDecay, Set<String> decayed) {
        this.manager = parent.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decayed = decayed;
    }

    /** Updates every parameter in place from its gradient, scaled by {@code gradScale} (for clipping). */
    public void step(Map<String, NDArray> params, Map<String, NDArray> grads, double lr, double gradScale) {
        step(params, grads, name -> lr, gradScale);
    }

    /**
     * As {@link #step(Map, Map, double, double)} with each parameter's own learning rate; a parameter without a
     * gradient in {@code grads} (e.g. frozen) is left as it is, moments and step count included.
     */
    public void step(Map<String, NDArray> params, Map<String, NDArray> grads, ToDoubleFunction<String> lrOf, double gradScale) {
        try (NDManager tmp = manager.newSubManager()) {
            for (var e : params.entrySet()) {
                String name = e.getKey();
                NDArray p = e.getValue();
                NDArray g = grads.get(name);
                if (g == null) continue;
                double lr = lrOf.applyAsDouble(name);
                if (gradScale != 1.0) {
                    g = g.mul(gradScale);
                    g.attach(tmp);
                }
                NDArray mi = m.computeIfAbsent(name, k -> manager.zeros(p.getShape()));
                NDArray vi = v.computeIfAbsent(name, k -> manager.zeros(p.getShape()));
                int step = t.merge(name, 1, Integer::sum);
                if (weightDecay > 0 && decayed.contains(name)) p.muli(1 - lr * weightDecay);
                NDArray g1 = g.mul(1 - beta1);
                NDArray g2 = g.square().muli(1 - beta2);
                g1.attach(tmp);
                g2.attach(tmp);
                mi.muli(beta1).addi(g1);
                vi.muli(beta2).addi(g2);
                double bc1 = 1 - Math.pow(beta1, step), bc2 = 1 - Math.pow(beta2, step);
                NDArray denom = vi.sqrt().divi(Math.sqrt(bc2)).addi(eps);
                NDArray update = mi.div(denom).muli(lr / bc1);
                denom.attach(tmp);
                update.attach(tmp);
                p.subi(update);
            }
        }
    }

    /** Forgets one parameter's moments and step count (e.g. after the parameter was re-drawn). */
    public void reset(String name) {
        NDArray a = m.remove(name), b = v.remove(name);
        if (a != null) a.close();
        if (b != null) b.close();
        t.remove(name);
    }

    /** The state as tensors "m.NAME", "v.NAME" and per-parameter step counts, for checkpoints. */
    public Map<String, Tensor> stateTensors() {
        var out = new LinkedHashMap<String, Tensor>();
        m.forEach((k, a) -> out.put("m." + k, new Tensor(a.getShape().getShape(), a.toFloatArray())));
        v.forEach((k, a) -> out.put("v." + k, new Tensor(a.getShape().getShape(), a.toFloatArray())));
        return out;
    }

    public Map<String, Integer> stepCounts() { return Map.copyOf(t); }

    public void load(Map<String, Tensor> state, Map<String, Integer> steps) {
        for (var e : state.entrySet()) {
            String key = e.getKey();
            var target = key.startsWith("m.") ? m : key.startsWith("v.") ? v : null;
            if (target == null) continue;
            NDArray old = target.put(key.substring(2), manager.create(e.getValue().values(), new ai.djl.ndarray.types.Shape(e.getValue().shape())));
            if (old != null) old.close();
        }
        t.clear();
        t.putAll(steps);
    }

    @Override public void close() { manager.close(); }
}
