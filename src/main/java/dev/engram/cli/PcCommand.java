package dev.engram.cli;

import ai.djl.ndarray.NDManager;
import dev.engram.core.UserError;
import dev.engram.data.Mnist;
import dev.engram.pc.PcBench;
import dev.engram.pc.PcConfig;
import dev.engram.pc.PcConfig.Inference;
import dev.engram.pc.PcConfig.Method;
import dev.engram.pc.PcConfig.Task;
import dev.engram.pc.PcRuns;
import dev.engram.pc.PcSweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `engram pc ...`: predictive coding and meta predictive learning. Parsing and wiring only. */
@Command(name = "pc", mixinStandardHelpOptions = true,
        description = "Predictive coding (PC) and meta predictive learning (MPL, spike-and-slab synapses) on recurrent networks.",
        subcommands = {PcCommand.RunCmd.class, PcCommand.SweepCmd.class, PcCommand.BenchCmd.class},
        footer = {"", "Examples:", "  engram pc run --task letters --method mpl --epochs 20 --out runs/letters",
                "  engram pc run --task smnist --method bptt --epochs 5 --train-size 10000 --out runs/smnist-bptt",
                "  engram pc run --task text --method mpl --corpus europarl:en --epochs 10 --out runs/text-mpl",
                "  engram pc sweep --load 0.02,0.1,0.5 --epochs 5 --out runs/load", "  engram pc bench --train-size 1280"})
