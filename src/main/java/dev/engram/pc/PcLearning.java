package dev.engram.pc;

import ai.djl.engine.Engine;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.ndarray.NDArray;
import dev.engram.nn.Constants;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
            RecurrentNet.Moments mo = net.moments();
            NDArray ce = net.readoutLoss(net.hidden(batch.x(), mo, epsH), mo, epsO, batch);
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
        NDArray x = net.input(batch.x());
        NDArray mu = net.hidden(x, mo, epsH), prev = RecurrentNet.previous(mu);
        int b = batch.size();
        long tSteps = mu.getShape().get(0);
        NDArray gain = mu.gt(0).toType(mu.getDataType(), false);                       // relu'(a): 1 where the sweep's h > 0
        NDArray noiseH = null;
        if (meanField) {
            NDArray varH = RecurrentNet.varPart(x, mo.inVar()).add(RecurrentNet.varPart(prev, mo.recVar()));
            noiseH = epsH.div(varH.add(RecurrentNet.VAR_FLOOR).sqrt().mul(2));
        }
        OutputSide o = outputSide(net, mo, mu, batch, epsO, meanField);
        NDArray fromOut = o.message;
        // the recurrent message to h_t comes from a_{t+1}: gates of steps 1..T-1 and presynaptic 2 h_t of steps 0..T-2
        NDArray gateNext = tSteps > 1 ? gain.get("1:") : null;
        NDArray varGateNext = meanField && tSteps > 1 ? gateNext.mul(noiseH.get("1:")) : null;
        NDArray twoH = meanField && tSteps > 1 ? mu.get("0:" + (tSteps - 1)).mul(2) : null, lastRow = mu.get("0:1").zerosLike();
        NDArray e = mu.zerosLike();
        double[] energy = new double[steps + 1];
        for (int s = 0; s < steps; s++) {
            NDArray before = e;
            try (NDScope step = new NDScope()) { // a step's temporaries are freed at once, not kept until the batch ends
                NDArray d = fromOut;
                if (tSteps > 1) {
                    NDArray next = e.get("1:");
                    NDArray msg = next.mul(gateNext).matMul(mo.recMean());
                    if (meanField) msg = msg.add(twoH.mul(next.mul(varGateNext).matMul(mo.recVar())));
                    d = d.add(NDArrays.concat(new NDList(msg, lastRow), 0));
                }
                e = keep(rate != 1 ? e.add(d.sub(e).mul(rate)) : d == fromOut ? d.duplicate() : d);
                energy[s + 1] = e.square().sum().getFloat() / 2 / b;
            }
            before.close();
        }
        NDArray delta = e.mul(gain).reshape(-1, net.hidden);                            // (T*B, H)
        NDArray xs = x.reshape(-1, net.inputs), ps = prev.reshape(-1, net.hidden), hs = mu.reshape(-1, net.hidden);
        NDArray gamma = meanField ? delta.mul(noiseH.reshape(-1, net.hidden)) : null;
        Map<String, NDArray> grads = new LinkedHashMap<>();
        grads.putAll(net.in.grads(local(delta, xs), meanField ? local(gamma, xs.square()) : null));
        grads.putAll(net.rec.grads(local(delta, ps), meanField ? local(gamma, ps.square()) : null));
        grads.putAll(net.out.grads(o.gradMean, o.gradVar));
        if (net.embedding != null) {
            // The input layer's error, sent down by the same local messages: -dL/dx = delta W_mean + 2 x (gamma W_var).
            NDArray ex = delta.matMul(mo.inMean());
            if (meanField) ex = ex.add(xs.mul(2).mul(gamma.matMul(mo.inVar())));
            grads.put(RecurrentNet.EMBEDDING, embeddingGradient(net, batch.x(), ex.neg().reshape(x.getShape())));
        }
        return new Result(grads, o.crossEntropy / b, energy);
    }

    /** The readout's share of fixed prediction: the message to the hidden values, the output layer's local updates, the summed loss. */
    private record OutputSide(NDArray message, NDArray gradMean, NDArray gradVar, double crossEntropy) {}

    /**
     * The output layer, in chunks of time steps (see {@link RecurrentNet#outputChunk}): output errors
     * eps_o = -(dL/dlogits) = (y - softmax) mask / B, their variance errors gamma_o = eps_o eps/(2 s), the message
     * eps_o W_mean + 2 h (gamma_o W_var) to the hidden values, and the local products for the layer's updates.
     */
    private static OutputSide outputSide(RecurrentNet net, RecurrentNet.Moments mo, NDArray mu, SeqBatch batch, NDArray epsO, boolean meanField) {
        int b = batch.size();
        List<NDArray> messages = new ArrayList<>();
        double ce = 0;
        NDArray gMean = null, gVar = null;
        for (String r : RecurrentNet.chunks((int) mu.getShape().get(0), b, net.outputs)) {
            try (NDScope chunk = new NDScope()) { // a chunk's (steps, B, outputs) temporaries are freed before the next chunk
                NDArray h = mu.get(r), y = batch.y().get(r), mask = batch.mask().get(r), hs = h.reshape(-1, net.hidden);
                NDArray mean = RecurrentNet.meanPart(h, mo.outMean());
                NDArray s = meanField ? RecurrentNet.varPart(h, mo.outVar()).add(RecurrentNet.VAR_FLOOR).sqrt() : null;
                NDArray logp = (meanField ? mean.add(s.mul(epsO.get(r))) : mean).logSoftmax(-1);
                ce -= logp.mul(y).mul(mask).sum().getFloat();
                NDArray eo = y.sub(logp.exp()).mul(mask.div(b));
                NDArray message = eo.matMul(mo.outMean());
                gMean = accumulate(gMean, local(eo.reshape(-1, net.outputs), hs));
                if (meanField) {
                    NDArray go = eo.mul(epsO.get(r)).div(s.mul(2));
                    message = message.add(h.mul(2).mul(go.matMul(mo.outVar())));
                    gVar = accumulate(gVar, local(go.reshape(-1, net.outputs), hs.square()));
                }
                messages.add(keep(message));
            }
        }
        NDArray message = NDArrays.concat(new NDList(messages), 0);
        messages.forEach(NDArray::close);
        return new OutputSide(message, gMean, gVar, ce);
    }

    /** acc + term, kept out of the current scope; the previous sum is freed. */
    private static NDArray accumulate(NDArray acc, NDArray term) {
        if (acc == null) return keep(term);
        NDArray sum = keep(acc.add(term));
        acc.close();
        return sum;
    }

    /** Takes a result out of the innermost {@link NDScope}, so it outlives that scope (it still belongs to its manager). */
    private static NDArray keep(NDArray a) {
        NDScope.unregister(a);
        return a;
    }

    /**
     * The table's gradient from dL/dx of its looked-up rows: each used row gets the sum of its tokens' dL/dx (the
     * error times the one-hot token). PyTorch's embedding backward does that scatter-add, so it is used here on a
     * one-op graph.
     */
    private static NDArray embeddingGradient(RecurrentNet net, NDArray tokens, NDArray dLdx) {
        net.embedding.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(net.input(tokens).mul(dLdx).sum());
            return gradients(Map.of(RecurrentNet.EMBEDDING, net.embedding)).get(RecurrentNet.EMBEDDING);
        }
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
        SeqBatch inputs = new SeqBatch(net.input(batch.x()).stopGradient(), batch.y(), batch.mask()); // tokens embedded once, held fixed
        NDArray v = net.forward(inputs.x(), fixed, epsH, epsO).get(0).stopGradient();
        double[] energy = new double[steps + 1];
        NDArray before = v;
        for (int s = 0; s < steps; s++) {
            v.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray e = net.energy(inputs, v, fixed, epsH, epsO);
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
