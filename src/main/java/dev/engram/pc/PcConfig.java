package dev.engram.pc;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.engram.core.UserError;

/**
 * One run of a recurrent network on a task by one learning method. MPL's default inference is "fixed": its
 * local updates then equal the gradient of the mean-field loss, the objective MPL is meant to minimise; the
 * standard PC inference ("standard") stays available and is plain PC's default (the paper's point-weight baseline). Defaults are the authors' recipe (Li, Qiu &
 * Huang 2024): ReLU, batch 128, inference 100 steps then 200 at rate 0.1, Adam lr 1e-2 halved every 40 epochs,
 * weight decay 1e-4, clip 10, pi clipped to [0, 0.99]. Where the recipe is silent (initial pi and xi, the epoch
 * where inference lengthens, the determinism thresholds, the ensemble size) the choice is Engram's, stated here.
 */
public record PcConfig(
        @JsonPropertyDescription("smnist | letters | text") String task,
        @JsonPropertyDescription("mpl (spike-and-slab, PC inference) | pc (point weights, PC inference) | bptt") String method,
        @JsonPropertyDescription("pc/mpl inference: fixed (predictions frozen at the forward sweep, errors relaxed by local messages; "
                + "at convergence the updates are the gradient of the (mean-field) loss) | standard (predictions recomputed from relaxed value nodes, "
                + "energy gradient)") String inference,
        @JsonPropertyDescription("training epochs") int epochs,
        @JsonPropertyDescription("training examples (sMNIST images, letter sequences, or text windows); 0 = all of sMNIST or of the text") int trainSize,
        @JsonPropertyDescription("test examples: sMNIST images (first N of the 10k test split) or held-out text windows (first N); 0 = all") int testSize,
        @JsonPropertyDescription("mini-batch size") int batch,
        @JsonPropertyDescription("recurrent units") int hidden,
        @JsonPropertyDescription("inference steps per batch before laterFrom") int inferenceSteps,
        @JsonPropertyDescription("inference steps per batch from epoch laterFrom on") int laterInferenceSteps,
        @JsonPropertyDescription("first epoch (0-based) with laterInferenceSteps") int laterFrom,
        @JsonPropertyDescription("inference rate (step size of value-node updates)") double rate,
        @JsonPropertyDescription("Adam learning rate") double lr,
        @JsonPropertyDescription("the learning rate halves every this many epochs") int lrHalfEvery,
        @JsonPropertyDescription("Adam's L2 weight decay; for spike-and-slab m it acts on the mean weight mu = m/N, as on BPTT's w") double weightDecay,
        @JsonPropertyDescription("global gradient-norm clip (0 = none)") double clip,
        @JsonPropertyDescription("initial spike probability pi") double pi0,
        @JsonPropertyDescription("initial slab variance parameter xi") double xi0,
        @JsonPropertyDescription("initial m drawn from U(-m0 sqrt(N), m0 sqrt(N)): mu = m/N then starts at the usual 1/sqrt(N) weight scale") double m0,
        @JsonPropertyDescription("upper clip of pi") double piMax,
        @JsonPropertyDescription("scale m's learning rate by the fan-in N: mu = m/N, so an Adam step of lr in m moves the mean weight by only lr/N; "
                + "true lets MPL's mean weights move at the rate BPTT's weights do, false is the raw parametrisation") boolean fanInLr,
        @JsonPropertyDescription("a synapse is deterministic when pi <= detPi or pi >= piMax - detPi, and xi <= detXi") double detPi,
        @JsonPropertyDescription("see detPi") double detXi,
        @JsonPropertyDescription("networks drawn from the weight distribution for ensemble predictions (mpl)") int ensemble,
        @JsonPropertyDescription("letters: tokens per training sequence") int letterLength,
        @JsonPropertyDescription("letters: allowed successors +2, +4, ..., +2*branches (mod 26)") int branches,
        @JsonPropertyDescription("letters: sequences generated for the rule score") int generated,
        @JsonPropertyDescription("text: the corpus (europarl:LANG, a UTF-8 text file, or a folder of .txt files)") String corpus,
        @JsonPropertyDescription("text: vocabulary size, <unk> and <eos> included (the most frequent training words)") int vocab,
        @JsonPropertyDescription("text: embedding width (the recurrent layer's input)") int embedding,
        @JsonPropertyDescription("text: tokens per training window (inputs; targets are the next tokens)") int textLength,
        @JsonPropertyDescription("the run's seed, split downward") long seed) {

    public PcConfig {
        if (task == null || !(task.equals("smnist") || task.equals("letters") || task.equals("text"))) {
            throw new UserError("config field task = " + task + ": use smnist, letters or text");
        }
        if (method == null || !(method.equals("mpl") || method.equals("pc") || method.equals("bptt"))) {
            throw new UserError("config field method = " + method + ": use mpl, pc or bptt");
        }
        if (inference == null || !(inference.equals("fixed") || inference.equals("standard"))) {
            throw new UserError("config field inference = " + inference + ": use fixed or standard");
        }
        positive("epochs", epochs);
        positive("batch", batch);
        positive("hidden", hidden);
        positive("inferenceSteps", inferenceSteps);
        positive("laterInferenceSteps", laterInferenceSteps);
        positive("lrHalfEvery", lrHalfEvery);
        positive("ensemble", ensemble);
        positive("letterLength", letterLength - 1);
        positive("generated", generated);
        positive("embedding", embedding);
        positive("textLength", textLength);
        if (vocab < 3) throw new UserError("config field vocab = " + vocab + ": use at least 3 (<unk>, <eos> and one word)");
        if (task.equals("text") && (corpus == null || corpus.isBlank())) throw new UserError("config field corpus is empty: give e.g. europarl:en or a text file");
        if (trainSize < 0 || testSize < 0 || laterFrom < 0) throw new UserError("config fields trainSize, testSize, laterFrom must be >= 0");
        if (!(rate > 0 && rate <= 1)) throw new UserError("config field rate = " + rate + ": use a value in (0, 1]");
        if (!(lr > 0)) throw new UserError("config field lr = " + lr + ": must be > 0");
        if (!(weightDecay >= 0) || !(clip >= 0)) throw new UserError("config fields weightDecay and clip must be >= 0");
        if (!(piMax > 0 && piMax < 1)) throw new UserError("config field piMax = " + piMax + ": use a value in (0, 1)");
        if (!(pi0 >= 0 && pi0 <= piMax)) throw new UserError("config field pi0 = " + pi0 + ": must lie in [0, piMax]");
        if (!(m0 > 0)) throw new UserError("config field m0 = " + m0 + ": must be > 0");
        if (!(xi0 >= 0)) throw new UserError("config field xi0 = " + xi0 + ": must be >= 0");
        if (!(detPi > 0 && detPi < piMax / 2) || !(detXi > 0)) throw new UserError("config fields detPi in (0, piMax/2) and detXi > 0 required");
        if (branches < 1 || branches > 12) throw new UserError("config field branches = " + branches + ": use 1..12 (successors +2..+2*branches mod 26)");
    }

    private static void positive(String field, int v) {
        if (v < 1) throw new UserError("config field " + field + " = " + v + ": must be at least 1");
    }

    /**
     * The recipe, for a task and method. Text follows the paper's language setting (embedding 300, hidden 512,
     * windows of 35, batch 128, lr 1e-3); its fixed-prediction inference runs rate 1 for as many steps as the window
     * is long, which is exact (the errors have then reached every step), instead of 100/200 steps at rate 0.1.
     */
    public static PcConfig defaults(String task, String method) {
        boolean text = "text".equals(task), fixed = !method.equals("pc");
        int window = 35, steps = text && fixed ? window : 100, later = text && fixed ? window : 200;
        return new PcConfig(task, method, fixed ? "fixed" : "standard", 10, task.equals("letters") ? 2000 : 0, text ? 0 : 10_000, 128,
                text ? 512 : 100, steps, later, 40, text && fixed ? 1.0 : 0.1, text ? 1e-3 : 1e-2, 40,
                1e-4, 10, 0.1, 0.1, 1.0, 0.99, true, 0.05, 0.01, 10, 10, 4, 200, "europarl:en", 5000, 300, window, 1);
    }

    public int inferenceStepsAt(int epoch) { return epoch >= laterFrom ? laterInferenceSteps : inferenceSteps; }

    public double lrAt(int epoch) { return lr * Math.pow(0.5, epoch / lrHalfEvery); }

    public PcConfig with(int epochs, int trainSize, long seed) {
        return new PcConfig(task, method, inference, epochs, trainSize, testSize, batch, hidden, inferenceSteps, laterInferenceSteps, laterFrom, rate,
                lr, lrHalfEvery, weightDecay, clip, pi0, xi0, m0, piMax, fanInLr, detPi, detXi, ensemble, letterLength, branches, generated, corpus, vocab,
                embedding, textLength, seed);
    }
}
