package dev.engram.pc;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import dev.engram.nn.Constants;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A feed-forward predictive-coding network: x -> relu(W_1 x) -> ... -> logits = W_L h_{L-1}, cross-entropy
 * on the logits. Value nodes v_l for the hidden layers; errors e_l = v_l - relu(W_l v_{l-1}); at the top the
 * error is -(dCE/dlogits). Everything is written with explicit local messages (no autograd), which is the
 * form a circuit would compute: each update uses one layer's error and its neighbours' values.
 * Rows are examples; the loss is the batch mean.
 */
public final class FeedForwardPc implements AutoCloseable {
    private final NDManager manager;
    private final List<NDArray> w = new ArrayList<>(); // W_l (n_l, n_{l-1}), l = 1..L

    public FeedForwardPc(NDManager parent, int[] sizes, SplittableRandom rng) {
        if (sizes.length < 3) throw new IllegalArgumentException("need input, at least one hidden layer and output sizes");
        manager = parent.newSubManager();
        for (int l = 1; l < sizes.length; l++) {
            float[] v = new float[sizes[l] * sizes[l - 1]];
            double bound = 1 / Math.sqrt(sizes[l - 1]);
            for (int i = 0; i < v.length; i++) v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
            w.add(manager.create(v, new Shape(sizes[l], sizes[l - 1])));
        }
    }

    public Map<String, NDArray> params() {
        Map<String, NDArray> p = new LinkedHashMap<>();
        for (int l = 0; l < w.size(); l++) p.put("w" + (l + 1), w.get(l));
        return p;
    }

    /** The forward sweep: activations mu_0 = x, mu_1..mu_{L-1}, and the logits last. */
    public List<NDArray> forward(NDArray x) {
        List<NDArray> mu = new ArrayList<>(List.of(x));
        for (int l = 0; l < w.size(); l++) {
            NDArray a = mu.get(l).matMul(w.get(l).transpose());
            mu.add(l == w.size() - 1 ? a : Activation.relu(a));
        }
        return mu;
    }

    /** Backpropagation's gradients of the mean cross-entropy, by autograd (the reference). */
    public Map<String, NDArray> backprop(NDArray x, NDArray y) {
        Map<String, NDArray> p = params();
        p.values().forEach(a -> a.setRequiresGradient(true));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            List<NDArray> mu = forward(x);
            NDArray ce = mu.get(mu.size() - 1).logSoftmax(-1).mul(y).sum().neg();
            NDArray loss = ce.div(Constants.scalar(ce, x.getShape().get(0))); // scalar held by PyTorch: see Constants
            gc.backward(loss);
        }
        Map<String, NDArray> g = new LinkedHashMap<>();
        p.forEach((k, a) -> {
            g.put(k, a.getGradient().duplicate());
            JniUtils.zeroGrad((PtNDArray) a);
        });
        return g;
    }

    /** -(dCE/dlogits) per example. */
    private static NDArray outputError(NDArray logits, NDArray y) {
        return y.sub(logits.softmax(-1));
    }

    /**
     * Fixed prediction: predictions stay at the forward sweep; hidden errors relax as
     * e_l += rate (-e_l + (e_{l+1} * relu'(mu_{l+1})) W_{l+1}); updates dW_l = -(e_l * relu'(mu_l))^T mu_{l-1}.
     */
    public PcLearning.Result fixedPrediction(NDArray x, NDArray y, int steps, double rate) {
        List<NDArray> mu = forward(x);
        int top = w.size();
        NDArray[] e = new NDArray[top + 1];
        e[top] = outputError(mu.get(top), y).div(x.getShape().get(0)); // of the batch-mean loss: errors relax to its gradients
        for (int l = 1; l < top; l++) e[l] = mu.get(l).zerosLike();
        double[] energy = new double[steps + 1];
        energy[0] = hiddenEnergy(e);
        for (int s = 0; s < steps; s++) {
            NDArray[] next = e.clone();
            for (int l = 1; l < top; l++) next[l] = e[l].add(message(e, mu, l).sub(e[l]).mul(rate));
            e = next;
            energy[s + 1] = hiddenEnergy(e);
        }
        return new PcLearning.Result(updates(e, mu, mu, 1.0), Double.NaN, energy);
    }

    /**
     * Standard PC: values start at the forward sweep and follow dv_l = -e_l + (e_{l+1} * relu'(a_{l+1})) W_{l+1}
     * with predictions recomputed from the current values each step (the top error from the current logits).
     */
    public PcLearning.Result predictiveCoding(NDArray x, NDArray y, int steps, double rate) {
        List<NDArray> v = forward(x);
        int top = w.size();
        double[] energy = new double[steps + 1];
        for (int s = 0; ; s++) {
            List<NDArray> pred = predictions(v);
            NDArray[] e = new NDArray[top + 1];
            for (int l = 1; l < top; l++) e[l] = v.get(l).sub(pred.get(l));
            e[top] = outputError(pred.get(top), y);
            long b = x.getShape().get(0);
            energy[s] = (hiddenEnergy(e) + pred.get(top).logSoftmax(-1).mul(y).sum().neg().getFloat()) / b; // per example
            if (s == steps) return new PcLearning.Result(updates(e, v, pred, 1.0 / b), energy[s], energy);
            for (int l = 1; l < top; l++) v.set(l, v.get(l).add(message(e, pred, l).sub(e[l]).mul(rate)));
        }
    }

    /** pred_l = relu(W_l v_{l-1}) (logits at the top); entry 0 is unused. */
    private List<NDArray> predictions(List<NDArray> v) {
        List<NDArray> p = new ArrayList<>(List.of(v.get(0)));
        for (int l = 0; l < w.size(); l++) {
            NDArray a = v.get(l).matMul(w.get(l).transpose());
            p.add(l == w.size() - 1 ? a : Activation.relu(a));
        }
        return p;
    }

    /** The error arriving at layer l from above: (e_{l+1} * relu'(pred_{l+1})) W_{l+1} (no relu at the top). */
    private NDArray message(NDArray[] e, List<NDArray> pred, int l) {
        NDArray g = l + 1 == w.size() ? e[l + 1] : e[l + 1].mul(pred.get(l + 1).gt(0).toType(e[l + 1].getDataType(), false));
        return g.matMul(w.get(l));
    }

    /** dLoss/dW_l = -scale (e_l * relu'(pred_l))^T pre_{l-1}. */
    private Map<String, NDArray> updates(NDArray[] e, List<NDArray> pre, List<NDArray> pred, double scale) {
        Map<String, NDArray> g = new LinkedHashMap<>();
        int top = w.size();
        for (int l = 1; l <= top; l++) {
            NDArray d = l == top ? e[l] : e[l].mul(pred.get(l).gt(0).toType(e[l].getDataType(), false));
            g.put("w" + l, d.transpose().matMul(pre.get(l - 1)).mul((float) -scale));
        }
        return g;
    }

    private static double hiddenEnergy(NDArray[] e) {
        double s = 0;
        for (int l = 1; l < e.length - 1; l++) s += e[l].square().sum().getFloat() / 2;
        return s;
    }

    @Override public void close() { manager.close(); }
}
