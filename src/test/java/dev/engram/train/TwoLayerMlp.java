package dev.engram.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.engram.core.Seeds;
import dev.engram.io.Safetensors;
import dev.engram.io.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** A non-GPT model for the loop's tests: x -> relu(x w1 + b1) w2 + b2, softmax cross-entropy over classes. */
final class TwoLayerMlp implements Trainable {
    static final String WEIGHTS = "mlp.safetensors";
    private final NDManager manager;
    private final LinkedHashMap<String, NDArray> params = new LinkedHashMap<>();

    /** Inputs [n, in] and class labels [n]. */
    record Examples(float[] x, int[] y, int n, int in) implements Batch {
        @Override public long items() { return n; }
    }

    /** A planted rule: the label is the sign pattern of two fixed projections of Gaussian inputs (4 classes). */
    record PlantedSource(int batch, int in, long seed) implements BatchSource {
        @Override public Batch batch(int step) {
            SplittableRandom r = Seeds.random(seed, "batch", step);
            float[] x = new float[batch * in];
            int[] y = new int[batch];
            for (int i = 0; i < batch; i++) {
                double a = 0, b = 0;
                for (int j = 0; j < in; j++) {
                    x[i * in + j] = (float) r.nextGaussian();
                    a += x[i * in + j] * (j % 2 == 0 ? 1 : -0.5);
                    b += x[i * in + j] * (j < in / 2 ? 1 : -1);
                }
                y[i] = (a > 0 ? 1 : 0) + (b > 0 ? 2 : 0);
            }
            return new Examples(x, y, batch, in);
        }

        @Override public String describe() { return "planted 4-class rule on " + in + " Gaussian inputs"; }
    }

    private TwoLayerMlp(NDManager parent, Map<String, Tensor> tensors) {
        manager = parent.newSubManager();
        tensors.forEach((k, t) -> {
            NDArray p = manager.create(t.values(), new Shape(t.shape()));
            p.setRequiresGradient(true);
            params.put(k, p);
        });
    }

    static TwoLayerMlp init(NDManager parent, int in, int hidden, int classes, SplittableRandom rng) {
        var t = new LinkedHashMap<String, Tensor>();
        t.put("w1", initial("w1", new long[] {in, hidden}, rng));
        t.put("b1", initial("b1", new long[] {hidden}, rng));
        t.put("w2", initial("w2", new long[] {hidden, classes}, rng));
        t.put("b2", initial("b2", new long[] {classes}, rng));
        return new TwoLayerMlp(parent, t);
    }

    /** Reloads saved weights in the model's own parameter order (the loop sums the gradient norm in that order). */
    static TwoLayerMlp load(NDManager parent, Path dir) {
        var saved = Safetensors.read(dir.resolve(WEIGHTS)).tensors();
        var ordered = new LinkedHashMap<String, Tensor>();
        for (String name : new String[] {"w1", "b1", "w2", "b2"}) ordered.put(name, saved.get(name));
        return new TwoLayerMlp(parent, ordered);
    }

    /** Weights N(0, 1/fan_in), biases 0. */
    static Tensor initial(String name, long[] shape, SplittableRandom rng) {
        int n = 1;
        for (long d : shape) n *= (int) d;
        float[] v = new float[n];
        if (name.startsWith("w")) for (int i = 0; i < n; i++) v[i] = (float) (rng.nextGaussian() / Math.sqrt(shape[0]));
        return new Tensor(shape, v);
    }

    @Override public Map<String, NDArray> parameters() { return params; }

    @Override public Forward forward(Batch batch, NDManager scope, boolean training, boolean keepInternals) {
        Examples e = (Examples) batch;
        NDArray x = scope.create(e.x(), new Shape(e.n(), e.in()));                                     // [n, in]
        NDArray h = x.matMul(params.get("w1")).add(params.get("b1")).maximum(0f);                       // [n, hidden]
        NDArray logits = h.matMul(params.get("w2")).add(params.get("b2"));                               // [n, classes]
        int classes = (int) logits.getShape().get(1);
        float[] hot = new float[e.n() * classes];
        for (int i = 0; i < e.n(); i++) hot[i * classes + e.y()[i]] = 1;
        NDArray y = scope.create(hot, new Shape(e.n(), classes));                                        // [n, classes] one-hot
        NDArray nll = logits.logSoftmax(-1).mul(y).sum(new int[] {1}).neg().mean();                      // scalar
        return new Forward(nll, logits);
    }

    @Override public void reinitialize(String name, SplittableRandom rng) {
        NDArray p = params.get(name);
        Tensor fresh = initial(name, p.getShape().getShape(), rng);
        try (NDManager tmp = manager.newSubManager()) {
            p.muli(0).addi(tmp.create(fresh.values(), p.getShape()));
        }
    }

    @Override public void save(Path dir) {
        var out = new LinkedHashMap<String, Tensor>();
        params.forEach((k, v) -> out.put(k, new Tensor(v.getShape().getShape(), v.toFloatArray())));
        Safetensors.write(dir.resolve(WEIGHTS), out, Map.of());
    }

    @Override public void load(Path dir) {
        var saved = Safetensors.read(dir.resolve(WEIGHTS)).tensors();
        params.forEach((k, p) -> {
            try (NDManager tmp = manager.newSubManager()) {
                p.muli(0).addi(tmp.create(saved.get(k).values(), p.getShape()));
            }
        });
    }

    @Override public void close() { manager.close(); }
}
