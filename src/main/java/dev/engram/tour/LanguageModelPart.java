package dev.engram.tour;

import ai.djl.ndarray.NDManager;
import dev.engram.core.Json;
import dev.engram.data.Corpora;
import dev.engram.data.KnownWords;
import dev.engram.data.LanguageIdentifier;
import dev.engram.data.Tokenizer;
import dev.engram.data.Tokenizers;
import dev.engram.nn.ModelFiles;
import dev.engram.nn.Sampler;
import dev.engram.nn.TransformerLM;
import dev.engram.report.Report;
import dev.engram.train.Checkpoints;
import dev.engram.train.TrainConfig;
import dev.engram.train.TrainRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/** Trains a small GPT-2 on the English part of Europarl, evaluates it against the unigram baseline, samples from it. */
public final class LanguageModelPart implements TourPart {
    static final String[] PROMPTS = {"The Commission", "Mr President, ", "We must"};
    private final int steps;
    private Path checkpoint;

    public LanguageModelPart(int steps) { this.steps = steps; }

    /** The model folder this part trained, for the parts after it; set by {@link #run}. */
    public Path checkpoint() {
        if (checkpoint == null) throw new IllegalStateException("the language model part has not run yet");
        return checkpoint;
    }

    @Override public String title() { return "A GPT-2 language model on real text"; }

    @Override public void run(Path dir, NDManager manager, Report report) {
        TrainConfig c = TrainConfig.builder().corpus("europarl:en").tokenizer("bpe:1024").layers(4).heads(4).dim(128).ctx(128).batch(16)
                .steps(steps).lr(2e-3).warmup(Math.min(50, steps / 10)).evalEvery(Math.max(1, steps / 8)).checkpointEvery(Math.max(1, steps / 4))
                .seed(1).build();
        var s = TrainRun.execute(c, dir, TrainRun.Start.FRESH, manager, List.of(), false);
        Path model = Checkpoints.dir(dir);
        checkpoint = model;
        Tokenizer tok = Tokenizers.forModel(model);
        List<String> samples = new ArrayList<>();
        try (TransformerLM lm = ModelFiles.load(model, manager)) {
            for (int i = 0; i < PROMPTS.length; i++) {
                int[] ids = Sampler.generate(lm, tok.encode(PROMPTS[i]), new Sampler.Settings(80, 0.8, 40, 0.95), new SplittableRandom(i), manager);
                samples.add(tok.decode(ids));
            }
        }
        double val = s.result().finalValidationLoss(), uni = s.unigramCrossEntropy();
        var facts = new LinkedHashMap<String, Object>();
        facts.put("corpus", "Europarl, English part: " + s.corpusInfo().get("documents") + " documents, split by "
                + s.corpusInfo().get("identifier") + ", measured purity " + String.format("%.4f", ((Number) s.corpusInfo().get("purity")).doubleValue()));
        facts.put("tokenizer", s.tokenizer() + " (trained on the training documents)");
        facts.put("tokens (train / validation)", s.trainTokens() + " / " + s.validationTokens());
        facts.put("model", c.layers() + " layers, " + c.heads() + " heads, width " + c.dim() + ", context " + c.ctx() + ", "
                + ModelFiles.readConfig(model).parameterCount() + " parameters");
        facts.put("training", steps + " steps of " + c.batch() + " x " + c.ctx() + " tokens, AdamW, peak lr " + c.lr() + ", seed " + c.seed());
        facts.put("validation loss (nats/token)", val);
        facts.put("validation perplexity", Math.exp(val));
        facts.put("unigram baseline (nats/token)", uni);
        facts.put("gain over unigram (nats/token)", uni - val);
        facts.put("throughput (tokens/s, mean of the run)", Math.round(s.result().itemsPerSecond()));
        facts.put("checkpoint (Hugging Face GPT-2 folder)", model.toString());
        report.section(title()).facts(facts);
        report.lineChart("lm-loss", "Loss per token (nats): training, validation, unigram baseline", "step", "nats/token", curves(dir, uni));
        report.section("Samples (temperature 0.8, top-k 40, top-p 0.95)");
        KnownWords known = new KnownWords(Corpora.load(c.corpus()).documents());
        long english = samples.stream().filter(x -> LanguageIdentifier.identify(x).equals("en")).count();
        String shares = samples.stream().map(x -> String.format(Locale.ROOT, "%.0f%%", 100 * known.share(x))).toList().toString();
        report.paragraph("The language identifier that split the corpus recognizes " + english + " of " + samples.size()
                + " samples as English; the share of their words that are real Europarl words is " + shares
                + " (letter salad with English n-gram statistics would pass the first test, not the second).");
        samples.forEach(report::pre);
        Json.writeFile(dir.resolve("samples.json"), samples);
    }

    static Map<String, double[][]> curves(Path dir, double unigram) {
        List<double[]> train = new ArrayList<>(), val = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("metrics.jsonl"))) {
                var n = Json.MAPPER.readTree(line);
                train.add(new double[] {n.get("step").asDouble(), n.get("train_loss").asDouble()});
                if (n.has("val_loss")) val.add(new double[] {n.get("step").asDouble(), n.get("val_loss").asDouble()});
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var out = new LinkedHashMap<String, double[][]>();
        out.put("train", columns(smooth(train, 10)));
        out.put("validation", columns(val));
        double last = train.isEmpty() ? 1 : train.get(train.size() - 1)[0];
        out.put("unigram", new double[][] {{1, last}, {unigram, unigram}});
        return out;
    }

    static List<double[]> smooth(List<double[]> xs, int w) {
        List<double[]> out = new ArrayList<>();
        double sum = 0;
        for (int i = 0; i < xs.size(); i++) {
            sum += xs.get(i)[1];
            if (i >= w) sum -= xs.get(i - w)[1];
            out.add(new double[] {xs.get(i)[0], sum / Math.min(i + 1, w)});
        }
        return out;
    }

    static double[][] columns(List<double[]> pts) {
        double[][] c = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            c[0][i] = pts.get(i)[0];
            c[1][i] = pts.get(i)[1];
        }
        return c;
    }
}
