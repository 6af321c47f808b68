package dev.engram.train;

import ai.djl.ndarray.NDManager;
import dev.engram.core.Seeds;
import dev.engram.data.TokenData;
import dev.engram.data.Tokenizer;
import dev.engram.nn.GptConfig;
import dev.engram.nn.ModelFiles;
import dev.engram.nn.TransformerLM;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * GPT-2 on a token stream through the one {@link TrainLoop}: builds the model (fresh from the seed, from another
 * run's checkpoint for a phase, or reloaded to resume), the batch source and the validation, and adds the
 * configuration's mechanisms and frozen parameters as listeners before the caller's own.
 */
public final class Trainer {
    private final TrainConfig config;
    private final Path outDir;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private boolean quiet;
    private int stopAfter = Integer.MAX_VALUE;

    public Trainer(TrainConfig config, Path outDir) {
        this.config = config;
        this.outDir = outDir;
    }

    public Trainer addListener(TrainingListener l) {
        listeners.add(l);
        return this;
    }

    /** Ends this call after {@code step} (a checkpoint is written there); a later {@link #resume} continues. */
    public Trainer stopAfter(int step) {
        stopAfter = step;
        return this;
    }

    /** No progress bar (tests). */
    public Trainer quiet() {
        quiet = true;
        return this;
    }

    /** A fresh run: initial weights from the seed, or from {@code config.initFrom()} for a phase. */
    public TrainLoop.Result run(Tokenizer tokenizer, TokenData data, NDManager manager) {
        GptConfig mc = GptConfig.of(tokenizer.vocabSize(), config.ctx(), config.dim(), config.layers(), config.heads(), config.dropout());
        var rng = Seeds.random(config.seed(), "init", 0);
        TransformerLM lm = config.initFrom() == null ? TransformerLM.init(mc, manager, rng)
                : PhaseStart.model(mc, Path.of(config.initFrom()), config.reinit(), manager, rng);
        try (LanguageModel model = new LanguageModel(lm, tokenizer)) {
            return loop(data).run(model, source(data), manager, null);
        }
    }

    /** Continues from the run folder's checkpoint. */
    public TrainLoop.Result resume(Tokenizer tokenizer, TokenData data, NDManager manager) {
        TrainingState state = Checkpoints.readState(outDir);
        try (LanguageModel model = new LanguageModel(ModelFiles.load(Checkpoints.dir(outDir), manager), tokenizer)) {
            return loop(data).run(model, source(data), manager, state);
        }
    }

    private TokenBatchSource source(TokenData data) { return new TokenBatchSource(data, config.batch(), config.ctx(), config.seed()); }

    private TrainLoop loop(TokenData data) {
        TrainLoop loop = new TrainLoop(config.loop(), outDir).runConfig(config).rateName("tokens_per_s").stopAfter(stopAfter)
                .validation(LanguageModel.validation(data, config.ctx(), config.batch(), config.evalBatches()));
        config.mechanisms().forEach(spec -> loop.add(Mechanisms.create(spec)));
        if (!config.freeze().isEmpty()) loop.add(new FreezeParameters(config.freeze()));
        listeners.forEach(loop::add);
        if (quiet) loop.quiet();
        return loop;
    }
}
