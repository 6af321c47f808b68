package dev.engram.edm;

import dev.engram.core.UserError;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Benchmark of the workloads: CCM on a 10,000-row Lorenz series (E 3, tau -1, library sizes 1000..10000
 * step 1000, {@code samples} random libraries each, both directions) and Simplex on 100,000 rows (lib the first
 * half, pred the second). It also measures the brute-force floor, the cost of the distance evaluations a
 * cppEDM-style all-pairs search would need on this machine, and optionally times a NumPy/SciPy script doing
 * the same work the way pyEDM 2.x does it (a SciPy KDTree per library sample) and a script timing pyEDM itself
 * (tools/reference/edm/bench_pyedm.py; skipped when pyEDM cannot be imported).
 */
public final class EdmBench {
    private EdmBench() {}

    /** Surrogate calibration: false-positive rates of each surrogate method on independent systems. */
    public static void calibration(int trials, PrintStream out) {
        for (SurrogateMethod m : new SurrogateMethod[]{SurrogateMethod.SHUFFLE, SurrogateMethod.EBISUZAKI}) {
            long t0 = System.nanoTime();
            int[] r = SurrogateCalibration.rejections(trials, 200, 99, m, 5000);
            out.printf("surrogates %-9s independent pairs called significant at 5%%: logistic maps %d/%d (%.1f%%), AR(1) %d/%d (%.1f%%)  [%.1f s]%n",
                    m, r[0], trials, 100.0 * r[0] / trials, r[1], trials, 100.0 * r[1] / trials, (System.nanoTime() - t0) / 1e9);
        }
    }

    public static void run(int samples, Path numpyScript, PrintStream out) {
        run(samples, numpyScript, null, out);
    }

