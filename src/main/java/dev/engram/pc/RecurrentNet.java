package dev.engram.pc;

import ai.djl.ndarray.NDArray;
import dev.engram.nn.Constants;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.ndarray.types.SparseFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The recurrent network shared by every method: h_t = relu(W_in x_t + W_rec h_{t-1}), h_0 = 0, logits_t = W_out h_t.
 * With spike-and-slab synapses each pre-activation is the mean-field Gaussian
 * a = u·mu^T + sqrt((u^2)·var^T) * eps, eps ~ N(0, 1) per unit (the two input streams of a hidden unit are
 * independent, so one eps carries their summed variance). With point weights the noise term vanishes.
 * Rows are examples; tensors are time-major (T, B, .). A network for tokens (word-level language) first looks each
 * token id up in a learned embedding table (V, in): point weights in every method, outside the three synaptic
 * layers whose distributions MPL learns. Its update is still local: the input layer's error times the one-hot token.
 */
public final class RecurrentNet implements AutoCloseable {
    /**
     * Floor under a pre-activation's variance before the square root: d sqrt(v)/dv = 1/(2 sqrt(v)) explodes as
     * synapses become deterministic (v -> 0), and those gradients then dominate the global clip. 1e-4 (a noise
     * std of 0.01 against fields of order 1) bounds it at 50.
     */
    static final float VAR_FLOOR = 1e-4f;

    static final String EMBEDDING = "embedding.w";

    final NDManager manager;
    final Synapses in, rec, out;
    final NDArray embedding; // (V, inputs), or null when inputs are vectors
    final int inputs, hidden, outputs;

    private RecurrentNet(NDManager manager, NDArray embedding, Synapses in, Synapses rec, Synapses out) {
        this.manager = manager;
        this.embedding = embedding;
        this.in = in;
        this.rec = rec;
        this.out = out;
        this.inputs = in.fanIn();
        this.hidden = rec.fanIn();
        this.outputs = (int) out.mean().getShape().get(0);
    }

    /** Point weights (BPTT and plain predictive coding). */
    public static RecurrentNet point(NDManager parent, int inputs, int hidden, int outputs, SplittableRandom rng) {
        return point(parent, 0, inputs, hidden, outputs, rng);
    }

    /** Point weights; {@code vocabulary} > 0 adds an embedding table for that many token ids. */
    public static RecurrentNet point(NDManager parent, int vocabulary, int inputs, int hidden, int outputs, SplittableRandom rng) {
        NDManager m = parent.newSubManager();
        Synapses in = new PointSynapses("input", m, hidden, inputs, rng.split()), rec = new PointSynapses("recurrent", m, hidden, hidden, rng.split()),
                out = new PointSynapses("output", m, outputs, hidden, rng.split());
        return new RecurrentNet(m, embeddingTable(m, vocabulary, inputs, rng), in, rec, out);
    }

    /** Spike-and-slab synapses (meta predictive learning). */
    public static RecurrentNet spikeSlab(NDManager parent, int inputs, int hidden, int outputs, double pi0, double xi0, double m0, double piMax,
                                         SplittableRandom rng) {
        return spikeSlab(parent, 0, inputs, hidden, outputs, pi0, xi0, m0, piMax, rng);
    }

    /** Spike-and-slab synapses; {@code vocabulary} > 0 adds a (point-weight) embedding table for that many token ids. */
    public static RecurrentNet spikeSlab(NDManager parent, int vocabulary, int inputs, int hidden, int outputs, double pi0, double xi0, double m0,
                                         double piMax, SplittableRandom rng) {
        NDManager m = parent.newSubManager();
        Synapses in = new SpikeSlabSynapses("input", m, hidden, inputs, pi0, xi0, m0, piMax, rng.split()),
                rec = new SpikeSlabSynapses("recurrent", m, hidden, hidden, pi0, xi0, m0, piMax, rng.split()),
                out = new SpikeSlabSynapses("output", m, outputs, hidden, pi0, xi0, m0, piMax, rng.split());
        return new RecurrentNet(m, embeddingTable(m, vocabulary, inputs, rng), in, rec, out);
    }

    /** From given layers (tests); the layers' tensors must live in {@code manager} or a parent of it. */
    public static RecurrentNet of(NDManager manager, Synapses in, Synapses rec, Synapses out) {
        return new RecurrentNet(manager, null, in, rec, out);
    }

