package dev.engram.pc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.HashMap;
import java.util.Map;

/**
 * Adam as torch.optim.Adam computes it, with its coupled (L2) weight decay, after global gradient-norm clipping
 * as torch.nn.utils.clip_grad_norm_ does it: the authors' recipe is Adam(weight_decay=1e-4) with clip 10.
 * (Engram's {@link dev.engram.train.AdamW} decouples the decay, which is a different optimizer.)
 * g <- g * min(1, clip / (|g| + 1e-6)); g <- g + wd p; m <- b1 m + (1-b1) g; v <- b2 v + (1-b2) g^2;
 * p <- p - lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps). Call outside any gradient collector.
 */
public final class Adam implements AutoCloseable {
    private final NDManager manager;
    private final double beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay, clip;
    private final Map<String, NDArray> m = new HashMap<>(), v = new HashMap<>();
    private int t;

    /** {@code clip} <= 0 disables clipping. */
    public Adam(NDManager parent, double weightDecay, double clip) {
        this.manager = parent.newSubManager();
        this.weightDecay = weightDecay;
        this.clip = clip;
    }

    /** Updates {@code params} in place; returns the gradient norm before clipping. */
    public double step(Map<String, NDArray> params, Map<String, NDArray> grads, double lr) {
        return step(params, grads, lr, Map.of(), Map.of());
    }

    /** As {@link #step(Map, Map, double)} with a learning-rate and a weight-decay multiplier per parameter name (absent = 1). */
    public double step(Map<String, NDArray> params, Map<String, NDArray> grads, double lr, Map<String, Double> lrScale, Map<String, Double> decayScale) {
        double sq = 0;
        for (NDArray g : grads.values()) sq += g.square().sum().getFloat();
        double norm = Math.sqrt(sq);
        double scale = clip > 0 ? Math.min(1.0, clip / (norm + 1e-6)) : 1.0;
        t++;
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        for (var e : params.entrySet()) {
            NDArray p = e.getValue(), g = grads.get(e.getKey());
            if (g == null) continue;
            g = g.mul(scale);
            if (weightDecay > 0) g = g.add(p.mul(weightDecay * decayScale.getOrDefault(e.getKey(), 1.0)));
            NDArray mi = m.computeIfAbsent(e.getKey(), k -> keep(manager.zeros(p.getShape())));
            NDArray vi = v.computeIfAbsent(e.getKey(), k -> keep(manager.zeros(p.getShape())));
            mi.muli(beta1).addi(g.mul(1 - beta1));
            vi.muli(beta2).addi(g.square().muli(1 - beta2));
            p.subi(mi.div(bc1).divi(vi.div(bc2).sqrt().addi(eps)).muli(lr * lrScale.getOrDefault(e.getKey(), 1.0)));
        }
        return norm;
    }

    /** Optimizer state outlives the caller's NDScope. */
    private static NDArray keep(NDArray a) {
        NDScope.unregister(a);
        return a;
    }

    @Override public void close() { manager.close(); }
}