    public static void run(int samples, Path numpyScript, Path pyedmScript, PrintStream out) {
        int cores = Runtime.getRuntime().availableProcessors();
        double[][] lorenz = Systems.lorenz(10_000, 0.01, 5, new double[]{1, 1, 1});
        int[] sizes = new int[10];
        for (int i = 0; i < 10; i++) sizes[i] = 1000 * (i + 1);
        CcmConfig c = CcmConfig.builder().E(3).tau(-1).Tp(0).knn(0).exclusionRadius(0).libSizes(sizes).sample(samples).seed(1)
                .sequential(false).build();
        // Warm-up so the JIT has compiled the kernels before timing (the JVM's tiers need several passes).
        for (int w = 0; w < 3; w++)
            Ccm.run(lorenz[0], lorenz[1], "x", "y", c.toBuilder().sample(4).seed(2 + w).build(), "warm-up");
        long t0 = System.nanoTime();
        CcmResult r = Ccm.run(lorenz[0], lorenz[1], "x", "y", c, "lorenz");
        double ccmSec = (System.nanoTime() - t0) / 1e9;
        long ccmQueries = 2L * 10 * samples * (10_000 - 2);
        long ccmBrute = 0;
        for (int L : sizes) ccmBrute += 2L * samples * (10_000 - 2) * Math.min(L, 9998);

        // Floor with free neighbour search: only the weighted averages and rho of every (sample, direction).
        CrossMapper full = CrossMapper.build(new DelayEmbedding(lorenz[0], 3, -1),
                java.util.stream.IntStream.range(2, 10_000).toArray(), java.util.stream.IntStream.range(2, 10_000).toArray(),
                0, 0, 4, true);
        long tf = System.nanoTime();
        int tasks = 2 * 10 * samples;
        double sinkRho = java.util.stream.IntStream.range(0, tasks).parallel().mapToDouble(i -> full.rho(lorenz[1])).sum();
        double floorSec = (System.nanoTime() - tf) / 1e9;

        double[][] big = Systems.lorenz(100_000, 0.01, 5, new double[]{1, 1, 1});
        EdmData d = EdmData.of("lorenz-100k", java.util.List.of("x"), big[0]);
        PredictionConfig pc = PredictionConfig.builder().E(3).tau(-1).Tp(1).knn(0).exclusionRadius(0).lib(new RowRange(1, 50_000))
                .pred(new RowRange(50_001, 100_000)).build();
        // Warm-up: the JIT needs many passes over the search before its code is final; one pass is ~0.05 s.
        for (int w = 0; w < 30; w++) Simplex.predict(d, "x", "x", pc);
        Forecast f = null;
        // Best of 30: one call's time spreads widely on this VM (in a same-process A/B of 150 calls: best 31 ms, p10 42,
        // median 51), so the minimum needs that many draws; the Python scripts take the same best of 30.
        double simplexSec = Double.MAX_VALUE;
        for (int rep = 0; rep < 30; rep++) {
            long t1 = System.nanoTime();
            f = Simplex.predict(d, "x", "x", pc);
            simplexSec = Math.min(simplexSec, (System.nanoTime() - t1) / 1e9);
        }
        long simplexBrute = 50_000L * 49_997;

        double evalsPerSec = bruteForceRate() * cores;
        out.printf("machine: %d cores%n", cores);
        out.printf("CCM   Lorenz 10,000 rows, E 3, 10 sizes x %d samples x 2 directions: %.2f s (%,d neighbour queries, %.0f ns/query/core); "
                        + "x:y at L=10000 %.4f, y:x %.4f%n", samples, ccmSec, ccmQueries, ccmSec * 1e9 * cores / ccmQueries,
                r.meanXY()[9], r.meanYX()[9]);
        out.printf("      prediction floor (neighbours given for free; weighted means + rho of %d cross-maps): %.2f s -> CCM at %.1fx the floor%n",
                tasks, floorSec, ccmSec / floorSec + 0 * sinkRho);
        out.printf("      brute-force floor (all-pairs distances, cppEDM-style): %,d distance evaluations = %.1f s at %.3g evals/s "
                + "-> %.1fx faster than that floor%n", ccmBrute, ccmBrute / evalsPerSec, evalsPerSec, ccmBrute / evalsPerSec / ccmSec);
        out.printf("Simplex Lorenz 100,000 rows (lib 50,000, pred 50,000), E 3: %.3f s (best of 30) (rho %.6f); brute-force floor %.1f s -> %.1fx%n",
                simplexSec, f.rho(), simplexBrute / evalsPerSec, simplexBrute / evalsPerSec / simplexSec);
        if (numpyScript != null) {
            Map<String, Double> py = runPython(numpyScript, samples, "tools/reference/edm/bench_numpy.py", null, true);
            out.printf("NumPy/SciPy (pyEDM-style KDTree per sample) on the same work: CCM %.2f s (Java %.1fx faster), Simplex %.3f s (Java %.1fx faster)%n",
                    py.get("ccm"), py.get("ccm") / ccmSec, py.get("simplex"), py.get("simplex") / simplexSec);
        }
        if (pyedmScript != null) {
            StringBuilder info = new StringBuilder();
            Map<String, Double> py = runPython(pyedmScript, samples, "tools/reference/edm/bench_pyedm.py", info, false);
            if (py == null) {
                out.println("pyEDM: skipped (" + info.toString().trim() + ")");
            } else {
                out.printf("pyEDM itself on the same work: CCM %.2f s (Java %.1fx faster)%n", py.get("ccm"), py.get("ccm") / ccmSec);
                out.print(info.toString().indent(6));
                interleavedSimplex(pyedmScript, () -> Simplex.predict(d, "x", "x", pc), 30, out);
            }
        }
    }

    /**
     * Times Simplex against pyEDM call by call: each round runs one Engram call, then one pyEDM call in a Python
     * process that waits for it, so both sides meet the machine in the same state. This VM's speed drifts by up to
     * 2x within minutes, which made separately timed bests disagree by as much; the per-round ratio does not drift.
     */
    static void interleavedSimplex(Path script, Runnable engram, int rounds, PrintStream out) {
        interleavedSimplex(script, engram, rounds, out, System::nanoTime);
    }