    /** From given layers and an embedding table (V, inputs) (tests). */
    public static RecurrentNet of(NDManager manager, NDArray embedding, Synapses in, Synapses rec, Synapses out) {
        return new RecurrentNet(manager, embedding, in, rec, out);
    }

    /** N(0, 1) entries, as torch.nn.Embedding starts; null without a vocabulary. */
    private static NDArray embeddingTable(NDManager m, int vocabulary, int width, SplittableRandom rng) {
        if (vocabulary <= 0) return null;
        SplittableRandom r = rng.split();
        float[] v = new float[vocabulary * width];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        return m.create(v, new Shape(vocabulary, width));
    }

    /**
     * The recurrent layer's input: token ids (an integer tensor (T, B)) are looked up in the embedding table;
     * vectors (T, B, inputs) pass through unchanged.
     */
    public NDArray input(NDArray x) {
        if (!x.getDataType().isInteger()) return x;
        if (embedding == null) throw new IllegalArgumentException("token ids given to a network without an embedding table");
        return Embedding.embedding(x, embedding, SparseFormat.DENSE).singletonOrThrow();
    }

    public List<Synapses> layers() { return List.of(in, rec, out); }

    public boolean stochastic() { return in.variance() != null; }

    public Map<String, NDArray> params() {
        Map<String, NDArray> p = new LinkedHashMap<>();
        for (Synapses s : layers()) p.putAll(s.params());
        if (embedding != null) p.put(EMBEDDING, embedding);
        return p;
    }

    public void project() { layers().forEach(Synapses::project); }

    /** Number of synapses (the denominator of the data load alpha), the embedding table's entries included. */
    public long synapses() {
        return synapses(embedding == null ? 0 : (int) embedding.getShape().get(0), inputs, hidden, outputs);
    }

    public static long synapses(int vocabulary, int inputs, int hidden, int outputs) {
        return (long) vocabulary * inputs + (long) hidden * inputs + (long) hidden * hidden + (long) outputs * hidden;
    }

    /** The layers' means and variances (variances null for point weights). */
    public record Moments(NDArray inMean, NDArray inVar, NDArray recMean, NDArray recVar, NDArray outMean, NDArray outVar) {}

    public Moments moments() {
        return new Moments(in.mean(), in.variance(), rec.mean(), rec.variance(), out.mean(), out.variance());
    }

    /** Fixed moments: a concrete weight draw per layer, as point weights (ensemble members). */
    public Moments sampled(NDManager scope, SplittableRandom rng) {
        return new Moments(in.sample(scope, rng), null, rec.sample(scope, rng), null, out.sample(scope, rng), null);
    }

    /** Mean part of a layer: u (.., in) times mean^T -> (.., out). */
    static NDArray meanPart(NDArray u, NDArray mean) { return u.matMul(mean.transpose()); }

    /** Variance part: (u^2) times var^T. */
    static NDArray varPart(NDArray u, NDArray var) { return u.square().matMul(var.transpose()); }

    /** A pre-activation from mean and variance sums; the noise term is skipped without variance. */
    static NDArray gaussian(NDArray mean, NDArray var, NDArray eps) {
        if (var == null || eps == null) return mean;
        return mean.add(var.add(Constants.scalar(var, VAR_FLOOR)).sqrt().mul(eps));
    }

    /** The ordinary forward sweep, sequential in time, from inputs or token ids (see {@link #input}). Returns {H (T,B,H), logits (T,B,O)}. */
    public NDList forward(NDArray tokensOrInputs, Moments mo, NDArray epsH, NDArray epsO) {
        NDArray hAll = hidden(tokensOrInputs, mo, epsH);
        return new NDList(hAll, readout(hAll, mo, epsO));
    }

