package dev.engram.cli;

import ai.djl.ndarray.NDManager;
import dev.engram.core.UserError;
import dev.engram.train.TrainBench;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Train.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Median tokens/s of full training steps (forward, backward, AdamW) on random tokens through the training loop,",
                    "the workload of shared/reference/gpt_train_bench.py, and the bare step (no loop) in the same run with their ratio;",
                    "when Python with PyTorch is found, runs that script with the same settings and prints the ratio."},
            footer = {"", "Examples:",
                    "  engram bench train",
                    "  engram bench train --layers 4 --heads 4 --dim 256 --ctx 128 --batch 16 --vocab 256 --steps 30 --threads 2",
                    "  engram bench train --reference none          # skip the PyTorch reference"})
    static final class Train implements Callable<Integer> {
        @Option(names = "--layers") int layers = 4;
        @Option(names = "--heads") int heads = 4;
        @Option(names = "--dim") int dim = 256;
        @Option(names = "--ctx") int ctx = 128;
        @Option(names = "--batch") int batch = 16;
        @Option(names = "--vocab") int vocab = 256;
        @Option(names = "--steps") int steps = 30;
        @Option(names = "--reference", paramLabel = "SCRIPT|none",
                description = "The PyTorch reference script (default: ../shared/reference/gpt_train_bench.py next to the repository).")
        String reference;
        @Option(names = "--python", description = "Python with PyTorch for the reference (default: ${DEFAULT-VALUE}).") String python = "/usr/bin/python3";
        @Mixin EngineOptions engine;

        @Override public Integer call() throws Exception {
            if (steps < 1 || layers < 1 || batch < 1 || ctx < 1 || vocab < 1) throw new UserError("every size and --steps must be positive");
            int threads = engine.threads == 0 ? dev.engram.core.Engines.defaultThreads() : engine.threads;
            TrainBench.Result r;
            try (NDManager m = engine.manager()) {
                r = TrainBench.run(layers, heads, dim, ctx, batch, vocab, steps, m);
            }
            System.out.printf(Locale.ROOT, "engram  params=%d step_ms=%.1f tokens_per_s=%.0f threads=%d (%.1f GFLOP/s of a %.2f GFLOP step floor)%n",
                    r.parameters(), r.medianStepMs(), r.tokensPerSecond(), threads, r.gflops(), r.flopsPerStep() / 1e9);
            System.out.printf(Locale.ROOT, "engram  bare step_ms=%.1f (model, backward and AdamW alone); loop/bare = %.3f%n", r.bareStepMs(), r.loopOverBare());
            Path script = reference != null ? (reference.equals("none") ? null : Path.of(reference)) : defaultScript();
            if (script == null) return 0;
            if (!Files.isRegularFile(script)) {
                System.out.println("reference: " + script + " not found; skipped");
                return 0;
            }
            List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--layers", "" + layers, "--heads", "" + heads, "--dim", "" + dim,
                    "--ctx", "" + ctx, "--batch", "" + batch, "--vocab", "" + vocab, "--steps", "" + steps, "--threads", "" + threads));
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            } catch (java.io.IOException e) {
                System.out.println("reference: cannot run " + python + " (" + e.getMessage() + "); skipped");
                return 0;
            }
            String out;
            try (var in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                out = String.join("\n", in.lines().toList());
            }
            p.waitFor();
            Matcher mt = Pattern.compile("tokens_per_s=(\\d+)").matcher(out);
            if (p.exitValue() != 0 || !mt.find()) {
                System.out.println("reference: failed (apt-get install -y python3-torch gives Debian's PyTorch):\n" + out.lines().reduce((a, b) -> b).orElse(""));
                return 0;
            }
            double ref = Double.parseDouble(mt.group(1));
            System.out.println("pytorch " + out.strip());
            System.out.printf(Locale.ROOT, "ratio engram/pytorch = %.2f%n", r.tokensPerSecond() / ref);
            return 0;
        }

        static Path defaultScript() {
            String home = System.getProperty("engram.home", ".");
            return Path.of(home).toAbsolutePath().normalize().resolveSibling("shared").resolve("reference").resolve("gpt_train_bench.py");
        }
    }
}
