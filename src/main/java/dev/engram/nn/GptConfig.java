package dev.engram.nn;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.engram.core.UserError;

/**
 * GPT-2's hyper-parameters, with Hugging Face's names so that {@code config.json} is read and written as is.
 *
 * @param vocabSize          number of token ids (50257 for GPT-2's BPE)
 * @param nPositions         longest context, the rows of the learned position table
 * @param nEmbd              width of the residual stream
 * @param nLayer             number of transformer blocks
 * @param nHead              attention heads per block; must divide nEmbd
 * @param layerNormEpsilon   LayerNorm's epsilon
 * @param activationFunction only "gelu_new" (GELU, tanh approximation) is GPT-2's
 * @param residPdrop         dropout on each residual branch's output
 * @param embdPdrop          dropout on the summed embeddings
 * @param attnPdrop          dropout on the attention weights
 * @param initializerRange   standard deviation of the initial weights
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GptConfig(
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("n_positions") int nPositions,
        @JsonProperty("n_embd") int nEmbd,
        @JsonProperty("n_layer") int nLayer,
        @JsonProperty("n_head") int nHead,
        @JsonProperty("layer_norm_epsilon") double layerNormEpsilon,
        @JsonProperty("activation_function") String activationFunction,
        @JsonProperty("resid_pdrop") double residPdrop,
        @JsonProperty("embd_pdrop") double embdPdrop,
        @JsonProperty("attn_pdrop") double attnPdrop,
        @JsonProperty("initializer_range") double initializerRange) {

    public GptConfig {
        if (activationFunction == null) activationFunction = "gelu_new";
        if (layerNormEpsilon == 0) layerNormEpsilon = 1e-5;
        if (initializerRange == 0) initializerRange = 0.02;
        require(vocabSize > 0, "vocab_size must be positive, got " + vocabSize);
        require(nPositions > 0, "n_positions must be positive, got " + nPositions);
        require(nLayer > 0, "n_layer must be positive, got " + nLayer);
        require(nHead > 0 && nEmbd > 0 && nEmbd % nHead == 0,
                "n_embd (" + nEmbd + ") must be a positive multiple of n_head (" + nHead + ")");
        require(layerNormEpsilon > 0, "layer_norm_epsilon must be positive");
        require(activationFunction.equals("gelu_new") || activationFunction.equals("gelu_pytorch_tanh"),
                "activation_function '" + activationFunction + "' is not supported; GPT-2 uses gelu_new (tanh GELU)");
        for (double p : new double[] {residPdrop, embdPdrop, attnPdrop})
            require(p >= 0 && p < 1, "dropout probabilities must lie in [0, 1), got " + p);
    }

    /** A GPT-2-style configuration with the usual defaults (dropout 0.1, epsilon 1e-5). */
    public static GptConfig of(int vocab, int ctx, int dim, int layers, int heads, double dropout) {
        return new GptConfig(vocab, ctx, dim, layers, heads, 1e-5, "gelu_new", dropout, dropout, dropout, 0.02);
    }

    @JsonProperty("model_type") public String modelType() { return "gpt2"; }

    @JsonProperty("architectures") public String[] architectures() { return new String[] {"GPT2LMHeadModel"}; }

    @JsonProperty("n_ctx") public int nCtx() { return nPositions; }

    @JsonProperty("tie_word_embeddings") public boolean tieWordEmbeddings() { return true; }

    public int headDim() { return nEmbd / nHead; }

    /** Number of trainable values (tied output projection counted once). */
    public long parameterCount() {
        long d = nEmbd;
        long block = 2 * 2 * d + (d * 3 * d + 3 * d) + (d * d + d) + (d * 4 * d + 4 * d) + (4 * d * d + d);
        return (long) vocabSize * d + (long) nPositions * d + nLayer * block + 2 * d;
    }

    public GptConfig withDropout(double p) {
        return new GptConfig(vocabSize, nPositions, nEmbd, nLayer, nHead, layerNormEpsilon, activationFunction, p, p, p, initializerRange);
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new UserError("model config: " + message);
    }
}