    /** The hidden states (T,B,H) of the forward sweep. */
    public NDArray hidden(NDArray tokensOrInputs, Moments mo, NDArray epsH) {
        NDArray x = input(tokensOrInputs);
        int steps = (int) x.getShape().get(0), b = (int) x.getShape().get(1);
        NDArray inMean = meanPart(x, mo.inMean());                         // (T, B, H): the input drive for all steps at once
        NDArray inVar = mo.inVar() == null ? null : varPart(x, mo.inVar());
        NDArray h = x.getManager().zeros(new Shape(b, hidden));
        NDArray[] hs = new NDArray[steps];
        for (int t = 0; t < steps; t++) {
            NDArray mean = inMean.get(t).add(meanPart(h, mo.recMean()));    // W_in x_t + W_rec h_{t-1}
            NDArray var = mo.recVar() == null ? null : inVar.get(t).add(varPart(h, mo.recVar()));
            h = Activation.relu(gaussian(mean, var, epsH == null ? null : epsH.get(t)));
            hs[t] = h.expandDims(0);
        }
        return NDArrays.concat(new NDList(hs), 0);
    }

    /**
     * Time steps per chunk of the output side (tensors (steps, B, outputs)): about 4M floats (16 MB). Larger
     * temporaries exceed glibc's largest mmap threshold (32 MB), so each one would map fresh pages and fault them in;
     * with a 5,000-word vocabulary a whole (35, 128, V) tensor is 90 MB and its allocation cost more than its arithmetic.
     */
    static int outputChunk(long batch, long outputs) { return (int) Math.max(1, (1L << 22) / (batch * outputs)); }

    /** Time ranges "from:to" covering {@code steps} in chunks of {@link #outputChunk}. */
    static List<String> chunks(int steps, long batch, long outputs) {
        int c = outputChunk(batch, outputs);
        List<String> out = new java.util.ArrayList<>();
        for (int t = 0; t < steps; t += c) out.add(t + ":" + Math.min(steps, t + c));
        return out;
    }

    /** Summed cross-entropy of the readout of hidden values h (T,B,H) at the scored steps, computed in chunks of time steps. */
    NDArray readoutLoss(NDArray h, Moments mo, NDArray epsO, SeqBatch batch) {
        NDArray sum = null;
        for (String r : chunks((int) h.getShape().get(0), h.getShape().get(1), outputs)) {
            NDArray ce = crossEntropySum(readout(h.get(r), mo, epsO == null ? null : epsO.get(r)), batch.y().get(r), batch.mask().get(r));
            sum = sum == null ? ce : sum.add(ce);
        }
        return sum;
    }

    /** Output logits from hidden states (T, B, H). */
    NDArray readout(NDArray h, Moments mo, NDArray epsO) {
        NDArray mean = meanPart(h, mo.outMean());
        return gaussian(mean, mo.outVar() == null ? null : varPart(h, mo.outVar()), epsO);
    }

    /** Summed cross-entropy of the scored steps (sum over the batch); y one-hot targets, mask 1 where scored. */
    static NDArray crossEntropySum(NDArray logits, NDArray y, NDArray mask) {
        return logits.logSoftmax(-1).mul(y).mul(mask).sum().neg();
    }

    /** Hidden values shifted by one step: row t holds v_{t-1}, row 0 holds h_0 = 0. */
    static NDArray previous(NDArray v) {
        long steps = v.getShape().get(0);
        NDArray zero = v.getManager().zeros(new Shape(1, v.getShape().get(1), v.getShape().get(2)));
        if (steps == 1) return zero;
        return NDArrays.concat(new NDList(zero, v.get("0:" + (steps - 1))), 0);
    }

    /**
     * Predictive-coding energy of value nodes v (T, B, H), summed over the batch:
     * sum_t 1/2 |v_t - relu(a_t(x_t, v_{t-1}))|^2 + cross-entropy of the readout of v at the scored steps.
     * Every step's prediction depends on the values, not on other predictions, so all steps are computed at once.
     */
    public NDArray energy(SeqBatch batch, NDArray v, Moments mo, NDArray epsH, NDArray epsO) {
        NDArray prev = previous(v), x = input(batch.x());
        NDArray mean = meanPart(x, mo.inMean()).add(meanPart(prev, mo.recMean()));
        NDArray var = mo.recVar() == null ? null : varPart(x, mo.inVar()).add(varPart(prev, mo.recVar()));
        NDArray prediction = Activation.relu(gaussian(mean, var, epsH));
        NDArray e = v.sub(prediction);                                      // prediction errors of the hidden layer
        return e.square().sum().mul(Constants.scalar(e, 0.5)).add(readoutLoss(v, mo, epsO, batch));
    }

    @Override public void close() { manager.close(); }
}