public final class PcCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    /** The lowercase names of an enum's values, for picocli's completion and ${COMPLETION-CANDIDATES}. */
    static class Names extends ArrayList<String> {
        Names(Enum<?>[] values) { for (Enum<?> v : values) add(v.toString()); }
    }

    static final class TaskNames extends Names { TaskNames() { super(Task.values()); } }

    static final class MethodNames extends Names { MethodNames() { super(Method.values()); } }

    static final class InferenceNames extends Names { InferenceNames() { super(Inference.values()); } }

    /**
     * Options that map onto {@link PcConfig} fields; unset ones keep the recipe's defaults (or the --config file's
     * values). Task, method and inference are parsed in {@link #resolve()}, so a wrong name is one line naming the
     * option and the allowed values, not picocli's usage dump.
     */
    static final class ConfigOptions {
        @Option(names = "--task", completionCandidates = TaskNames.class, description = "${COMPLETION-CANDIDATES} (default smnist).") String task;
        @Option(names = "--method", completionCandidates = MethodNames.class, description = "${COMPLETION-CANDIDATES} (default mpl).") String method;
        @Option(names = "--inference", completionCandidates = InferenceNames.class,
                description = "${COMPLETION-CANDIDATES} (default: fixed for mpl, standard for pc).") String inference;
        @Option(names = "--epochs", description = "Epochs (default 10).") Integer epochs;
        @Option(names = "--train-size", description = "Training examples (sMNIST default all 60,000; letters default 2000 sequences; text: windows, default all).") Integer trainSize;
        @Option(names = "--test-size", description = "sMNIST test images (default 10,000); text: held-out windows scored (default all).") Integer testSize;
        @Option(names = "--seed", description = "Run seed (default 1).") Long seed;
        @Option(names = "--inference-steps", description = "Inference steps (default 100, then --later-inference-steps; text with fixed inference: 35, the window).") Integer steps;
        @Option(names = "--later-inference-steps", description = "Inference steps from epoch --later-from on (default 200; text with fixed inference: 35).") Integer laterSteps;
        @Option(names = "--later-from", description = "First epoch (0-based) with the later step count (default 40).") Integer laterFrom;
        @Option(names = "--rate", description = "Inference rate (default 0.1; text with fixed inference: 1, exact after as many steps as the window).") Double rate;
        @Option(names = "--lr", description = "Adam learning rate (default 0.01; text 0.001).") Double lr;
        @Option(names = "--batch", description = "Batch size (default 128).") Integer batch;
        @Option(names = "--hidden", description = "Recurrent units (default 100; text 512).") Integer hidden;
        @Option(names = "--corpus", description = "Text: europarl:LANG, a UTF-8 text file or a folder of .txt files (default europarl:en).") String corpus;
        @Option(names = "--vocab", description = "Text: vocabulary size with <unk> and <eos> (default 5000).") Integer vocab;
        @Option(names = "--embedding", description = "Text: embedding width (default 300).") Integer embedding;
        @Option(names = "--sequence-length", description = "Text: tokens per window (default 35); with fixed inference at rate 1 and no "
                + "--inference-steps, the steps follow it (exact).") Integer textLength;
        @Option(names = "--ensemble", description = "Sampled networks in MPL's ensemble prediction (default 10).") Integer ensemble;
        @Option(names = "--config", description = "The run.json of an earlier run (or a bare config JSON); options given here override it.") Path config;
        @Option(names = "--mnist", description = "MNIST folder (default $ENGRAM_MNIST or ~/.cache/engram/mnist).") Path mnist;

        PcConfig resolve() {
            Task t = task == null ? null : Task.parse("--task", task);
            Method me = method == null ? null : Method.parse("--method", method);
            Inference inf = inference == null ? null : Inference.parse("--inference", inference);
            PcConfig base;
            if (config != null) {
                if (!Files.isRegularFile(config)) throw new UserError("--config " + config + ": no such file; give the run.json of an earlier pc run");
                base = PcConfig.read(config);
            } else {
                base = PcConfig.defaults(t == null ? Task.SMNIST : t, me == null ? Method.MPL : me);
            }
            PcConfig.Builder b = base.toBuilder();
            if (t != null) b.task(t);
            if (me != null) b.method(me);
            if (inf != null) b.inference(inf);
            if (epochs != null) b.epochs(epochs);
            if (trainSize != null) b.trainSize(trainSize);
            if (testSize != null) b.testSize(testSize);
            if (seed != null) b.seed(seed);
            if (steps != null) b.inferenceSteps(steps);
            if (laterSteps != null) b.laterInferenceSteps(laterSteps);
            if (laterFrom != null) b.laterFrom(laterFrom);
            if (rate != null) b.rate(rate);
            if (lr != null) b.lr(lr);
            if (batch != null) b.batch(batch);
            if (hidden != null) b.hidden(hidden);
            if (ensemble != null) b.ensemble(ensemble);
            if (corpus != null) b.corpus(corpus);
            if (vocab != null) b.vocab(vocab);
            if (embedding != null) b.embedding(embedding);
            if (textLength != null) {
                b.textLength(textLength);
                // A new window length keeps text's fixed inference exact (rate 1, one step per token) unless steps are given.
                boolean text = (t != null ? t : base.task()) == Task.TEXT, fixed = (inf != null ? inf : base.inference()) == Inference.FIXED;
                if (steps == null && laterSteps == null && text && fixed && (rate != null ? rate : base.rate()) == 1.0) {
                    b.inferenceSteps(textLength).laterInferenceSteps(textLength);
                }
            }
            return b.build();
        }

        Path mnistDir() { return mnist != null ? mnist : Mnist.defaultDir(); }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Train one network; writes run.json (config, provenance, results), metrics.jsonl (one line per epoch), report.html.",
            footer = {"", "Example:", "  engram pc run --task smnist --method mpl --epochs 3 --train-size 5000 --seed 1 --out runs/mpl"})
    static final class RunCmd implements Callable<Integer> {
        @Mixin ConfigOptions options;
        @Mixin EngineOptions engine;
        @Option(names = "--out", required = true, description = "Run directory.") Path out;

        @Override public Integer call() {
            PcConfig cfg = options.resolve();
            try (NDManager manager = engine.manager()) {
                var task = PcRuns.task(cfg, options.mnistDir());
                var o = PcRuns.run(cfg, task, manager, out);
                System.out.printf(java.util.Locale.ROOT, "%s %s: %s %.4f after %d epochs -> %s%n", cfg.method(), cfg.task(), task.scoreName(),
                        o.last().score(), o.epochs().size(), out.resolve("report.html"));
            }
            return 0;
        }
    }

    @Command(name = "sweep", mixinStandardHelpOptions = true,
            description = "Score versus data load alpha = training examples / synapses: one run folder per load (load-ALPHA/); writes run.json "
                    + "(config, provenance, synapses and points) and report.html.",
            footer = {"", "Example:", "  engram pc sweep --task smnist --method mpl --load 0.02,0.1,0.5,1 --epochs 5 --out runs/load"})
    static final class SweepCmd implements Callable<Integer> {
        @Mixin ConfigOptions options;
        @Mixin EngineOptions engine;
        @Option(names = "--load", required = true, split = ",", description = "Data loads alpha (comma-separated).") List<Double> loads;
        @Option(names = "--out", required = true, description = "Output directory.") Path out;

        @Override public Integer call() {
            PcConfig cfg = options.resolve();
            try (NDManager manager = engine.manager()) {
                PcSweep.run(cfg, loads, options.mnistDir(), manager, out);
            }
            return 0;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Seconds per sMNIST epoch (extrapolated to 60,000 images from --train-size) for MPL and BPTT, with the inference-step count and the share of time in matrix products.")
    static final class BenchCmd implements Callable<Integer> {
        @Mixin EngineOptions engine;
        @Option(names = "--train-size", defaultValue = "1280", description = "Images timed per method (default ${DEFAULT-VALUE}).") int trainSize;
        @Option(names = "--inference-steps", defaultValue = "100", description = "MPL inference steps (default ${DEFAULT-VALUE}).") int steps;
        @Option(names = "--rate", defaultValue = "0.1", description = "MPL inference rate (default ${DEFAULT-VALUE}; 1 with 28 steps is exact).") double rate;
        @Option(names = "--mnist", description = "MNIST folder (default $ENGRAM_MNIST or ~/.cache/engram/mnist).") Path mnist;

        @Override public Integer call() {
            try (NDManager manager = engine.manager()) {
                PcBench.run(manager, mnist != null ? mnist : Mnist.defaultDir(), trainSize, steps, rate, System.out);
            }
            return 0;
        }
    }
}
