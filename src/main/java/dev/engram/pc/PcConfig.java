package dev.engram.pc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.Json;
import dev.engram.core.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One run of a recurrent network on a task by one learning method. MPL's default inference is "fixed": its
 * local updates then equal the gradient of the mean-field loss, the objective MPL is meant to minimise; the
 * standard PC inference ("standard") stays available and is plain PC's default (the paper's point-weight baseline). Defaults are the authors' recipe (Li, Qiu &
 * Huang 2024): ReLU, batch 128, inference 100 steps then 200 at rate 0.1, Adam lr 1e-2 halved every 40 epochs,
 * weight decay 1e-4, clip 10, pi clipped to [0, 0.99]. Where the recipe is silent (initial pi and xi, the epoch
 * where inference lengthens, the determinism thresholds, the ensemble size) the choice is Engram's, stated here.
 */
public record PcConfig(
        @JsonPropertyDescription("smnist | letters | text") Task task,
        @JsonPropertyDescription("mpl (spike-and-slab, PC inference) | pc (point weights, PC inference) | bptt") Method method,
        @JsonPropertyDescription("pc/mpl inference: fixed (predictions frozen at the forward sweep, errors relaxed by local messages; "
                + "at convergence the updates are the gradient of the (mean-field) loss) | standard (predictions recomputed from relaxed value nodes, "
                + "energy gradient)") Inference inference,
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
        if (task == null) throw new UserError("config field task = null: use " + allowed(Task.values()));
        if (method == null) throw new UserError("config field method = null: use " + allowed(Method.values()));
        if (inference == null) throw new UserError("config field inference = null: use " + allowed(Inference.values()));
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
        if (task == Task.TEXT && (corpus == null || corpus.isBlank())) throw new UserError("config field corpus is empty: give e.g. europarl:en or a text file");
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

    /** The task: sMNIST (28 rows of an MNIST image, one per step), the toy letter language, or word-level text. */
    public enum Task {
        SMNIST, LETTERS, TEXT;

        /** The lowercase name used in JSON and on the command line. */
        @JsonValue public String label() { return name().toLowerCase(Locale.ROOT); }

        @Override public String toString() { return label(); }

        /** {@code value} by its lowercase name; otherwise a {@link UserError} "WHAT VALUE: use smnist, letters or text". */
        public static Task parse(String what, String value) { return PcConfig.parse(values(), what, value); }

        @JsonCreator static Task fromJson(String value) { return parse("config field task =", value); }
    }

    /** The learning method: spike-and-slab synapses by PC inference (mpl), point weights by PC inference (pc), or backpropagation through time. */
    public enum Method {
        MPL, PC, BPTT;

        /** The lowercase name used in JSON and on the command line. */
        @JsonValue public String label() { return name().toLowerCase(Locale.ROOT); }

        @Override public String toString() { return label(); }

        /** {@code value} by its lowercase name; otherwise a {@link UserError} "WHAT VALUE: use mpl, pc or bptt". */
        public static Method parse(String what, String value) { return PcConfig.parse(values(), what, value); }

        @JsonCreator static Method fromJson(String value) { return parse("config field method =", value); }
    }

    /** PC/MPL inference: predictions fixed at the forward sweep, or standard PC (predictions recomputed from the value nodes). */
    public enum Inference {
        FIXED, STANDARD;

        /** The lowercase name used in JSON and on the command line. */
        @JsonValue public String label() { return name().toLowerCase(Locale.ROOT); }

        @Override public String toString() { return label(); }

        /** {@code value} by its lowercase name; otherwise a {@link UserError} "WHAT VALUE: use fixed or standard". */
        public static Inference parse(String what, String value) { return PcConfig.parse(values(), what, value); }

        @JsonCreator static Inference fromJson(String value) { return parse("config field inference =", value); }
    }

    private static <E extends Enum<E>> E parse(E[] values, String what, String value) {
        for (E e : values) if (e.toString().equals(value)) return e;
        throw new UserError(what + " " + value + ": use " + allowed(values));
    }

    /** "a, b or c": the lowercase names of {@code values}. */
    static String allowed(Enum<?>[] values) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < values.length; i++) s.append(i == 0 ? "" : i == values.length - 1 ? " or " : ", ").append(values[i]);
        return s.toString();
    }

    /**
     * The recipe, for a task and method. Text follows the paper's language setting (embedding 300, hidden 512,
     * windows of 35, batch 128, lr 1e-3); its fixed-prediction inference runs rate 1 for as many steps as the window
     * is long, which is exact (the errors have then reached every step), instead of 100/200 steps at rate 0.1.
     */
    public static PcConfig defaults(Task task, Method method) { return builder(task, method).build(); }

    /**
     * A builder holding {@link #defaults(Task, Method)}: the task- and method-independent defaults are the
     * {@link Builder}'s field values; the rules that depend on the task and method are applied here, once.
     */
    public static Builder builder(Task task, Method method) {
        boolean text = task == Task.TEXT, fixed = method != Method.PC;
        Builder b = new Builder().task(task).method(method).inference(fixed ? Inference.FIXED : Inference.STANDARD);
        if (task == Task.LETTERS) b.trainSize(2000);
        if (text) b.testSize(0).hidden(512).lr(1e-3);
        if (text && fixed) b.inferenceSteps(b.textLength).laterInferenceSteps(b.textLength).rate(1.0); // exact: one step per token
        return b;
    }

    /** A builder starting from this config's values. */
    public Builder toBuilder() {
        return new Builder().task(task).method(method).inference(inference).epochs(epochs).trainSize(trainSize).testSize(testSize).batch(batch)
                .hidden(hidden).inferenceSteps(inferenceSteps).laterInferenceSteps(laterInferenceSteps).laterFrom(laterFrom).rate(rate).lr(lr)
                .lrHalfEvery(lrHalfEvery).weightDecay(weightDecay).clip(clip).pi0(pi0).xi0(xi0).m0(m0).piMax(piMax).fanInLr(fanInLr).detPi(detPi)
                .detXi(detXi).ensemble(ensemble).letterLength(letterLength).branches(branches).generated(generated).corpus(corpus).vocab(vocab)
                .embedding(embedding).textLength(textLength).seed(seed);
    }

    /**
     * A config from JSON: a bare config object, or a run folder's run.json (its "config"). {@code source} names
     * the input in errors; a bad field is the record's own {@link UserError}.
     */
    public static PcConfig fromJson(JsonNode json, String source) {
        JsonNode c = json.has("config") && json.get("config").isObject() ? json.get("config") : json;
        if (!c.isObject()) throw new UserError(source + ": not a pc config (expected a JSON object, or a run.json with \"config\")");
        try {
            return Json.MAPPER.treeToValue(c, PcConfig.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof UserError u) throw u;
            throw new UserError(source + ": not a pc config (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    /** {@link #fromJson} of a file: a run.json of an earlier run, or a bare config. */
    public static PcConfig read(Path file) {
        try {
            return fromJson(Json.MAPPER.readTree(Files.readAllBytes(file)), file.toString());
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file; give the run.json of an earlier pc run (or a config JSON)", e);
        } catch (IOException e) {
            throw new UserError(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    public int inferenceStepsAt(int epoch) { return epoch >= laterFrom ? laterInferenceSteps : inferenceSteps; }

    public double lrAt(int epoch) { return lr * Math.pow(0.5, epoch / lrHalfEvery); }

    /**
     * Sets fields by name; {@link #build()} validates. The field values are the defaults that no task or method
     * changes (the rest are set by {@link PcConfig#builder(Task, Method)}).
     */
    public static final class Builder {
        private Task task;
        private Method method;
        private Inference inference;
        private int epochs = 10;
        private int trainSize = 0;
        private int testSize = 10_000;
        private int batch = 128;
        private int hidden = 100;
        private int inferenceSteps = 100;
        private int laterInferenceSteps = 200;
        private int laterFrom = 40;
        private double rate = 0.1;
        private double lr = 1e-2;
        private int lrHalfEvery = 40;
        private double weightDecay = 1e-4;
        private double clip = 10;
        private double pi0 = 0.1;
        private double xi0 = 0.1;
        private double m0 = 1.0;
        private double piMax = 0.99;
        private boolean fanInLr = true;
        private double detPi = 0.05;
        private double detXi = 0.01;
        private int ensemble = 10;
        private int letterLength = 10;
        private int branches = 4;
        private int generated = 200;
        private String corpus = "europarl:en";
        private int vocab = 5000;
        private int embedding = 300;
        private int textLength = 35;
        private long seed = 1;

        private Builder() {}

        public Builder task(Task v) { task = v; return this; }
        public Builder method(Method v) { method = v; return this; }
        public Builder inference(Inference v) { inference = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder trainSize(int v) { trainSize = v; return this; }
        public Builder testSize(int v) { testSize = v; return this; }
        public Builder batch(int v) { batch = v; return this; }
        public Builder hidden(int v) { hidden = v; return this; }
        public Builder inferenceSteps(int v) { inferenceSteps = v; return this; }
        public Builder laterInferenceSteps(int v) { laterInferenceSteps = v; return this; }
        public Builder laterFrom(int v) { laterFrom = v; return this; }
        public Builder rate(double v) { rate = v; return this; }
        public Builder lr(double v) { lr = v; return this; }
        public Builder lrHalfEvery(int v) { lrHalfEvery = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder clip(double v) { clip = v; return this; }
        public Builder pi0(double v) { pi0 = v; return this; }
        public Builder xi0(double v) { xi0 = v; return this; }
        public Builder m0(double v) { m0 = v; return this; }
        public Builder piMax(double v) { piMax = v; return this; }
        public Builder fanInLr(boolean v) { fanInLr = v; return this; }
        public Builder detPi(double v) { detPi = v; return this; }
        public Builder detXi(double v) { detXi = v; return this; }
        public Builder ensemble(int v) { ensemble = v; return this; }
        public Builder letterLength(int v) { letterLength = v; return this; }
        public Builder branches(int v) { branches = v; return this; }
        public Builder generated(int v) { generated = v; return this; }
        public Builder corpus(String v) { corpus = v; return this; }
        public Builder vocab(int v) { vocab = v; return this; }
        public Builder embedding(int v) { embedding = v; return this; }
        public Builder textLength(int v) { textLength = v; return this; }
        public Builder seed(long v) { seed = v; return this; }

        /** The validated config ({@link UserError} naming the first bad field). */
        public PcConfig build() {
            return new PcConfig(task, method, inference, epochs, trainSize, testSize, batch, hidden, inferenceSteps, laterInferenceSteps, laterFrom,
                    rate, lr, lrHalfEvery, weightDecay, clip, pi0, xi0, m0, piMax, fanInLr, detPi, detXi, ensemble, letterLength, branches, generated,
                    corpus, vocab, embedding, textLength, seed);
        }
    }
}
