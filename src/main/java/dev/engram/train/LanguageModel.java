package dev.engram.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.engram.core.UserError;
import dev.engram.data.TokenData;
import dev.engram.data.Tokenizer;
import dev.engram.data.Tokenizers;
import dev.engram.nn.ModelFiles;
import dev.engram.nn.TransformerLM;
import dev.engram.io.Safetensors;
import dev.engram.io.Tensor;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * GPT-2 as a {@link Trainable}: next-token cross-entropy on {@link TokenBatch}es; the output is the
 * {@link TransformerLM.Output} (logits, and every block's hidden state when a listener asks for internals). Saves
 * a Hugging Face folder with Engram's tokenizer file. Closing it closes the wrapped model.
 */
public final class LanguageModel implements Trainable {
    private final TransformerLM lm;
    private final Tokenizer tokenizer;

    public LanguageModel(TransformerLM lm, Tokenizer tokenizer) {
        this.lm = lm;
        this.tokenizer = tokenizer;
    }

    public TransformerLM lm() { return lm; }

    public Tokenizer tokenizer() { return tokenizer; }

    /** The context length the model was built for. */
    public int context() { return lm.config().nPositions(); }

    @Override public Map<String, NDArray> parameters() { return lm.parameters(); }

    @Override public Forward forward(Batch batch, NDManager scope, boolean training, boolean keepInternals) {
        if (!(batch instanceof TokenBatch tb))
            throw new UserError("a GPT-2 model trains on token windows; got a " + batch.getClass().getSimpleName());
        NDArray x = scope.create(tb.inputs(), new Shape(tb.batch(), tb.ctx()));     // [B, T]
        NDArray y = scope.create(tb.targets(), new Shape(tb.batch(), tb.ctx()));    // [B, T]
        TransformerLM.Output out = lm.forward(x, training, keepInternals);          // logits [B, T, V]
        return new Forward(TransformerLM.loss(out.logits(), y), out);              // mean next-token cross-entropy
    }

    @Override public void reinitialize(String name, SplittableRandom rng) { lm.reinitialize(name, rng); }

    @Override public void save(Path dir) {
        ModelFiles.save(lm, dir);
        Tokenizers.save(tokenizer, dir);
    }

    @Override public void load(Path dir) {
        Path w = dir.resolve(ModelFiles.WEIGHTS);
        Map<String, Tensor> saved = Safetensors.read(w).tensors();
        for (var e : lm.parameters().entrySet()) {
            Tensor t = saved.get(e.getKey());
            NDArray p = e.getValue();
            if (t == null || !Arrays.equals(t.shape(), p.getShape().getShape()))
                throw new UserError(w + ": " + e.getKey() + (t == null ? " is missing" : " has shape " + t.shapeString() + ", the model needs " + p.getShape()));
            try (NDManager tmp = p.getManager().newSubManager()) {
                p.muli(0).addi(tmp.create(t.values(), p.getShape())); // in place and exact for finite values: see TransformerLM.reinitialize
            }
        }
    }

    /** Validation loss on the first {@code batches} x {@code batch} windows of the validation stream (the same at every evaluation). */
    public static TrainLoop.Validation validation(TokenData data, int ctx, int batch, int batches) {
        long tokens = (long) batches * batch * ctx;
        return (model, manager) -> Evaluator.score(((LanguageModel) model).lm, data.validation(), ctx, batch, tokens, manager).loss();
    }

    @Override public void close() { lm.close(); }
}
