package dev.engram.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.ConfigDiff;
import dev.engram.core.Engines;
import dev.engram.core.Json;
import dev.engram.core.Provenance;
import dev.engram.core.RunFolder;
import dev.engram.core.UserError;
import dev.engram.data.Corpora;
import dev.engram.data.Corpus;
import dev.engram.data.TokenData;
import dev.engram.data.Tokenizer;
import dev.engram.data.Tokenizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole GPT-2 training run from its resolved configuration: load and split the corpus, build (or, on resume,
 * reload) the tokenizer, write run.json (the configuration, its provenance, the data's facts and, on a resume
 * with --override, every change made), then train.
 */
public final class TrainRun {
    /** The tokenizer value that reuses the tokenizer of the --init-from checkpoint. */
    public static final String CHECKPOINT_TOKENIZER = "checkpoint";

    private TrainRun() {}

    /** The facts of a finished run, for reports. */
    public record Summary(TrainConfig config, Map<String, Object> corpusInfo, String tokenizer, long trainTokens,
                          long validationTokens, double unigramCrossEntropy, TrainLoop.Result result) {}

    /**
     * How a run starts: fresh, or resumed from its checkpoint with the saved configuration (the caller has
     * checked that any difference was allowed; {@code changes} are recorded in run.json).
     */
    public record Start(boolean resume, List<ConfigDiff.Change> changes) {
        public static final Start FRESH = new Start(false, List.of());

        public static Start resume(List<ConfigDiff.Change> changes) { return new Start(true, changes); }
    }

    /**
     * The changes from the run saved in {@code out} to {@code given}: none is fine; any is refused, naming each
     * differing option, unless {@code override}, and then returned so that run.json records them.
     */
    public static List<ConfigDiff.Change> checkResume(Path out, TrainConfig saved, TrainConfig given, boolean override) {
        List<ConfigDiff.Change> changes = ConfigDiff.between(saved, given);
        if (!changes.isEmpty() && !override)
            throw new UserError("--resume: these options differ from the run saved in " + out + ": "
                    + String.join("; ", changes.stream().map(ConfigDiff.Change::toString).toList())
                    + ". Drop them to continue the run as saved, or add --override to change them (the change is recorded in run.json)");
        return changes;
    }

    public static Summary execute(TrainConfig config, Path out, Start start, NDManager manager, List<TrainingListener> listeners, boolean quiet) {
        if (!start.resume() && Checkpoints.exists(out))
            throw new UserError(out + " already holds a run (" + Checkpoints.dir(out) + "); add --resume to continue it, or choose another --out");
        Corpus corpus = Corpora.load(config.corpus());
        Corpus.Split split = corpus.split(config.valFraction());
        if (split.validation().isEmpty()) throw new UserError("--corpus " + config.corpus() + ": too small to hold out a validation part");
        Tokenizer tok = start.resume() ? Tokenizers.forModel(Checkpoints.dir(out))
                : config.tokenizer().equals(CHECKPOINT_TOKENIZER) ? Tokenizers.forModel(Checkpoints.modelDir(Path.of(config.initFrom())))
                : Tokenizers.create(config.tokenizer(), String.join("\n", split.train()));
        TokenData data = TokenData.of(split, tok);
        if (data.train().length < config.ctx() + 1 || data.validation().length < 2)
            throw new UserError("--corpus " + config.corpus() + " gives " + data.train().length + " training tokens, fewer than one context of --ctx "
                    + config.ctx() + " (+1); use a larger corpus or a smaller --ctx");
        double unigram = data.unigramCrossEntropy();
        var facts = new LinkedHashMap<String, Object>();
        facts.put("corpus", corpus.info());
        facts.put("tokenizer", tok.name());
        facts.put("train_tokens", data.train().length);
        facts.put("validation_tokens", data.validation().length);
        facts.put("unigram_cross_entropy", unigram);
        facts.put("overrides", overrides(out, start));
        RunFolder.writeRunJson(out, config, Provenance.of(config.seed(), Engines.describe(), Engines.threads()), facts);
        Trainer trainer = new Trainer(config, out);
        listeners.forEach(trainer::addListener);
        if (quiet) trainer.quiet();
        TrainLoop.Result r = start.resume() ? trainer.resume(tok, data, manager) : trainer.run(tok, data, manager);
        return new Summary(config, corpus.info(), tok.name(), data.train().length, data.validation().length, unigram, r);
    }

    /** The changes recorded by earlier resumes of this run, plus this one's (with the step it applies from). */
    private static List<Object> overrides(Path out, Start start) {
        List<Object> all = new ArrayList<>();
        Path runJson = RunFolder.runJson(out);
        if (start.resume() && Files.isRegularFile(runJson)) {
            JsonNode old = Json.read(runJson, JsonNode.class).path("overrides");
            if (old.isArray()) old.forEach(all::add);
        }
        if (!start.changes().isEmpty()) {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("from_step", Checkpoints.readState(out).step() + 1);
            entry.put("changes", start.changes());
            all.add(entry);
        }
        return all;
    }
}
