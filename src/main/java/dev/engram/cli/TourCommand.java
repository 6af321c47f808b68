package dev.engram.cli;

import ai.djl.ndarray.NDManager;
import dev.engram.core.AtomicFiles;
import dev.engram.core.UserError;
import dev.engram.report.Report;
import dev.engram.tour.BrainTourPart;
import dev.engram.tour.CcmPart;
import dev.engram.tour.LanguageModelPart;
import dev.engram.tour.PcTourPart;
import dev.engram.tour.TourPart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "tour", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The main job: runs each of Engram's experiments on embedded defaults and real data, and writes one",
                "HTML report with charts. Today: a GPT-2 trained on Europarl (English), evaluated and sampled; brain scores",
                "of that model on a virtual listener with a planted forecast hierarchy; meta predictive learning with",
                "spike-and-slab synapses on the letter language and sequential MNIST; convergent cross mapping recovering",
                "the causal direction between coupled logistic maps. MNIST comes from tools/setup-data.sh."},
        footer = {"", "Examples:", "  engram tour", "  engram tour --out runs/my-tour --lm-steps 1000", "  engram tour --threads 2"})
final class TourCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", description = "Where the tour writes (replaced on each run; default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs", "tour");
    @Option(names = "--lm-steps", description = "Training steps of the language model (default: ${DEFAULT-VALUE}, a few minutes on 2 cores).")
    int lmSteps = 400;
    @Mixin EngineOptions engine;

    @Override public Integer call() throws IOException {
        if (lmSteps < 10) throw new UserError("--lm-steps must be at least 10");
        AtomicFiles.deleteRecursively(out);
        Files.createDirectories(out);
        LanguageModelPart lm = new LanguageModelPart(lmSteps);
        List<TourPart> parts = List.of(lm, new BrainTourPart(lm::checkpoint, 700), new PcTourPart(), new CcmPart());
        Report report = new Report("Engram tour");
        report.paragraph("Each section below is one of Engram's experiments, run with its defaults on real data. "
                + "Every number here was computed by this run; the run folders beside this report hold the raw files.");
        try (NDManager m = engine.manager()) {
            for (int i = 0; i < parts.size(); i++) {
                TourPart p = parts.get(i);
                System.err.println("engram tour: [" + (i + 1) + "/" + parts.size() + "] " + p.title());
                p.run(out.resolve("part" + (i + 1)), m, report);
                report.write(out); // a partial report is there even if a later part fails
            }
        }
        Path html = report.write(out);
        System.out.println("report: " + html.toAbsolutePath());
        return 0;
    }
}
