package dev.engram.cli;

import ai.djl.ndarray.NDManager;
import dev.engram.brain.ForecastObjective;
import dev.engram.core.UserError;
import dev.engram.train.Checkpoints;
import dev.engram.train.TrainConfig;
import dev.engram.train.TrainRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a GPT-2-style language model on a corpus; writes checkpoints, metrics.jsonl and run.json into --out.",
        footer = {"", "Examples:",
                "  engram train --corpus europarl:en --tokenizer bpe:2048 --steps 2000 --out runs/en",
                "  engram train --corpus notes/ --tokenizer byte --layers 2 --dim 128 --steps 300 --out runs/notes",
                "  engram train --out runs/en --resume              # continue a killed run from its last checkpoint",
                "", "SOURCE is a UTF-8 text file, a folder of .txt files, or europarl:LANG (de, en, fr, it, nl, sv, da, fi, es, ...).",
                "The checkpoint folder (OUT/checkpoint) is a Hugging Face GPT-2 folder: it loads with GPT2LMHeadModel.from_pretrained."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--corpus", paramLabel = "SOURCE", description = "Text file, folder of .txt files, or europarl:LANG.") String corpus;
    @Option(names = "--tokenizer", paramLabel = "NAME", description = "byte | gpt2 | bpe:SIZE (default: ${DEFAULT-VALUE}).") String tokenizer = "byte";
    @Option(names = "--layers", description = "Transformer blocks (default: ${DEFAULT-VALUE}).") int layers = 4;
    @Option(names = "--heads", description = "Attention heads (default: ${DEFAULT-VALUE}).") int heads = 4;
    @Option(names = "--dim", description = "Residual width (default: ${DEFAULT-VALUE}).") int dim = 256;
    @Option(names = "--ctx", description = "Context length in tokens (default: ${DEFAULT-VALUE}).") int ctx = 128;
    @Option(names = "--batch", description = "Sequences per step (default: ${DEFAULT-VALUE}).") int batch = 16;
    @Option(names = "--steps", description = "Optimizer steps (default: 1000; on --resume, the run's own).") Integer steps;
    @Option(names = "--lr", description = "Peak learning rate (default: ${DEFAULT-VALUE}).") double lr = 1e-3;
    @Option(names = "--warmup", description = "Warm-up steps (default: steps/10, at most 100).") Integer warmup;
    @Option(names = "--weight-decay", description = "AdamW decoupled weight decay (default: ${DEFAULT-VALUE}).") double weightDecay = 0.1;
    @Option(names = "--grad-clip", description = "Global gradient-norm clip, 0 = off (default: ${DEFAULT-VALUE}).") double gradClip = 1.0;
    @Option(names = "--dropout", description = "Dropout probability (default: ${DEFAULT-VALUE}).") double dropout = 0.1;
    @Option(names = "--eval-every", description = "Steps between validation losses (default: steps/20).") Integer evalEvery;
    @Option(names = "--eval-batches", description = "Validation batches per evaluation (default: ${DEFAULT-VALUE}).") int evalBatches = 8;
    @Option(names = "--checkpoint-every", description = "Steps between checkpoints (default: the evaluation interval).") Integer checkpointEvery;
    @Option(names = "--val-fraction", description = "Share of documents held out (default: ${DEFAULT-VALUE}).") double valFraction = 0.1;
    @Option(names = "--seed", description = "The run's seed (default: ${DEFAULT-VALUE}).") long seed = 1;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run folder.") Path out;
    @Option(names = "--resume", description = "Continue the run in --out from its checkpoint (its saved configuration is used; --steps may grow).") boolean resume;
    @Option(names = "--forecast-objective", paramLabel = "SPEC", description = "Add the brain-inspired forecast loss: layer=L,distance=D,weight=W (e.g. layer=8,distance=8,weight=0.5).") String forecastObjective;
    @Mixin EngineOptions engine;

    @Override public Integer call() {
        String objective = forecastObjective;
        if (resume && Checkpoints.exists(out)) { // a resumed run keeps the objective saved with it
            String saved = Checkpoints.readState(out).config().objective();
            if (objective != null && !objective.equals(saved))
                throw new UserError("--forecast-objective " + objective + " differs from the objective saved with the run in " + out + " ("
                        + (saved == null ? "none" : saved) + "); a resumed run keeps its own: drop the option");
            objective = saved;
        }
        TrainConfig c = config(objective);
        List<dev.engram.train.TrainingListener> listeners = new java.util.ArrayList<>();
        if (objective != null) {
            try {
                listeners.add(new ForecastObjective(ForecastObjective.Spec.parse(objective)));
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
        }
        try (NDManager m = engine.manager()) {
            var s = TrainRun.execute(c, out, resume, m, listeners, false);
            System.out.printf(Locale.ROOT, "trained %d steps: train loss %.4f, validation loss %.4f (unigram baseline %.4f nats/token), %.0f tokens/s%n",
                    s.result().steps(), s.result().finalTrainLoss(), s.result().finalValidationLoss(), s.unigramCrossEntropy(), s.result().tokensPerSecond());
            System.out.println("model: " + out.resolve("checkpoint") + "   metrics: " + out.resolve("metrics.jsonl"));
        }
        return 0;
    }

    TrainConfig config(String objective) {
        String src = corpus != null ? corpus : resume ? "(from checkpoint)" : null;
        int steps = this.steps != null ? this.steps : resume ? 1 : 1000;
        int w = warmup != null ? warmup : Math.min(100, steps / 10);
        int ev = evalEvery != null ? evalEvery : Math.max(1, steps / 20);
        int ck = checkpointEvery != null ? checkpointEvery : ev;
        return new TrainConfig(src, tokenizer, layers, heads, dim, ctx, batch, steps, lr, 0.1, w, weightDecay, 0.9, 0.95, 1e-8,
                gradClip, dropout, ev, evalBatches, ck, valFraction, seed, objective);
    }
}
