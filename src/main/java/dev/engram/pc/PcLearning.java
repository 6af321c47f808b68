package dev.engram.pc;

import ai.djl.engine.Engine;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.ndarray.NDArray;
import dev.engram.nn.Constants;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three ways a {@link RecurrentNet} gets its parameter updates from one batch. Each returns gradients of a
 * loss averaged over the batch (the optimizer descends them), and never changes the parameters itself.
 * <ul>
 *   <li>{@link #bptt}: backpropagation through time by autograd on the cross-entropy.</li>
 *   <li>{@link #fixedPrediction}: predictive coding with predictions frozen at the forward sweep (Millidge et al.
 *       2022; Torch2PC's FixedPred): errors relax by purely local messages and, at the fixed point, equal the
 *       backpropagated gradients, so the local updates equal BPTT's gradients.</li>
 *   <li>{@link #predictiveCoding}: standard inference (predictions recomputed from the current value nodes) by
 *       gradient descent of the energy, then the energy's gradient in the parameters at the relaxed values:
 *       plain PC with point weights, meta predictive learning with spike-and-slab weights.</li>
 * </ul>
 * Call inside an {@link ai.djl.ndarray.NDScope} (or a manager that is closed after the optimizer step).
 */
public final class PcLearning {
    private PcLearning() {}

    /** Gradients, the batch's mean loss (cross-entropy, or energy per example for PC), and the energy per example after each inference step. */
    public record Result(Map<String, NDArray> grads, double loss, double[] energy) {}

    public static Result bptt(RecurrentNet net, SeqBatch batch) {
        Map<String, NDArray> params = net.params();
        params.values().forEach(p -> p.setRequiresGradient(true));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDList f = net.forward(batch.x(), net.moments(), null, null);
            NDArray ce = RecurrentNet.crossEntropySum(f.get(1), batch);
            NDArray loss = ce.div(Constants.scalar(ce, batch.size())); // scalar held by PyTorch: see Constants
            gc.backward(loss);
            return new Result(gradients(params), loss.getFloat(), new double[0]);
        }
    }

    /**
     * Fixed-prediction PC for point weights: mu (T,B,H) and the output errors eps_o = -(dL/dlogits) are fixed by
     * the forward sweep; the hidden errors e_t = v_t - mu_t relax as e_t += rate (-e_t + d_t), with the local
     * message d_t = eps_o,t W_out + (e_{t+1} * relu'(a_{t+1})) W_rec. With rate 1 and T steps this is exact.
     * The updates use only each layer's error and its presynaptic prediction: dW = -(e * relu'(a))^T pre.
     */
    public static Result fixedPrediction(RecurrentNet net, SeqBatch batch, int steps, double rate) {
        if (net.stochastic()) throw new IllegalArgumentException("fixed prediction is defined for point weights");
        RecurrentNet.Moments mo = net.moments();
        NDArray wRec = mo.recMean(), wOut = mo.outMean();
        NDList f = net.forward(batch.x(), mo, null, null);
        NDArray mu = f.get(0), logits = f.get(1);
        int b = batch.size();
        long tSteps = mu.getShape().get(0);
        // the pre-activations of the sweep give relu'(a) = 1 where mu > 0
        NDArray gain = mu.gt(0).toType(mu.getDataType(), false);
        NDArray epsOut = logits.softmax(-1).sub(batch.y()).mul(batch.mask()).div(-b);   // -(dL/dlogits), (T,B,O)
        NDArray fromOut = epsOut.matMul(wOut);                                        // (T,B,H)
        NDArray e = mu.zerosLike();
        double[] energy = new double[steps + 1];
        energy[0] = e.square().sum().getFloat() / 2 / b;
        for (int s = 0; s < steps; s++) {
            NDArray g = e.mul(gain);
            NDArray fromNext = tSteps == 1 ? mu.zerosLike()
                    : NDArrays.concat(new NDList(g.get("1:").matMul(wRec), mu.get("0:1").zerosLike()), 0);
            NDArray d = fromOut.add(fromNext);
            e = e.add(d.sub(e).mul(rate));
            energy[s + 1] = e.square().sum().getFloat() / 2 / b;
        }
        NDArray g = e.mul(gain).reshape(-1, net.hidden);                              // (T*B, H)
        NDArray prev = RecurrentNet.previous(mu).reshape(-1, net.hidden);
        Map<String, NDArray> grads = new LinkedHashMap<>();
        grads.put("input.w", g.transpose().matMul(batch.x().reshape(-1, net.inputs)).neg());
        grads.put("recurrent.w", g.transpose().matMul(prev).neg());
        grads.put("output.w", epsOut.reshape(-1, net.outputs).transpose().matMul(mu.reshape(-1, net.hidden)).neg());
        double loss = RecurrentNet.crossEntropySum(logits, batch).getFloat() / b;
        return new Result(grads, loss, energy);
    }

    /**
     * Standard PC: value nodes start at the forward sweep (same noise), relax for {@code steps} steps of
     * v -= rate dE/dv, then the parameters get dE/dtheta / B at the relaxed values. The energy is a sum of
     * per-layer terms, each depending on one layer's parameters and the values on either side of it, so these
     * autograd gradients are the local Hebbian-like products (error x presynaptic value) of the PC literature.
     * epsH (T,B,H), epsO (T,B,O): the mean-field noise, fixed for the batch (null for point weights).
     */
    public static Result predictiveCoding(RecurrentNet net, SeqBatch batch, int steps, double rate, NDArray epsH, NDArray epsO) {
        int b = batch.size();
        RecurrentNet.Moments fixed = detach(net.moments());
        NDArray v = net.forward(batch.x(), fixed, epsH, epsO).get(0).stopGradient();
        double[] energy = new double[steps + 1];
        NDArray before = v;
        for (int s = 0; s < steps; s++) {
            v.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray e = net.energy(batch, v, fixed, epsH, epsO);
                gc.backward(e);
                energy[s] = e.getFloat() / b;
                // Inference is descent on the energy: once a step raises it (rate too large for the energy's
                // curvature, e.g. after the weights grew), keep the last values instead of feeding a diverging
                // relaxation into the weight update.
                if (s > 0 && energy[s] > energy[s - 1]) {
                    v = before;
                    for (int k = s; k < steps; k++) energy[k] = energy[s - 1];
                    break;
                }
                NDArray grad = v.getGradient();
                before = v.stopGradient();
                v = before.sub(grad.mul(rate));
            }
        }
        Map<String, NDArray> params = net.params();
        params.values().forEach(p -> p.setRequiresGradient(true));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray e = net.energy(batch, v, net.moments(), epsH, epsO);
            gc.backward(e); // the batch's total free energy: its gradient is the sum of the examples' local updates
            energy[steps] = e.getFloat() / b;
            return new Result(gradients(params), energy[steps], energy);
        }
    }

    private static RecurrentNet.Moments detach(RecurrentNet.Moments m) {
        return new RecurrentNet.Moments(m.inMean().stopGradient(), m.inVar() == null ? null : m.inVar().stopGradient(),
                m.recMean().stopGradient(), m.recVar() == null ? null : m.recVar().stopGradient(),
                m.outMean().stopGradient(), m.outVar() == null ? null : m.outVar().stopGradient());
    }

    private static Map<String, NDArray> gradients(Map<String, NDArray> params) {
        Map<String, NDArray> g = new LinkedHashMap<>();
        params.forEach((k, p) -> {
            g.put(k, p.getGradient().duplicate());
            JniUtils.zeroGrad((PtNDArray) p); // PyTorch accumulates gradients across backward passes
        });
        return g;
    }
}
