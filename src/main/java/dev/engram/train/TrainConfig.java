package dev.engram.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.engram.core.UserError;
import java.util.List;

/**
 * Everything that defines a GPT-2 training run; saved resolved in run.json and with every checkpoint. Build it
 * by name, {@code TrainConfig.builder().corpus("europarl:en").steps(500).build()}, or change a saved one with
 * {@code saved.toBuilder().lr(2e-3).build()}; the defaults are the constants below, in this one place.
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
 * @param mechanisms      named mechanisms, each as its canonical spec NAME:key=value,... ({@link Mechanisms})
 * @param initFrom        a phase's starting point: a run or checkpoint folder whose weights (and, unless a
 *                        tokenizer is given, tokenizer) start this run; null for a fresh model
 * @param freeze          parameters (names or globs such as h.*) not updated in this run
 * @param reinit          parameters re-drawn from the initial distribution at the start of a phase (initFrom);
 *                        a parameter whose shape differs from the checkpoint's (wte after a new tokenizer) must be here
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrainConfig(String corpus, String tokenizer, int layers, int heads, int dim, int ctx, int batch, int steps,
                          double lr, double minLrRatio, int warmup, double weightDecay, double beta1, double beta2,
                          double eps, double gradClip, double dropout, int evalEvery, int evalBatches,
                          int checkpointEvery, double valFraction, long seed, List<String> mechanisms,
                          String initFrom, List<String> freeze, List<String> reinit) {
    public static final String TOKENIZER = "byte";
    public static final int LAYERS = 4, HEADS = 4, DIM = 256, CTX = 128, BATCH = 16, STEPS = 1000, EVAL_BATCHES = 8;
    public static final double LR = 1e-3, MIN_LR_RATIO = 0.1, WEIGHT_DECAY = 0.1, BETA1 = 0.9, BETA2 = 0.95, EPS = 1e-8,
            GRAD_CLIP = 1.0, DROPOUT = 0.1, VAL_FRACTION = 0.1;
    public static final long SEED = 1;

    public TrainConfig {
        require(corpus != null && !corpus.isBlank(), "--corpus is required");
        require(tokenizer != null, "--tokenizer is required");
        require(layers > 0 && heads > 0 && dim > 0, "--layers, --heads and --dim must be positive");
        require(dim % heads == 0, "--dim (" + dim + ") must be a multiple of --heads (" + heads + ")");
        require(ctx > 1, "--ctx must be at least 2");
        require(batch > 0, "--batch must be positive");
        require(dropout >= 0 && dropout < 1, "--dropout must lie in [0, 1)");
        require(evalBatches > 0, "--eval-batches must be positive");
        require(valFraction > 0 && valFraction < 1, "--val-fraction must lie in (0, 1)");
        mechanisms = mechanisms == null ? List.of() : mechanisms.stream().map(Mechanisms::canonical).toList();
        freeze = freeze == null ? List.of() : List.copyOf(freeze);
        reinit = reinit == null ? List.of() : List.copyOf(reinit);
        require(initFrom != null || !tokenizer.equals(TrainRun.CHECKPOINT_TOKENIZER), "--tokenizer checkpoint needs --init-from (the checkpoint whose tokenizer to reuse)");
        require(initFrom != null || reinit.isEmpty(), "--reinit needs --init-from (a fresh model is drawn from the seed anyway)");
        loop(steps, lr, minLrRatio, warmup, weightDecay, beta1, beta2, eps, gradClip, evalEvery, checkpointEvery, seed); // validates those fields
    }

    /** The training loop's part of the configuration. */
    public LoopConfig loop() {
        return loop(steps, lr, minLrRatio, warmup, weightDecay, beta1, beta2, eps, gradClip, evalEvery, checkpointEvery, seed);
    }

    private static LoopConfig loop(int steps, double lr, double minLrRatio, int warmup, double weightDecay, double beta1, double beta2,
                                   double eps, double gradClip, int evalEvery, int checkpointEvery, long seed) {
        return LoopConfig.builder().steps(steps).lr(lr).minLrRatio(minLrRatio).warmup(warmup).weightDecay(weightDecay).betas(beta1, beta2)
                .eps(eps).gradClip(gradClip).evalEvery(evalEvery).checkpointEvery(checkpointEvery).seed(seed).build();
    }

    public static Builder builder() { return new Builder(); }

    /** A builder holding this configuration, to change some fields by name. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.corpus = corpus; b.tokenizer = tokenizer; b.layers = layers; b.heads = heads; b.dim = dim; b.ctx = ctx; b.batch = batch;
        b.steps = steps; b.lr = lr; b.minLrRatio = minLrRatio; b.warmup = warmup; b.weightDecay = weightDecay; b.beta1 = beta1;
        b.beta2 = beta2; b.eps = eps; b.gradClip = gradClip; b.dropout = dropout; b.evalEvery = evalEvery; b.evalBatches = evalBatches;
        b.checkpointEvery = checkpointEvery; b.valFraction = valFraction; b.seed = seed; b.mechanisms = mechanisms;
        b.initFrom = initFrom; b.freeze = freeze; b.reinit = reinit;
        return b;
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new UserError(message);
    }

    /**
     * Fields left unset take the defaults above; warm-up defaults to steps/10 (at most 100), the evaluation
     * interval to steps/20, the checkpoint interval to the evaluation interval.
     */
    public static final class Builder {
        private String corpus, tokenizer = TOKENIZER, initFrom;
        private int layers = LAYERS, heads = HEADS, dim = DIM, ctx = CTX, batch = BATCH, steps = STEPS, evalBatches = EVAL_BATCHES;
        private Integer warmup, evalEvery, checkpointEvery;
        private double lr = LR, minLrRatio = MIN_LR_RATIO, weightDecay = WEIGHT_DECAY, beta1 = BETA1, beta2 = BETA2, eps = EPS,
                gradClip = GRAD_CLIP, dropout = DROPOUT, valFraction = VAL_FRACTION;
        private long seed = SEED;
        private List<String> mechanisms = List.of(), freeze = List.of(), reinit = List.of();

        public Builder corpus(String v) { corpus = v; return this; }
        public Builder tokenizer(String v) { tokenizer = v; return this; }
        public Builder layers(int v) { layers = v; return this; }
        public Builder heads(int v) { heads = v; return this; }
        public Builder dim(int v) { dim = v; return this; }
        public Builder ctx(int v) { ctx = v; return this; }
        public Builder batch(int v) { batch = v; return this; }
        public Builder steps(int v) { steps = v; return this; }
        public Builder lr(double v) { lr = v; return this; }
        public Builder minLrRatio(double v) { minLrRatio = v; return this; }
        public Builder warmup(int v) { warmup = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder betas(double b1, double b2) { beta1 = b1; beta2 = b2; return this; }
        public Builder eps(double v) { eps = v; return this; }
        public Builder gradClip(double v) { gradClip = v; return this; }
        public Builder dropout(double v) { dropout = v; return this; }
        public Builder evalEvery(int v) { evalEvery = v; return this; }
        public Builder evalBatches(int v) { evalBatches = v; return this; }
        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder valFraction(double v) { valFraction = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder mechanisms(List<String> v) { mechanisms = v; return this; }
        public Builder initFrom(String v) { initFrom = v; return this; }
        public Builder freeze(List<String> v) { freeze = v; return this; }
        public Builder reinit(List<String> v) { reinit = v; return this; }

        public TrainConfig build() {
            int ev = evalEvery != null ? evalEvery : Math.max(1, steps / 20);
            return new TrainConfig(corpus, tokenizer, layers, heads, dim, ctx, batch, steps, lr, minLrRatio,
                    warmup != null ? warmup : Math.min(100, steps / 10), weightDecay, beta1, beta2, eps, gradClip, dropout, ev, evalBatches,
                    checkpointEvery != null ? checkpointEvery : ev, valFraction, seed, mechanisms, initFrom, freeze, reinit);
        }
    }
}
