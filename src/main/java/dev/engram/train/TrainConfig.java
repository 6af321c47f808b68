package dev.engram.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.engram.core.UserError;

/**
 * Everything that defines a training run; saved resolved with every run and checkpoint.
 *
 * @param corpus          a text file, a folder of .txt files, or europarl:LANG
 * @param tokenizer       byte, gpt2 or bpe:SIZE
 * @param layers          transformer blocks
 * @param heads           attention heads (divides dim)
 * @param dim             residual width
 * @param ctx             context length in tokens (n_positions)
 * @param batch           sequences per step
 * @param steps           optimizer steps in total
 * @param lr              peak learning rate
 * @param minLrRatio      the cosine schedule ends at lr * minLrRatio
 * @param warmup          linear warm-up steps
 * @param weightDecay     decoupled weight decay (AdamW) on matrices and embeddings, not on biases or LayerNorm
 * @param beta1           Adam's first-moment decay
 * @param beta2           Adam's second-moment decay
 * @param eps             Adam's epsilon
 * @param gradClip        clip the global gradient norm to this (0 = off)
 * @param dropout         dropout probability everywhere GPT-2 has dropout
 * @param evalEvery       steps between validation evaluations (and the last step)
 * @param evalBatches     batches of validation windows per evaluation
 * @param checkpointEvery steps between checkpoints (and the last step)
 * @param valFraction     share of documents held out for validation
 * @param seed            the run's one seed; every random stream is derived from it
 * @param objective       an extra training objective added by a listener, as its command-line spec (e.g. the brain
 *                        package's forecast objective "layer=8,distance=8,weight=0.5"), or null; saved so that a
 *                        resumed run keeps it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainConfig(String corpus, String tokenizer, int layers, int heads, int dim, int ctx, int batch, int steps,
                          double lr, double minLrRatio, int warmup, double weightDecay, double beta1, double beta2,
                          double eps, double gradClip, double dropout, int evalEvery, int evalBatches,
                          int checkpointEvery, double valFraction, long seed, String objective) {
    /** A run with next-token loss only. */
    public TrainConfig(String corpus, String tokenizer, int layers, int heads, int dim, int ctx, int batch, int steps,
                       double lr, double minLrRatio, int warmup, double weightDecay, double beta1, double beta2,
                       double eps, double gradClip, double dropout, int evalEvery, int evalBatches,
                       int checkpointEvery, double valFraction, long seed) {
        this(corpus, tokenizer, layers, heads, dim, ctx, batch, steps, lr, minLrRatio, warmup, weightDecay, beta1, beta2, eps,
                gradClip, dropout, evalEvery, evalBatches, checkpointEvery, valFraction, seed, null);
    }

    public TrainConfig {
        require(corpus != null && !corpus.isBlank(), "--corpus is required");
        require(tokenizer != null, "--tokenizer is required");
        require(layers > 0 && heads > 0 && dim > 0, "--layers, --heads and --dim must be positive");
        require(dim % heads == 0, "--dim (" + dim + ") must be a multiple of --heads (" + heads + ")");
        require(ctx > 1, "--ctx must be at least 2");
        require(batch > 0, "--batch must be positive");
        require(steps > 0, "--steps must be positive");
        require(lr > 0 && Double.isFinite(lr), "--lr must be a positive number");
        require(minLrRatio >= 0 && minLrRatio <= 1, "minLrRatio must lie in [0, 1]");
        require(warmup >= 0, "--warmup must be >= 0");
        require(weightDecay >= 0, "--weight-decay must be >= 0");
        require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "Adam betas must lie in [0, 1)");
        require(eps > 0, "eps must be positive");
        require(gradClip >= 0, "--grad-clip must be >= 0");
        require(dropout >= 0 && dropout < 1, "--dropout must lie in [0, 1)");
        require(evalEvery > 0 && evalBatches > 0 && checkpointEvery > 0, "--eval-every, --eval-batches and --checkpoint-every must be positive");
        require(valFraction > 0 && valFraction < 1, "--val-fraction must lie in (0, 1)");
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new UserError(message);
    }
}
