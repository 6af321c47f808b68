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

    public static Result bptt(RecurrentNet net, SeqBatch batch) { return bptt(net, batch, null, null); }

    /**
     * Autograd through time of the (mean-field) network's batch-mean cross-entropy; with spike-and-slab synapses
     * and the noise epsH (T,B,H), epsO (T,B,O) this is the gradient of the mean-field loss in (pi, m, xi), the
     * reference that {@link #fixedPrediction} must reproduce.
     */
    public static Result bptt(RecurrentNet net, SeqBatch batch, NDArray epsH, NDArray epsO) {
        Map<String, NDArray> params = net.params();
        params.values().forEach(p -> p.setRequiresGradient(true));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDList f = net.forward(batch.x(), net.moments(), epsH, epsO);
            NDArray ce = RecurrentNet.crossEntropySum(f.get(1), batch);
            NDArray loss = ce.div(Constants.scalar(ce, batch.size())); // scalar held by PyTorch: see Constants
            gc.backward(loss);
            return new Result(gradients(params), loss.getFloat(), new double[0]);
        }
    }

    /** {@link #fixedPrediction(RecurrentNet, SeqBatch, int, double, NDArray, NDArray)} for point weights. */
    public static Result fixedPrediction(RecurrentNet net, SeqBatch batch, int steps, double rate) {
        return fixedPrediction(net, batch, steps, rate, null, null);
    }

    /**
     * Fixed-prediction PC (Millidge et al. 2022; Torch2PC's FixedPred), for point weights and for the mean-field
     * spike-and-slab network. The forward sweep fixes the predictions: hidden values mu (T,B,H), the noise gains
     * eps/(2 s) of each pre-activation a = mean + s eps (s = sqrt(variance + floor)), and the output errors
     * eps_o = -(dL/dlogits). The hidden errors e_t = v_t - mu_t then relax as e_t += rate (-e_t + d_t) with the
     * local message from the layers that read h_t (the readout at t and the recurrent drive at t+1):
     * d_t = sum over those layers of  delta W_mean + 2 h_t (gamma W_var),  where delta = e relu'(a) is the error of
     * the next pre-activation and gamma = delta eps/(2 s) the error of its variance. With rate 1 and T steps (or a
     * small rate and enough steps) e = -dL/dh exactly, and each layer's local products
     * dL/dW_mean = -delta^T pre, dL/dW_var = -gamma^T pre^2, passed through the parametrisation synapse by synapse
     * ({@link Synapses#grads}), equal the autograd gradients of the (mean-field) loss. No autograd graph is built.
     */
    public static Result fixedPrediction(RecurrentNet net, SeqBatch batch, int steps, double rate, NDArray epsH, NDArray epsO) {
        RecurrentNet.Moments mo = net.moments();
        boolean meanField = mo.recVar() != null && epsH != null;
        NDArray x = batch.x();
        NDList f = net.forward(x, mo, epsH, epsO);
        NDArray mu = f.get(0), logits = f.get(1), prev = RecurrentNet.previous(mu);
        int b = batch.size();
        long tSteps = mu.getShape().get(0);
        NDArray gain = mu.gt(0).toType(mu.getDataType(), false);                       // relu'(a): 1 where the sweep's h > 0
        NDArray epsOut = logits.softmax(-1).sub(batch.y()).mul(batch.mask()).div(-b);   // -(dL/dlogits), (T,B,O)
        NDArray noiseH = null, gammaOut = null;
        NDArray fromOut = epsOut.matMul(mo.outMean());                                  // (T,B,H)
        if (meanField) {
            NDArray varH = RecurrentNet.varPart(x, mo.inVar()).add(RecurrentNet.varPart(prev, mo.recVar()));
            noiseH = epsH.div(varH.add(RecurrentNet.VAR_FLOOR).sqrt().mul(2));
            gammaOut = epsOut.mul(epsO).div(RecurrentNet.varPart(mu, mo.outVar()).add(RecurrentNet.VAR_FLOOR).sqrt().mul(2));
            fromOut = fromOut.add(mu.mul(2).mul(gammaOut.matMul(mo.outVar())));
        }
        // the recurrent message to h_t comes from a_{t+1}: gates of steps 1..T-1 and presynaptic 2 h_t of steps 0..T-2
        NDArray gateNext = tSteps > 1 ? gain.get("1:") : null;
        NDArray varGateNext = meanField && tSteps > 1 ? gateNext.mul(noiseH.get("1:")) : null;
        NDArray twoH = meanField && tSteps > 1 ? mu.get("0:" + (tSteps - 1)).mul(2) : null, lastRow = mu.get("0:1").zerosLike();
        NDArray e = mu.zerosLike();
        double[] energy = new double[steps + 1];
        for (int s = 0; s < steps; s++) {
            NDArray d = fromOut;
            if (tSteps > 1) {
                NDArray next = e.get("1:");
                NDArray msg = next.mul(gateNext).matMul(mo.recMean());
                if (meanField) msg = msg.add(twoH.mul(next.mul(varGateNext).matMul(mo.recVar())));
                d = d.add(NDArrays.concat(new NDList(msg, lastRow), 0));
            }
            e = rate == 1 ? d : e.add(d.sub(e).mul(rate));
            energy[s + 1] = e.square().sum().getFloat() / 2 / b;
        }
        NDArray delta = e.mul(gain).reshape(-1, net.hidden);                            // (T*B, H)
        NDArray xs = x.reshape(-1, net.inputs), ps = prev.reshape(-1, net.hidden), hs = mu.reshape(-1, net.hidden);
        NDArray eo = epsOut.reshape(-1, net.outputs);
        NDArray gamma = meanField ? delta.mul(noiseH.reshape(-1, net.hidden)) : null, go = meanField ? gammaOut.reshape(-1, net.outputs) : null;
        Map<String, NDArray> grads = new LinkedHashMap<>();
        grads.putAll(net.in.grads(local(delta, xs), meanField ? local(gamma, xs.square()) : null));
        grads.putAll(net.rec.grads(local(delta, ps), meanField ? local(gamma, ps.square()) : null));
        grads.putAll(net.out.grads(local(eo, hs), meanField ? local(go, hs.square()) : null));
        double loss = RecurrentNet.crossEntropySum(logits, batch).getFloat() / b;
        return new Result(grads, loss, energy);
    }

    /** A layer's local update: -(postsynaptic error)^T (presynaptic activity), summed over steps and examples. */
    private static NDArray local(NDArray error, NDArray pre) { return error.transpose().matMul(pre).neg(); }

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
