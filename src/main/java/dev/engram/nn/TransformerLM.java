package dev.engram.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import dev.engram.core.UserError;
import dev.engram.io.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * GPT-2's causal language model: learned token and position embeddings, pre-LayerNorm blocks of causal
 * self-attention and a tanh-GELU MLP, a final LayerNorm, and an output projection tied to the token embedding.
 *
 * <p>Parameters live in one NDManager under Hugging Face's names, with linear weights in Conv1D layout
 * [in, out], so checkpoints map one to one. Lifecycle: build with {@link #init} or {@link #fromTensors},
 * call {@link #forward} inside a per-step NDManager scope (temporaries attach to the token array's manager),
 * {@link #close} when done.
 */
public final class TransformerLM implements AutoCloseable {
    private final GptConfig config;
    private final NDManager manager;
    private final LinkedHashMap<String, NDArray> params;
    private final Map<Integer, NDArray> causalMasks = new HashMap<>();
    private final Constants constants;

    private TransformerLM(GptConfig config, NDManager manager, LinkedHashMap<String, NDArray> params) {
        this.config = config;
        this.manager = manager;
        this.params = params;
        this.constants = new Constants(manager);
        for (NDArray p : params.values()) p.setRequiresGradient(true);
    }

    /** Names and shapes of every parameter, in a fixed order (HF names, Conv1D layout). */
    public static LinkedHashMap<String, long[]> parameterShapes(GptConfig c) {
        long d = c.nEmbd();
        var s = new LinkedHashMap<String, long[]>();
        s.put("wte.weight", new long[] {c.vocabSize(), d});
        s.put("wpe.weight", new long[] {c.nPositions(), d});
        for (int i = 0; i < c.nLayer(); i++) {
            String h = "h." + i + ".";
            s.put(h + "ln_1.weight", new long[] {d});
            s.put(h + "ln_1.bias", new long[] {d});
            s.put(h + "attn.c_attn.weight", new long[] {d, 3 * d});
            s.put(h + "attn.c_attn.bias", new long[] {3 * d});
            s.put(h + "attn.c_proj.weight", new long[] {d, d});
            s.put(h + "attn.c_proj.bias", new long[] {d});
            s.put(h + "ln_2.weight", new long[] {d});
            s.put(h + "ln_2.bias", new long[] {d});
            s.put(h + "mlp.c_fc.weight", new long[] {d, 4 * d});
            s.put(h + "mlp.c_fc.bias", new long[] {4 * d});
            s.put(h + "mlp.c_proj.weight", new long[] {4 * d, d});
            s.put(h + "mlp.c_proj.bias", new long[] {d});
        }
        s.put("ln_f.weight", new long[] {d});
        s.put("ln_f.bias", new long[] {d});
        return s;
    }

    /**
     * GPT-2's initialization: weights N(0, initializer_range), residual projections (c_proj) scaled by
     * 1/sqrt(2 n_layer), biases 0, LayerNorm gains 1. Drawn from {@code rng}, so a seed fixes the model.
     */
    public static TransformerLM init(GptConfig c, NDManager parent, SplittableRandom rng) {
        return fromTensors(c, initialTensors(c, rng), parent, "initialization");
    }

    /** Every parameter's initial values, drawn in {@link #parameterShapes}'s order as {@link #init} draws them. */
    public static LinkedHashMap<String, Tensor> initialTensors(GptConfig c, SplittableRandom rng) {
        var tensors = new LinkedHashMap<String, Tensor>();
        for (var e : parameterShapes(c).entrySet()) tensors.put(e.getKey(), initialTensor(c, e.getKey(), e.getValue(), rng));
        return tensors;
    }

    /** One parameter's initial values as {@link #init} draws them (biases 0, LayerNorm gains 1, weights Gaussian). */
    static Tensor initialTensor(GptConfig c, String name, long[] shape, SplittableRandom rng) {
        int n = Math.toIntExact(Arrays.stream(shape).reduce(1, Math::multiplyExact));
        float[] v = new float[n];
        if (name.endsWith(".bias")) {
            // zeros
        } else if (name.contains("ln_")) {
            Arrays.fill(v, 1f);
        } else {
            double s = name.endsWith("c_proj.weight") ? c.initializerRange() / Math.sqrt(2.0 * c.nLayer()) : c.initializerRange();
            for (int i = 0; i < n; i++) v[i] = (float) (rng.nextGaussian() * s);
        }
        return new Tensor(shape, v);
    }

    /**
     * Re-draws parameter {@code name} in place from its initial distribution (e.g. the token embeddings for active
     * forgetting). Call outside any gradient collector. The copy is x*0 + fresh, exact for finite x, and stays in
     * PyTorch (no host round trip through NDArray.set).
     */
    public void reinitialize(String name, SplittableRandom rng) {
        NDArray p = params.get(name);
        if (p == null) throw new UserError("no parameter named '" + name + "' in this GPT-2 model");
        Tensor fresh = initialTensor(config, name, p.getShape().getShape(), rng);
        try (NDManager tmp = manager.newSubManager()) {
            p.muli(0).addi(tmp.create(fresh.values(), p.getShape()));
        }
    }

    /**
     * Builds the model from tensors with Hugging Face GPT-2 names. Accepts a "transformer." prefix, an
     * lm_head.weight (tied to wte, so it must equal its shape and is otherwise ignored) and the attention-mask
     * buffers of older checkpoints; any other unknown or missing name is an error naming {@code source}.
     */
    public static TransformerLM fromTensors(GptConfig c, Map<String, Tensor> tensors, NDManager parent, String source) {
        var shapes = parameterShapes(c);
        var byName = new HashMap<String, Tensor>();
        for (var e : tensors.entrySet()) {
            String name = e.getKey().startsWith("transformer.") ? e.getKey().substring("transformer.".length()) : e.getKey();
            if (name.endsWith(".attn.bias") || name.endsWith(".attn.masked_bias")) continue;
            if (name.equals("lm_head.weight")) {
                if (!Arrays.equals(e.getValue().shape(), shapes.get("wte.weight")))
                    throw new UserError(source + ": lm_head.weight has shape " + e.getValue().shapeString()
                            + " but the output projection is tied to wte.weight " + Arrays.toString(shapes.get("wte.weight")));
                continue;
            }
            if (!shapes.containsKey(name))
                throw new UserError(source + ": unexpected tensor '" + e.getKey() + "' for a GPT-2 model with n_layer=" + c.nLayer());
            byName.put(name, e.getValue());
        }
        NDManager m = parent.newSubManager();
        var params = new LinkedHashMap<String, NDArray>();
        try {
            for (var e : shapes.entrySet()) {
                Tensor t = byName.get(e.getKey());
                if (t == null) throw new UserError(source + ": missing tensor '" + e.getKey() + "'");
                if (!Arrays.equals(t.shape(), e.getValue()))
                    throw new UserError(source + ": tensor '" + e.getKey() + "' has shape " + t.shapeString() + ", the config ("
                            + "n_embd=" + c.nEmbd() + ", vocab_size=" + c.vocabSize() + ", n_positions=" + c.nPositions()
                            + ") needs " + Arrays.toString(e.getValue()));
                params.put(e.getKey(), m.create(t.values(), new Shape(t.shape())));
            }
        } catch (RuntimeException ex) {
            m.close();
            throw ex;
        }
        return new TransformerLM(c, m, params);
    }

    public GptConfig config() { return config; }

    /** Parameters by Hugging Face name, in a fixed order. */
    public Map<String, NDArray> parameters() { return Collections.unmodifiableMap(params); }

    public NDArray parameter(String name) { return params.get(name); }

    /** Copies every parameter to the heap, for checkpoints. */
    public LinkedHashMap<String, Tensor> toTensors() {
        var out = new LinkedHashMap<String, Tensor>();
        params.forEach((k, v) -> out.put(k, new Tensor(v.getShape().getShape(), v.toFloatArray())));
        return out;
    }

    /** The result of a forward pass: logits [B, T, V] and, if asked, the residual stream after each block. */
    public record Output(NDArray logits, List<NDArray> hidden) {}

    /** Next-token logits [B, T, vocab] for token ids [B, T]. */
    public NDArray logits(NDArray tokens, boolean training) {
        return forward(tokens, training, false).logits();
    }

    /**
     * Runs the model on token ids [B, T] (T <= n_positions). With {@code keepHidden}, {@code hidden.get(k)} is
     * the residual stream [B, T, D] after k blocks (k = 0: the embeddings), as Hugging Face's hidden_states
     * except that the last entry is taken before ln_f. Dropout is active only when {@code training}.
     */
    public Output forward(NDArray tokens, boolean training, boolean keepHidden) {
        return run(tokens, training, keepHidden, null);
    }

    /**
     * Keys and values of the tokens seen so far, per block, so that generation feeds only the new tokens.
     * Owned by its own manager; close it when the sequence is done.
     */
    public final class KvCache implements AutoCloseable {
        private final NDManager store = manager.newSubManager();
        private final NDArray[] keys = new NDArray[config.nLayer()], values = new NDArray[config.nLayer()]; // [B, H, T, hd]
        private int length;

        /** Tokens cached so far. */
        public int length() { return length; }

        void put(int layer, NDArray k, NDArray v) {
            if (keys[layer] != null) {
                keys[layer].close();
                values[layer].close();
            }
            k.attach(store);
            v.attach(store);
            keys[layer] = k;
            values[layer] = v;
        }

        @Override public void close() { store.close(); }
    }

    public KvCache newCache() { return new KvCache(); }

    /**
     * Logits [B, T, V] for {@code tokens} [B, T] that continue the sequence held in {@code cache}, which is
     * extended by them. Equals the logits of a full forward pass over the whole sequence (no dropout).
     */
    public NDArray logits(NDArray tokens, KvCache cache) {
        if (cache.length + tokens.getShape().get(1) > config.nPositions())
            throw new IllegalArgumentException("the cached sequence would exceed n_positions " + config.nPositions());
        NDArray out = run(tokens, false, false, cache).logits();
        cache.length += (int) tokens.getShape().get(1);
        return out;
    }

    private Output run(NDArray tokens, boolean training, boolean keepHidden, KvCache cache) {
        Shape s = tokens.getShape();
        if (s.dimension() != 2) throw new IllegalArgumentException("tokens must be [batch, time], got " + s);
        int b = (int) s.get(0), t = (int) s.get(1), d = config.nEmbd(), h = config.nHead(), hd = config.headDim();
        int past = cache == null ? 0 : cache.length;
        if (past + t > config.nPositions()) throw new IllegalArgumentException("sequence of " + (past + t) + " tokens exceeds n_positions " + config.nPositions());
        NDManager scope = tokens.getManager();
        List<NDArray> hidden = keepHidden ? new ArrayList<>() : null;

        // Embeddings: token + learned position, then dropout.                      x: [B, T, D]
        NDArray idx = tokens.getDataType() == DataType.INT64 ? tokens : tokens.toType(DataType.INT64, false);
        NDArray positions = scope.arange(past, past + t, 1, DataType.INT64);
        NDArray x = embed(idx, "wte.weight").add(embed(positions, "wpe.weight"));
        x = dropout(x, config.embdPdrop(), training);
        if (keepHidden) hidden.add(x);
        NDArray mask = t == 1 ? null : causalMask(t, past, scope);                  // [T, past + T]

        for (int i = 0; i < config.nLayer(); i++) {
            String p = "h." + i + ".";
            // Attention branch: LN -> q,k,v -> softmax(q k^T / sqrt(hd) + mask) v -> projection.
            NDArray a = layerNorm(x, p + "ln_1");
            NDList qkv = affine(a, p + "attn.c_attn").split(3, 2);                 // 3 x [B, T, D]
            NDArray q = heads(qkv.get(0), b, t, h, hd);                             // [B, H, T, hd]
            NDArray k = heads(qkv.get(1), b, t, h, hd);
            NDArray v = heads(qkv.get(2), b, t, h, hd);
            if (cache != null) {                                                    // [B, H, past + T, hd]
                if (past > 0) {
                    k = cache.keys[i].concat(k, 2);
                    v = cache.values[i].concat(v, 2);
                }
                cache.put(i, k, v);
            }
            NDArray att = q.matMul(k.transpose(0, 1, 3, 2)).mul(constants.of(1.0 / Math.sqrt(hd))); // [B, H, T, past + T]
            if (mask != null) att = att.add(mask);
            att = dropout(att.softmax(-1), config.attnPdrop(), training);
            NDArray y = att.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, d);       // [B, T, D]
            x = x.add(dropout(affine(y, p + "attn.c_proj"), config.residPdrop(), training));
            // MLP branch: LN -> D x 4D -> tanh-GELU -> 4D x D.
            NDArray m = gelu(affine(layerNorm(x, p + "ln_2"), p + "mlp.c_fc"));
            x = x.add(dropout(affine(m, p + "mlp.c_proj"), config.residPdrop(), training));
            if (keepHidden) hidden.add(x);
        }
        // Final LayerNorm and the tied output projection: logits = ln_f(x) wte^T.  [B, T, V]
        NDArray logits = Linear.linear(layerNorm(x, "ln_f"), params.get("wte.weight")).singletonOrThrow();
        return new Output(logits, hidden);
    }

    /** Mean next-token cross-entropy (nats) of logits [B, T, V] against target ids [B, T]. */
    public static NDArray loss(NDArray logits, NDArray targets) {
        NDArray idx = targets.getDataType() == DataType.INT64 ? targets : targets.toType(DataType.INT64, false);
        return logits.logSoftmax(-1).gather(idx.expandDims(-1), -1).mean().neg();
    }

    /** Summed cross-entropy (nats) over every position, for exact evaluation over uneven windows. */
    public static NDArray lossSum(NDArray logits, NDArray targets) {
        NDArray idx = targets.getDataType() == DataType.INT64 ? targets : targets.toType(DataType.INT64, false);
        return logits.logSoftmax(-1).gather(idx.expandDims(-1), -1).sum().neg();
    }

    private NDArray embed(NDArray ids, String table) {
        return Embedding.embedding(ids, params.get(table), SparseFormat.DENSE).singletonOrThrow();
    }

    private NDArray affine(NDArray x, String name) {
        return x.matMul(params.get(name + ".weight")).add(params.get(name + ".bias"));
    }

    private NDArray layerNorm(NDArray x, String name) {
        return LayerNorm.layerNorm(x, new Shape(config.nEmbd()), params.get(name + ".weight"), params.get(name + ".bias"),
                (float) config.layerNormEpsilon()).singletonOrThrow();
    }

    private static NDArray heads(NDArray x, int b, int t, int h, int hd) {
        return x.reshape(b, t, h, hd).transpose(0, 2, 1, 3);
    }

    /**
     * GELU with the tanh approximation (GPT-2's "gelu_new"): 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
     * Scalars come from {@link Constants}, never as Java numbers (see there why).
     */
    NDArray gelu(NDArray x) {
        NDArray cube = x.mul(x).mul(x);
        NDArray inner = x.add(cube.mul(constants.of(0.044715))).mul(constants.of(Math.sqrt(2.0 / Math.PI)));
        return x.mul(constants.of(0.5)).mul(inner.tanh().add(constants.of(1)));
    }

    private static NDArray dropout(NDArray x, double p, boolean training) {
        return training && p > 0 ? Dropout.dropout(x, (float) p, true).singletonOrThrow() : x;
    }

    /** [T, T] additive mask: 0 on and below the diagonal, -inf above (a position sees only its past). */
    private synchronized NDArray causalMask(int t) {
        return causalMasks.computeIfAbsent(t, n -> {
            float[] v = new float[n * n];
            for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) v[i * n + j] = Float.NEGATIVE_INFINITY;
            return manager.create(v, new Shape(n, n));
        });
    }

    /** [T, past + T]: new token i (at position past + i) sees every cached token and the new ones up to itself. */
    private NDArray causalMask(int t, int past, NDManager scope) {
        if (past == 0) return causalMask(t);
        int n = past + t;
        float[] v = new float[t * n];
        for (int i = 0; i < t; i++) for (int j = past + i + 1; j < n; j++) v[i * n + j] = Float.NEGATIVE_INFINITY;
        return scope.create(v, new Shape(t, n));
    }

    @Override public void close() { manager.close(); }
}
