package dev.engram.pc;

import ai.djl.ndarray.NDManager;
import dev.engram.core.Json;
import dev.engram.core.Engines;
import dev.engram.core.Provenance;
import dev.engram.core.RunFolder;
import dev.engram.core.UserError;
import dev.engram.report.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Score versus data load alpha = training examples / synapses (the paper's ensemble-performance curve). The sweep
 * folder is a run folder: run.json (the base config, provenance, and the facts synapses and points), report.html;
 * each load's run folder is load-ALPHA/.
 */
public final class PcSweep {
    private PcSweep() {}

    public record Point(double load, int trainSize, double score, double meanWeightScore) {}

    public static List<Point> run(PcConfig cfg, List<Double> loads, Path mnistDir, NDManager manager, Path out) {
        if (loads.isEmpty()) throw new UserError("--load: give at least one data load, e.g. 0.02,0.1,0.5");
        for (double a : loads) if (!(a > 0)) throw new UserError("--load " + a + ": data loads must be > 0");
        boolean letters = cfg.task() == PcConfig.Task.LETTERS;
        PcTask full = PcRuns.task(letters ? cfg : cfg.toBuilder().trainSize(0).build(), mnistDir); // all data, loads take prefixes
        long synapses = RecurrentNet.synapses(full.vocabulary(), full.inputs(), cfg.hidden(), full.outputs());
        int available = letters ? Integer.MAX_VALUE : full.trainSize(); // letters are generated on demand
        int[] sizes = new int[loads.size()];
        for (int i = 0; i < sizes.length; i++) { // every load is checked before the first run starts
            double a = loads.get(i);
            int n = sizes[i] = (int) Math.max(1, Math.round(a * synapses));
            if (n > available) throw new UserError("--load " + a + " needs " + n + " training examples, more than the " + available + " of " + cfg.task());
        }
        Provenance provenance = Provenance.of(cfg.seed(), Engines.describe(), Engines.threads());
        RunFolder.writeRunJson(out, cfg, provenance, Map.of()); // the sweep's config is on disk while it runs; the points follow at the end
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            double a = loads.get(i);
            int n = sizes[i];
            PcConfig c = cfg.toBuilder().trainSize(n).build();
            PcTrainer.Outcome o = PcRuns.run(c, full.withTrainSize(n), manager, out.resolve("load-" + a));
            points.add(new Point((double) n / synapses, n, o.last().score(), o.last().meanWeightScore()));
            System.err.printf(java.util.Locale.ROOT, "load %.4g (%d examples): %.4f%n", a, n, o.last().score());
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("synapses", synapses);
        facts.put("points", points);
        RunFolder.writeRunJson(out, cfg, provenance, facts);
        Report r = new Report("Engram pc: " + cfg.method() + " on " + cfg.task() + " versus data load");
        double[] x = points.stream().mapToDouble(Point::load).toArray();
        Map<String, double[][]> series = new LinkedHashMap<>();
        boolean mpl = cfg.method() == PcConfig.Method.MPL;
        series.put(mpl ? "ensemble" : cfg.method().label(), new double[][] {x, points.stream().mapToDouble(Point::score).toArray()});
        if (mpl) series.put("mean weights", new double[][] {x, points.stream().mapToDouble(Point::meanWeightScore).toArray()});
        r.lineChart("load", "score versus data load alpha", "alpha = examples / synapses", "score", series);
        List<List<?>> rows = new ArrayList<>();
        for (Point p : points) rows.add(List.of(p.load(), p.trainSize(), p.score()));
        r.table(List.of("alpha", "examples", "score"), rows);
        r.pre(Json.write(cfg));
        r.write(out);
        return points;
    }
}