    /** As above, with the clock (nanoseconds) that times the Engram calls; the Python side reports its own seconds. */
    static void interleavedSimplex(Path script, Runnable engram, int rounds, PrintStream out, java.util.function.LongSupplier nanoClock) {
        try {
            Process p = python(script, "--serve-simplex").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 var cmd = new PrintStream(p.getOutputStream(), true, StandardCharsets.UTF_8)) {
                StringBuilder info = new StringBuilder();
                for (String line; !"ready".equals(line = in.readLine()); ) {
                    if (line == null) throw new UserError(script + " --serve-simplex stopped before 'ready':\n" + info);
                    info.append(line).append('\n');
                }
                double[] engramSec = new double[rounds], python = new double[rounds], ratio = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    long t0 = nanoClock.getAsLong();
                    engram.run();
                    engramSec[r] = (nanoClock.getAsLong() - t0) / 1e9;
                    cmd.println("run");
                    String line = in.readLine();
                    if (line == null) throw new UserError(script + " --serve-simplex stopped after " + r + " calls.");
                    python[r] = Double.parseDouble(line.trim());
                    ratio[r] = python[r] / engramSec[r];
                }
                cmd.println("quit");
                java.util.Arrays.sort(engramSec);
                java.util.Arrays.sort(python);
                java.util.Arrays.sort(ratio);
                out.printf("Simplex interleaved with pyEDM (%d rounds of one Engram call, then one pyEDM call): Engram best %.3f s, median %.3f s; "
                                + "pyEDM best %.3f s, median %.3f s; Java faster: %.1fx best over best, per-round median %.1fx (range %.1f-%.1fx)%n",
                        rounds, engramSec[0], engramSec[rounds / 2], python[0], python[rounds / 2], python[0] / engramSec[0], ratio[rounds / 2],
                        ratio[0], ratio[rounds - 1]);
                out.print(info.toString().indent(6));
            } finally {
                p.destroy();
            }
        } catch (IOException e) {
            throw new UserError("cannot run /usr/bin/python3 " + script + " (" + e.getMessage() + ")", e);
        }
    }

    /** The reference scripts run under Debian's Python, which has NumPy, SciPy and pandas (python3 on PATH may not). */
    private static ProcessBuilder python(Path script, String... args) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("/usr/bin/python3", "-W", "ignore", script.toString()));
        command.addAll(java.util.List.of(args));
        return new ProcessBuilder(command);
    }

    /** Squared-distance evaluations per second on one core, E = 3, streaming through a 10,000-point library. */
    static double bruteForceRate() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        double[] pts = new double[10_000 * 3];
        for (int i = 0; i < pts.length; i++) pts[i] = rng.nextDouble();
        double[] q = {0.5, 0.5, 0.5};
        double sink = 0;
        long evals = 0, t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 500_000_000L) {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 10_000; i++) {
                double d = KdTree.squaredDistance(q, pts, i * 3, 3);
                if (d < best) best = d;
            }
            sink += best;
            evals += 10_000;
            q[0] = (q[0] + 0.37) % 1;
        }
        double rate = evals / ((System.nanoTime() - t0) / 1e9);
        return sink > -1 ? rate : 0;
    }

    /**
     * Runs a timing script; returns its 'ccm' seconds, and its 'simplex' seconds when {@code simplex} is true (else the
     * script gets --skip-simplex). When {@code info} is given, the script's other output lines are appended to it, and
     * exit status 3 (the library to time cannot be imported) returns null.
     */
    private static Map<String, Double> runPython(Path script, int samples, String expected, StringBuilder info, boolean simplex) {
        if (!Files.isRegularFile(script)) throw new UserError(script + ": no such script; pass " + expected + ".");
        try {
            String[] args = simplex ? new String[]{"--samples", Integer.toString(samples)}
                    : new String[]{"--samples", Integer.toString(samples), "--skip-simplex"};
            Process p = python(script, args).redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = p.waitFor();
            if (status == 3 && info != null) {
                info.append(text);
                return null;
            }
            if (status != 0) throw new UserError(script + " failed:\n" + text);
            Map<String, Double> m = new HashMap<>();
            for (String line : text.split("\n")) {
                String[] kv = line.trim().split("\\s+");
                if (kv.length == 2 && (kv[0].equals("ccm") || kv[0].equals("simplex"))) m.put(kv[0], Double.parseDouble(kv[1]));
                else if (info != null && !line.isBlank()) info.append(line.trim()).append('\n');
            }
            if (m.size() != (simplex ? 2 : 1))
                throw new UserError(script + " did not print 'ccm SECONDS'" + (simplex ? " and 'simplex SECONDS'" : "") + ":\n" + text);
            return m;
        } catch (IOException e) {
            throw new UserError("cannot run /usr/bin/python3 " + script + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while timing " + script, e);
        }
    }

    public static void main(String[] args) {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 100, args.length > 1 ? Path.of(args[1]) : null,
                args.length > 2 ? Path.of(args[2]) : null, System.out);
    }
}
