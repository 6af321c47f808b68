package dev.engram.train;

import ai.djl.ndarray.NDManager;
import dev.engram.core.Json;
import dev.engram.core.UserError;
import dev.engram.data.Corpora;
import dev.engram.data.Corpus;
import dev.engram.data.TokenData;
import dev.engram.data.Tokenizer;
import dev.engram.data.Tokenizers;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole training run from its configuration: load and split the corpus, build (or, on resume, reload) the
 * tokenizer, write run.json (the resolved configuration and the data's facts), then train.
 */
public final class TrainRun {
    private TrainRun() {}

    /** The facts of a finished run, for reports. */
    public record Summary(TrainConfig config, Map<String, Object> corpusInfo, String tokenizer, long trainTokens,
                          long validationTokens, double unigramCrossEntropy, Trainer.Result result) {}

    public static Summary execute(TrainConfig config, Path out, boolean resume, NDManager manager, List<TrainingListener> listeners, boolean quiet) {
        if (resume) {
            TrainConfig saved = Checkpoints.readState(out).config();
            config = withSteps(saved, Math.max(config.steps(), saved.steps()));
        } else if (Checkpoints.exists(out)) {
            throw new UserError(out + " already holds a run (" + Checkpoints.dir(out) + "); add --resume to continue it, or choose another --out");
        }
        Corpus corpus = Corpora.load(config.corpus());
        Corpus.Split split = corpus.split(config.valFraction());
        if (split.validation().isEmpty()) throw new UserError("--corpus " + config.corpus() + ": too small to hold out a validation part");
        Tokenizer tok = resume ? Tokenizers.forModel(Checkpoints.dir(out))
                : Tokenizers.create(config.tokenizer(), String.join("\n", split.train()));
        TokenData data = TokenData.of(split, tok);
        if (data.train().length < config.ctx() + 1 || data.validation().length < 2)
            throw new UserError("--corpus " + config.corpus() + " gives " + data.train().length + " training tokens, fewer than one context of --ctx "
                    + config.ctx() + " (+1); use a larger corpus or a smaller --ctx");
        double unigram = data.unigramCrossEntropy();
        var run = new LinkedHashMap<String, Object>();
        run.put("config", config);
        run.put("corpus", corpus.info());
        run.put("tokenizer", tok.name());
        run.put("train_tokens", data.train().length);
        run.put("validation_tokens", data.validation().length);
        run.put("unigram_cross_entropy", unigram);
        Json.writeFile(out.resolve("run.json"), run);
        Trainer trainer = new Trainer(config, out);
        listeners.forEach(trainer::addListener);
        if (quiet) trainer.quiet();
        Trainer.Result r = resume ? trainer.resume(tok, data, manager) : trainer.run(tok, data, manager);
        return new Summary(config, corpus.info(), tok.name(), data.train().length, data.validation().length, unigram, r);
    }

    static TrainConfig withSteps(TrainConfig c, int steps) {
        return new TrainConfig(c.corpus(), c.tokenizer(), c.layers(), c.heads(), c.dim(), c.ctx(), c.batch(), steps, c.lr(),
                c.minLrRatio(), c.warmup(), c.weightDecay(), c.beta1(), c.beta2(), c.eps(), c.gradClip(), c.dropout(),
                c.evalEvery(), c.evalBatches(), c.checkpointEvery(), c.valFraction(), c.seed(), c.objective());
    }
}
