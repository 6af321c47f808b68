package dev.engram.pc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.engram.core.Progress;
import dev.engram.core.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Trains a {@link RecurrentNet} on a {@link PcTask} with one method (mpl, pc, bptt) and scores it after every
 * epoch. Listeners receive each epoch's statistics (the command writes metrics and charts from them).
 */
public final class PcTrainer {
    private PcTrainer() {}

    /** One epoch: mean training loss (cross-entropy for bptt, relaxed energy per example for pc/mpl), held-out score, per-layer analyses. */
    public record Epoch(int epoch, double loss, double score, double meanWeightScore, double seconds, int inferenceSteps,
                        Map<String, Double> deterministicFraction, Map<String, Double> variance) {}

    /** The run: per-epoch statistics, the energy trace of the last batch's inference, size of the network. */
    public record Outcome(PcConfig config, List<Epoch> epochs, double[] lastInferenceEnergy, long synapses, int trainExamples) {
        public Epoch last() { return epochs.get(epochs.size() - 1); }
    }

    public static Outcome train(PcConfig cfg, PcTask task, NDManager parent, Consumer<Epoch> listener) {
        SplittableRandom init = Seeds.random(cfg.seed(), "init", 0);
        boolean mpl = cfg.method() == PcConfig.Method.MPL;
        try (NDManager manager = parent.newSubManager();
             RecurrentNet net = mpl ? RecurrentNet.spikeSlab(manager, task.vocabulary(), task.inputs(), cfg.hidden(), task.outputs(), cfg.pi0(), cfg.xi0(),
                     cfg.m0(), cfg.piMax(), init)
                     : RecurrentNet.point(manager, task.vocabulary(), task.inputs(), cfg.hidden(), task.outputs(), init);
             Adam adam = new Adam(manager, cfg.weightDecay(), cfg.clip())) {
            Map<String, Double> lrScale = new LinkedHashMap<>(), decayScale = new LinkedHashMap<>();
            for (Synapses s : net.layers()) {
                if (!(s instanceof SpikeSlabSynapses)) continue;
                if (cfg.fanInLr()) lrScale.put(s.name() + ".m", (double) s.fanIn());
                // L2 on the mean weight mu = m/N, as BPTT's decay acts on w: d/dm (wd/2 mu^2) = wd m / N^2. Decaying m itself
                // would be N^2 (10^4 for the recurrent layer) times stronger against the loss gradient dL/dm = dL/dmu / N.
                decayScale.put(s.name() + ".m", 1.0 / ((double) s.fanIn() * s.fanIn()));
            }
            List<Epoch> epochs = new ArrayList<>();
            double[] lastEnergy = new double[0];
            int n = task.trainSize();
            int batches = (n + cfg.batch() - 1) / cfg.batch();
            long step = 0;
            for (int epoch = 0; epoch < cfg.epochs(); epoch++) {
                long t0 = System.nanoTime();
                int[] order = shuffled(n, Seeds.random(cfg.seed(), "shuffle", epoch));
                int steps = cfg.inferenceStepsAt(epoch);
                double lr = cfg.lrAt(epoch), lossSum = 0;
                Progress progress = new Progress("pc " + cfg.method() + " epoch " + (epoch + 1) + "/" + cfg.epochs(), batches);
                for (int bi = 0; bi < batches; bi++, step++) {
                    int from = bi * cfg.batch(), to = Math.min(n, from + cfg.batch());
                    int[] idx = java.util.Arrays.copyOfRange(order, from, to);
                    try (NDManager bm = manager.newSubManager(); NDScope scope = new NDScope()) {
                        SeqBatch batch = task.trainBatch(bm, idx);
                        PcLearning.Result r;
                        if (cfg.method() == PcConfig.Method.BPTT) r = PcLearning.bptt(net, batch);
                        else {
                            NDArray epsH = null, epsO = null;
                            if (mpl) { // the mean-field noise, drawn once per batch and kept through inference and learning
                                SplittableRandom noise = Seeds.random(cfg.seed(), "noise", step);
                                epsH = gaussian(bm, noise, batch.steps(), batch.size(), cfg.hidden());
                                epsO = gaussian(bm, noise, batch.steps(), batch.size(), task.outputs());
                            }
                            r = cfg.inference() == PcConfig.Inference.FIXED ? PcLearning.fixedPrediction(net, batch, steps, cfg.rate(), epsH, epsO)
                                    : PcLearning.predictiveCoding(net, batch, steps, cfg.rate(), epsH, epsO);
                        }
                        adam.step(net.params(), r.grads(), lr, lrScale, decayScale);
                        net.project();
                        lossSum += r.loss() * idx.length;
                        if (bi == batches - 1) lastEnergy = r.energy();
                        progress.update(bi + 1, String.format(java.util.Locale.ROOT, "loss %.4f", r.loss()));
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double score = score(cfg, task, net, manager, false, epoch);
                double meanScore = mpl ? score(cfg, task, net, manager, true, epoch) : score;
                Epoch e = new Epoch(epoch + 1, lossSum / n, score, meanScore, seconds, steps, deterministicFraction(cfg, net), variance(net));
                epochs.add(e);
                listener.accept(e);
            }
            return new Outcome(cfg, epochs, lastEnergy, net.synapses(), n);
        }
    }

    /** Held-out score: the ensemble of {@code cfg.ensemble()} sampled networks (mpl), or the network itself; {@code meanWeights}: mpl's mean network. */
    static double score(PcConfig cfg, PcTask task, RecurrentNet net, NDManager manager, boolean meanWeights, int epoch) {
        try (NDManager em = manager.newSubManager(); NDScope scope = new NDScope()) {
            Function<NDArray, NDArray> predictor;
            if (!net.stochastic() || meanWeights) {
                RecurrentNet.Moments mo = net.moments();
                RecurrentNet.Moments means = new RecurrentNet.Moments(mo.inMean(), null, mo.recMean(), null, mo.outMean(), null);
                predictor = x -> net.forward(x, means, null, null).get(1).softmax(-1);
            } else {
                SplittableRandom r = Seeds.random(cfg.seed(), "ensemble", epoch);
                List<RecurrentNet.Moments> members = new ArrayList<>();
                for (int k = 0; k < cfg.ensemble(); k++) members.add(net.sampled(em, r));
                predictor = x -> {
                    NDArray sum = null;
                    for (RecurrentNet.Moments mo : members) {
                        NDArray p = net.forward(x, mo, null, null).get(1).softmax(-1);
                        sum = sum == null ? p : sum.add(p);
                    }
                    return sum.div(members.size());
                };
            }
            return task.score(em, predictor, Seeds.derive(cfg.seed(), "score", epoch));
        }
    }

    /** Per layer: the share of synapses with pi near 0 or near piMax and xi near 0 (point weights: all deterministic). */
    static Map<String, Double> deterministicFraction(PcConfig cfg, RecurrentNet net) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Synapses s : net.layers()) {
            if (!(s instanceof SpikeSlabSynapses ss)) {
                out.put(s.name(), 1.0);
                continue;
            }
            float[] pi = ss.pi().toFloatArray(), xi = ss.xi().toFloatArray();
            int det = 0;
            for (int i = 0; i < pi.length; i++) {
                if ((pi[i] <= cfg.detPi() || pi[i] >= cfg.piMax() - cfg.detPi()) && xi[i] <= cfg.detXi()) det++;
            }
            out.put(s.name(), (double) det / pi.length);
        }
        return out;
    }

    /** Per layer: the mean of N Var[w] (weight variance in units of the layer's 1/N scale, so layers of different fan-in compare). */
    static Map<String, Double> variance(RecurrentNet net) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Synapses s : net.layers()) {
            NDArray v = s.variance();
            if (v == null) {
                out.put(s.name(), 0.0);
                continue;
            }
            double mean = v.mean().getFloat() * s.fanIn();
            v.close();
            out.put(s.name(), mean);
        }
        return out;
    }

    static NDArray gaussian(NDManager m, SplittableRandom r, int steps, int b, int width) {
        float[] v = new float[steps * b * width];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        return m.create(v, new Shape(steps, b, width));
    }

    static int[] shuffled(int n, SplittableRandom r) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
