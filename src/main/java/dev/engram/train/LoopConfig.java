package dev.engram.train;

import dev.engram.core.UserError;

/**
 * What the training loop itself needs, for any model: the optimizer (AdamW), the schedule (linear warm-up,
 * cosine decay to lr * minLrRatio), clipping, the evaluation and checkpoint intervals, and the run's seed.
 * Build it by name: {@code LoopConfig.builder().steps(100).lr(3e-3).seed(7).build()}.
 *
 * @param steps           optimizer steps of the whole run
 * @param lr              peak learning rate
 * @param minLrRatio      the cosine decay ends at lr * minLrRatio
 * @param warmup          linear warm-up steps
 * @param weightDecay     AdamW's decoupled weight decay (on {@link Trainable#decayed} parameters)
 * @param beta1           Adam's first-moment decay
 * @param beta2           Adam's second-moment decay
 * @param eps             Adam's epsilon
 * @param gradClip        clip the global gradient norm to this (0 = off)
 * @param evalEvery       steps between evaluations (and the last step)
 * @param checkpointEvery steps between checkpoints (and the last step)
 * @param seed            the run's one seed: batches, dropout and listeners' draws derive from it and the step
 */
public record LoopConfig(int steps, double lr, double minLrRatio, int warmup, double weightDecay, double beta1, double beta2,
                         double eps, double gradClip, int evalEvery, int checkpointEvery, long seed) {
    public LoopConfig {
        require(steps > 0, "--steps must be positive");
        require(lr > 0 && Double.isFinite(lr), "--lr must be a positive number");
        require(minLrRatio >= 0 && minLrRatio <= 1, "minLrRatio must lie in [0, 1]");
        require(warmup >= 0, "--warmup must be >= 0");
        require(weightDecay >= 0, "--weight-decay must be >= 0");
        require(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "Adam betas must lie in [0, 1)");
        require(eps > 0, "eps must be positive");
        require(gradClip >= 0, "--grad-clip must be >= 0");
        require(evalEvery > 0 && checkpointEvery > 0, "--eval-every and --checkpoint-every must be positive");
    }

    public LrSchedule schedule() { return new LrSchedule(lr, warmup, steps, minLrRatio); }

    public static Builder builder() { return new Builder(); }

    private static void require(boolean ok, String message) {
        if (!ok) throw new UserError(message);
    }

    /** Defaults: AdamW(0.9, 0.95, 1e-8), weight decay 0.1, clip 1, lr 1e-3 with 10% of the steps (at most 100) warm-up, seed 1. */
    public static final class Builder {
        private int steps = 1000, evalEvery, checkpointEvery;
        private Integer warmup;
        private double lr = 1e-3, minLrRatio = 0.1, weightDecay = 0.1, beta1 = 0.9, beta2 = 0.95, eps = 1e-8, gradClip = 1.0;
        private long seed = 1;

        public Builder steps(int v) { steps = v; return this; }
        public Builder lr(double v) { lr = v; return this; }
        public Builder minLrRatio(double v) { minLrRatio = v; return this; }
        public Builder warmup(int v) { warmup = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder betas(double b1, double b2) { beta1 = b1; beta2 = b2; return this; }
        public Builder eps(double v) { eps = v; return this; }
        public Builder gradClip(double v) { gradClip = v; return this; }
        public Builder evalEvery(int v) { evalEvery = v; return this; }
        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        /** Unset intervals default to steps/20 (evaluation) and the evaluation interval (checkpoints). */
        public LoopConfig build() {
            int ev = evalEvery > 0 ? evalEvery : Math.max(1, steps / 20);
            return new LoopConfig(steps, lr, minLrRatio, warmup != null ? warmup : Math.min(100, steps / 10), weightDecay, beta1, beta2, eps,
                    gradClip, ev, checkpointEvery > 0 ? checkpointEvery : ev, seed);
        }
    }
}
