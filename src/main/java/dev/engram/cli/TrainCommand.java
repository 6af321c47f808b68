package dev.engram.cli;

import ai.djl.ndarray.NDManager;
import dev.engram.core.ConfigDiff;
import dev.engram.core.UserError;
import dev.engram.train.Checkpoints;
import dev.engram.train.Mechanisms;
import dev.engram.train.TrainConfig;
import dev.engram.train.TrainRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a GPT-2-style language model on a corpus; writes run.json, metrics.jsonl and checkpoint/ into --out.",
        footer = {"", "Examples:",
                "  engram train --corpus europarl:en --tokenizer bpe:2048 --steps 2000 --out runs/en",
                "  engram train --corpus notes/ --tokenizer byte --layers 2 --dim 128 --steps 300 --out runs/notes",
                "  engram train --out runs/en --resume              # continue a killed run from its last checkpoint",
                "  engram train --out runs/en --resume --steps 4000 --override   # change a saved option (recorded in run.json)",
                "  engram train --corpus europarl:en --mechanism forecast:layer=3,distance=8,weight=0.5 --out runs/fc",
                "  engram train --corpus europarl:fr --init-from runs/en --tokenizer bpe:2048 --reinit wte.weight --freeze 'h.*' --out runs/fr",
                "", "SOURCE is a UTF-8 text file, a folder of .txt files, or europarl:LANG (de, en, fr, it, nl, sv, da, fi, es, ...).",
                "The checkpoint folder (OUT/checkpoint) is a Hugging Face GPT-2 folder: it loads with GPT2LMHeadModel.from_pretrained."})
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--corpus", paramLabel = "SOURCE", description = "Text file, folder of .txt files, or europarl:LANG.") String corpus;
    @Option(names = "--tokenizer", paramLabel = "NAME", description = "byte | gpt2 | bpe:SIZE | checkpoint (the --init-from run's) (default: "
            + TrainConfig.TOKENIZER + "; with --init-from: checkpoint).") String tokenizer;
    @Option(names = "--layers", description = "Transformer blocks (default: " + TrainConfig.LAYERS + ").") Integer layers;
    @Option(names = "--heads", description = "Attention heads (default: " + TrainConfig.HEADS + ").") Integer heads;
    @Option(names = "--dim", description = "Residual width (default: " + TrainConfig.DIM + ").") Integer dim;
    @Option(names = "--ctx", description = "Context length in tokens (default: " + TrainConfig.CTX + ").") Integer ctx;
    @Option(names = "--batch", description = "Sequences per step (default: " + TrainConfig.BATCH + ").") Integer batch;
    @Option(names = "--steps", description = "Optimizer steps (default: " + TrainConfig.STEPS + ").") Integer steps;
    @Option(names = "--lr", description = "Peak learning rate (default: " + TrainConfig.LR + ").") Double lr;
    @Option(names = "--warmup", description = "Warm-up steps (default: steps/10, at most 100).") Integer warmup;
    @Option(names = "--weight-decay", description = "AdamW decoupled weight decay (default: " + TrainConfig.WEIGHT_DECAY + ").") Double weightDecay;
    @Option(names = "--grad-clip", description = "Global gradient-norm clip, 0 = off (default: " + TrainConfig.GRAD_CLIP + ").") Double gradClip;
    @Option(names = "--dropout", description = "Dropout probability (default: " + TrainConfig.DROPOUT + ").") Double dropout;
    @Option(names = "--eval-every", description = "Steps between validation losses (default: steps/20).") Integer evalEvery;
    @Option(names = "--eval-batches", description = "Validation batches per evaluation (default: " + TrainConfig.EVAL_BATCHES + ").") Integer evalBatches;
    @Option(names = "--checkpoint-every", description = "Steps between checkpoints (default: the evaluation interval).") Integer checkpointEvery;
    @Option(names = "--val-fraction", description = "Share of documents held out (default: " + TrainConfig.VAL_FRACTION + ").") Double valFraction;
    @Option(names = "--seed", description = "The run's seed (default: " + TrainConfig.SEED + ").") Long seed;
    @Option(names = "--mechanism", paramLabel = "NAME:K=V,...", description = "A named training mechanism; repeatable (the list is below).") List<String> mechanisms;
    @Option(names = "--forecast-objective", paramLabel = "SPEC", description = "Alias of --mechanism forecast:SPEC, the brain-inspired forecast loss "
            + "(layer=L,distance=D,weight=W, e.g. layer=8,distance=8,weight=0.5).") String forecastObjective;
    @Option(names = "--init-from", paramLabel = "RUN", description = "Start a phase from another run's checkpoint (its weights; its tokenizer unless --tokenizer is given).") Path initFrom;
    @Option(names = "--reinit", paramLabel = "NAMES", split = ",", description = "With --init-from: parameters drawn fresh instead (names or globs, e.g. wte.weight).") List<String> reinit;
    @Option(names = "--freeze", paramLabel = "NAMES", split = ",", description = "Parameters not updated in this run (names or globs, e.g. 'h.*').") List<String> freeze;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Run folder.") Path out;
    @Option(names = "--resume", description = "Continue the run in --out from its checkpoint with its saved configuration.") boolean resume;
    @Option(names = "--override", description = "With --resume: accept options that differ from the saved run (each change is recorded in run.json).") boolean override;
    @Mixin EngineOptions engine;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Lists the registered mechanisms at the end of `engram train --help` (the registry is read at run time). */
    static void listMechanismsInHelp(CommandLine.Model.CommandSpec spec) {
        var footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
        footer.add("Mechanisms (--mechanism NAME:key=value,...; repeatable):");
        Mechanisms.all().values().forEach(m -> footer.add("  " + m.name() + ": " + m.usage()));
        spec.usageMessage().footer(footer.toArray(String[]::new));
    }

    @Override public Integer call() {
        if (override && !resume) throw new UserError("--override changes a resumed run's options; add --resume, or drop --override");
        TrainRun.Start start = TrainRun.Start.FRESH;
        TrainConfig c;
        if (resume) {
            TrainConfig saved = Checkpoints.readState(out).config(TrainConfig.class);
            c = given(saved.toBuilder()).build();
            start = TrainRun.Start.resume(TrainRun.checkResume(out, saved, c, override));
            for (ConfigDiff.Change ch : start.changes()) spec.commandLine().getErr().println("engram: --override: " + ch);
        } else {
            c = given(TrainConfig.builder()).build();
        }
        try (NDManager m = engine.manager()) {
            var s = TrainRun.execute(c, out, start, m, List.of(), false);
            System.out.printf(Locale.ROOT, "trained %d steps: train loss %.4f, validation loss %.4f (unigram baseline %.4f nats/token), %.0f tokens/s%n",
                    s.result().steps(), s.result().finalTrainLoss(), s.result().finalValidationLoss(), s.unigramCrossEntropy(), s.result().itemsPerSecond());
            System.out.println("model: " + out.resolve("checkpoint") + "   metrics: " + out.resolve("metrics.jsonl"));
        }
        return 0;
    }

    /** Applies the options given on the command line (and only those) to {@code b}. */
    TrainConfig.Builder given(TrainConfig.Builder b) {
        if (corpus != null) b.corpus(corpus);
        if (initFrom != null) b.initFrom(initFrom.toString()).tokenizer(TrainRun.CHECKPOINT_TOKENIZER);
        if (tokenizer != null) b.tokenizer(tokenizer);
        if (layers != null) b.layers(layers);
        if (heads != null) b.heads(heads);
        if (dim != null) b.dim(dim);
        if (ctx != null) b.ctx(ctx);
        if (batch != null) b.batch(batch);
        if (steps != null) b.steps(steps);
        if (lr != null) b.lr(lr);
        if (warmup != null) b.warmup(warmup);
        if (weightDecay != null) b.weightDecay(weightDecay);
        if (gradClip != null) b.gradClip(gradClip);
        if (dropout != null) b.dropout(dropout);
        if (evalEvery != null) b.evalEvery(evalEvery);
        if (evalBatches != null) b.evalBatches(evalBatches);
        if (checkpointEvery != null) b.checkpointEvery(checkpointEvery);
        if (valFraction != null) b.valFraction(valFraction);
        if (seed != null) b.seed(seed);
        if (reinit != null) b.reinit(reinit);
        if (freeze != null) b.freeze(freeze);
        List<String> specs = new ArrayList<>(mechanisms == null ? List.of() : mechanisms);
        if (forecastObjective != null) specs.add("forecast:" + forecastObjective);
        if (!specs.isEmpty()) {
            specs.forEach(Mechanisms::create); // validates each (name, keys, values) before any work starts
            b.mechanisms(specs);
        }
        return b;
    }
}
