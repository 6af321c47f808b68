package dev.engram.tour;

import ai.djl.ndarray.NDManager;
import dev.engram.data.Mnist;
import dev.engram.pc.PcConfig;
import dev.engram.pc.PcRuns;
import dev.engram.pc.PcTrainer;
import dev.engram.report.Report;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tour's quick look at meta predictive learning: the toy letter language by MPL and BPTT, then a few sMNIST
 * epochs on a subset by MPL and BPTT (skipped, with the reason in the report, when MNIST is absent). About a
 * minute on 2 cores; inference runs at rate 1 for the sequence length (exact, and shorter than the recipe's 100 steps).
 */
public final class PcTourPart implements TourPart {
    private final Path mnistDir;

    public PcTourPart() { this(Mnist.defaultDir()); }

    public PcTourPart(Path mnistDir) { this.mnistDir = mnistDir; }

    @Override public String title() { return "Meta predictive learning: spike-and-slab synapses trained by predictive coding"; }

    static PcConfig quick(PcConfig.Task task, PcConfig.Method method, int epochs, int trainSize, int batch) {
        PcConfig d = PcConfig.defaults(task, method);
        // the sequence's steps (28 image rows; letters: length - 1 inputs): at rate 1 fixed prediction is then exact
        int steps = task == PcConfig.Task.SMNIST ? 28 : d.letterLength() - 1;
        return d.toBuilder().epochs(epochs).trainSize(trainSize).testSize(2000).batch(batch).inferenceSteps(steps).laterInferenceSteps(steps).rate(1.0).lr(3e-3).build();
    }

    @Override public void run(Path dir, NDManager manager, Report report) {
        report.section(title());
        report.paragraph("Each synapse is a spike-and-slab distribution (pi, m, xi); means and variances propagate through the "
                + "network (mean field). Predictive coding with fixed predictions relaxes the prediction errors by local messages, "
                + "then each layer updates only its distributions' parameters from its own error and presynaptic activity; at "
                + "convergence these updates are the gradient of the mean-field loss. "
                + "The ensemble's prediction averages networks drawn from the learned distributions. "
                + "Quick settings: inference at rate 1 for as many steps as the sequence has (exact), Adam lr 3e-3.");
        List<List<?>> rows = new ArrayList<>();
        for (PcConfig.Method method : new PcConfig.Method[] {PcConfig.Method.MPL, PcConfig.Method.BPTT}) {
            PcConfig c = quick(PcConfig.Task.LETTERS, method, 4, 1000, 32);
            PcTrainer.Outcome o = PcRuns.run(c, PcRuns.task(c, mnistDir), manager, dir.resolve("letters-" + method));
            rows.add(List.of("letters", method, "rule_fraction", o.last().score(), o.last().seconds(), perLayer(o.last().deterministicFraction())));
        }
        if (Mnist.available(mnistDir)) {
            for (PcConfig.Method method : new PcConfig.Method[] {PcConfig.Method.MPL, PcConfig.Method.BPTT}) {
                // Batch 32 over 5,000 images gives 313 updates in 2 epochs: enough to leave chance level (2,560 images at
                // batch 128, 40 updates, stayed at 0.20-0.24), at about 20 s for MPL on 2 cores.
                PcConfig c = quick(PcConfig.Task.SMNIST, method, 2, 5000, 32);
                PcTrainer.Outcome o = PcRuns.run(c, PcRuns.task(c, mnistDir), manager, dir.resolve("smnist-" + method));
                rows.add(List.of("smnist (5000 images)", method, "test_accuracy", o.last().score(), o.last().seconds(), perLayer(o.last().deterministicFraction())));
            }
        } else {
            report.paragraph("sMNIST skipped: MNIST is not in " + mnistDir + " (run tools/setup-data.sh).");
        }
        report.table(List.of("task", "method", "metric", "score", "seconds per epoch", "deterministic fraction"), rows);
        report.paragraph("These are two-epoch glimpses on subsets. Over full runs MPL follows BPTT epoch by epoch: on all 60,000 sMNIST "
                + "images after 20 epochs, MPL 0.9753 against BPTT 0.9762 (docs/pc.md).");
        Path root = dir.getParent();
        report.paragraph("Full reports (charts of score, energy, deterministic fraction and variability per layer): "
                + (root == null ? dir : root.relativize(dir)) + "/*/report.html");
    }

    /** "input 0.27, recurrent 0.96, output 0.60": a per-layer map, readable in a table cell. */
    static String perLayer(java.util.Map<String, ? extends Number> byLayer) {
        return byLayer.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(java.util.Locale.ROOT, "%.2f", e.getValue().doubleValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }
}
