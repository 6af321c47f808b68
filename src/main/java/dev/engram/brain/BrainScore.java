package dev.engram.brain;

import dev.engram.core.AtomicFiles;
import dev.engram.core.Json;
import dev.engram.core.Progress;
import dev.engram.core.Provenance;
import dev.engram.core.RunFolder;
import dev.engram.core.UserError;
import dev.engram.io.Npy;
import dev.engram.io.Tensor;
import dev.engram.linalg.EncodingModel;
import dev.engram.linalg.NativeBlas;
import dev.engram.report.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The brain-score pipeline of `engram brain score`: word features to TRs, FIR delays, cross-validated ridge per
 * voxel (scores.csv), forecast windows F(d) (forecast.csv, peaks.csv), per-layer depth k* (depth.csv), group
 * statistics over several subjects (group.csv), maps in the input's format, report.html, and run.json (the
 * resolved configuration, provenance and the run's summary).
 *
 * <p>All inputs are read and checked before anything is computed, and the outputs are written into a staging
 * folder that replaces the output folder only when complete: a bad input or a crash writes nothing half-way.
 */
public final class BrainScore {
    private BrainScore() {}

    /** Word features: [layers][nWords * dim]. */
    public record Features(float[][] layers, int nWords, int dim) {
        public static Features read(Path file) {
            Tensor t = Npy.read(file);
            long[] s = t.shape();
            if (s.length == 2) return new Features(new float[][] {t.values()}, (int) s[0], (int) s[1]);
            if (s.length == 3) {
                int l = (int) s[0], n = (int) s[1], d = (int) s[2];
                float[][] layers = new float[l][];
                for (int k = 0; k < l; k++) layers[k] = Arrays.copyOfRange(t.values(), k * n * d, (k + 1) * n * d);
                return new Features(layers, n, d);
            }
            throw new UserError(file + ": features of shape " + t.shapeString() + "; expected [n_words, dim] or [layers, n_words, dim] (from `engram brain features`)");
        }
    }

    /** One subject's results. */
    public record SubjectResult(BoldData bold, double[] r, double[][] forecastR, int[] dStar, double[] fStar, int[] kStar,
                                double[] kF, double[][][] layerForecastF, int droppedWords) {}

    /** What a run produced, for callers (the CLI's summary line, the tour). */
    public record Summary(Path out, int subjects, int voxels, int nTr, double meanR, int[] distances, double[] meanF,
                          Double recoveryWithin1, Double depthOrderCorrect, double seconds) {}

    public static Summary run(ScoreConfig c, Path out) { return run(c, out, null); }

    /** As {@link #run(ScoreConfig, Path)}, with a progress line per outer fold written to {@code progress} (null: none). */
    public static Summary run(ScoreConfig c, Path out, PrintWriter progress) {
        long t0 = System.nanoTime();
        NativeBlas.require();
        // 1. read and check every input first
        Words words = Words.read(c.words());
        Features feats = Features.read(c.features());
        if (feats.nWords() != words.size())
            throw new UserError(c.features() + ": " + feats.nWords() + " feature rows but " + c.words() + " has " + words.size()
                    + " words; compute the features from this align.csv (`engram brain features --words " + c.words() + "`)");
        int nl = feats.layers().length;
        int xLayer = c.layer() != null ? c.layer() : nl == 1 ? 0 : (int) Math.round(nl * 2.0 / 3) - 1;
        if (xLayer >= feats.layers().length) throw new UserError("--layer " + xLayer + ": the features have " + feats.layers().length + " layer(s) (0.." + (feats.layers().length - 1) + ")");
        List<BoldData> bolds = new ArrayList<>();
        for (Path b : c.bold()) {
            BoldData d = BoldData.read(b, c.mask());
            if (d.nTr() <= c.delays())
                throw new UserError(b + ": " + d.nTr() + " samples (TRs), not more than the " + c.delays() + " FIR delays; use fewer --delays or a longer recording");
            if (d.nTr() < 2 * c.folds() + c.delays())
                throw new UserError(b + ": " + d.nTr() + " samples are too few for " + c.folds() + " folds; use fewer --folds");
            if (!bolds.isEmpty() && d.voxels() != bolds.get(0).voxels())
                throw new UserError(b + ": " + d.voxels() + " voxels but " + c.bold().get(0) + " has " + bolds.get(0).voxels() + "; subjects must share the voxel space (same mask / surface)");
            bolds.add(d);
        }
        // OpenBLAS threads: on small problems (and busy shared machines) one thread is faster than several spinning ones.
        BoldData b0 = bolds.get(0);
        double work = (double) b0.nTr() * b0.nTr() * Math.max(b0.voxels(), (long) feats.dim() * c.delays() * 2);
        NativeBlas.threads(c.threads() > 0 ? c.threads() : work > 2e11 ? Runtime.getRuntime().availableProcessors() : 1);
        Truth truth = c.truth() != null ? Truth.read(c.truth(), bolds.get(0).voxels()) : null;
        // 2. compute
        Folds folds = new Folds(progress == null ? null
                : new Progress("brain score", (long) bolds.size() * fitsPerSubject(c, nl) * c.folds(), progress));
        List<SubjectResult> results = new ArrayList<>();
        for (BoldData b : bolds) {
            folds.note = "subject " + (results.size() + 1) + "/" + bolds.size();
            results.add(scoreSubject(c, words, feats, xLayer, b, folds));
        }
        GroupStats.Result group = bolds.size() > 1
                ? GroupStats.compute(results.stream().map(SubjectResult::r).toArray(double[][]::new), c.bootstrap(), c.permutations(), c.seed())
                : null;
        // 3. write everything into a staging folder, then swap it in
        Path abs = out.toAbsolutePath();
        Path staged = abs.resolveSibling("." + abs.getFileName() + ".staging");
        try {
            AtomicFiles.deleteRecursively(staged);
            Files.createDirectories(staged);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + staged, e);
        }
        Summary summary;
        try {
            int[] dists = c.hasForecast() ? range(c.forecastFrom(), c.forecastTo()) : new int[0];
            for (int s = 0; s < results.size(); s++) {
                Path dir = results.size() == 1 ? staged : staged.resolve(String.format(Locale.ROOT, "sub-%02d", s + 1));
                writeSubject(dir, results.get(s), dists);
            }
            if (group != null) writeGroup(staged, group, bolds.get(0));
            double seconds = (System.nanoTime() - t0) / 1e9;
            summary = report(staged, c, words, feats, xLayer, results, group, dists, truth, seconds, abs);
            @SuppressWarnings("unchecked")
            Map<String, Object> facts = Json.MAPPER.convertValue(summary, Map.class);
            RunFolder.writeRunJson(staged, c, Provenance.of(c.seed(), null, 0), facts); // BLAS only: no tensor engine
            AtomicFiles.replaceDirectory(staged, abs);
        } catch (RuntimeException e) {
            try {
                AtomicFiles.deleteRecursively(staged);
            } catch (IOException ignored) { /* the original error matters more */ }
            throw e;
        }
        return summary;
    }

    /** Cross-validated fits per subject, as scoreSubject runs them: X alone, then each forecast distance (per layer) or each layer. */
    static long fitsPerSubject(ScoreConfig c, int layers) {
        if (c.hasForecast()) return 1 + (long) (c.forecastTo() - c.forecastFrom() + 1) * layers;
        return 1 + (layers > 1 ? layers : 0);
    }

    /** Counts finished outer folds onto a progress line; silent without one. */
    static final class Folds implements Runnable {
        private final Progress progress;
        private long done;
        String note = "";

        Folds(Progress progress) { this.progress = progress; }

        @Override public void run() {
            done++;
            if (progress != null) progress.update(done, note);
        }
    }

    static int[] range(int a, int b) {
        int[] r = new int[b - a + 1];
        for (int i = 0; i < r.length; i++) r[i] = a + i;
        return r;
    }

    static SubjectResult scoreSubject(ScoreConfig c, Words words, Features feats, int xLayer, BoldData b, Runnable fold) {
        EncodingModel.Options o = c.ridgeOptions();
        int nW = feats.nWords(), dim = feats.dim(), nTr = b.nTr();
        int[] trIdx = Designs.trIndex(words.onsets(), c.tr());
        int dropped = 0;
        for (int t : trIdx) if (t >= nTr) dropped++;
        if (dropped == nW) throw new UserError(c.words() + ": every word starts after the recording ends (" + nTr + " x " + c.tr() + " s); check --tr");
        float[] f = feats.layers()[xLayer];
        float[] x = Designs.binAndDelay(f, nW, dim, trIdx, nTr, c.delays());
        double[] r0 = EncodingModel.crossValidate(EncodingModel.fixed(x, dim * c.delays()), nTr, b.y(), b.voxels(), o, fold).r();
        if (!c.hasForecast()) {
            int[] kStar = null;
            double[] kF = null;
            if (feats.layers().length > 1) { // depth without forecast: the layer whose features score best
                kStar = new int[b.voxels()];
                kF = new double[b.voxels()];
                Arrays.fill(kF, Double.NEGATIVE_INFINITY);
                for (int k = 0; k < feats.layers().length; k++) {
                    float[] xk = Designs.binAndDelay(feats.layers()[k], nW, dim, trIdx, nTr, c.delays());
                    double[] rk = EncodingModel.crossValidate(EncodingModel.fixed(xk, dim * c.delays()), nTr, b.y(), b.voxels(), o, fold).r();
                    for (int v = 0; v < rk.length; v++) if (rk[v] > kF[v]) { kF[v] = rk[v]; kStar[v] = k; }
                }
            }
            return new SubjectResult(b, r0, null, null, null, kStar, kF, null, dropped);
        }
        int[] dists = range(c.forecastFrom(), c.forecastTo());
        double[][] rd = new double[dists.length][];
        for (int i = 0; i < dists.length; i++) rd[i] = forecastScores(c, f, f, nW, dim, trIdx, nTr, dists[i], b, o, fold);
        int v = b.voxels();
        int[] dStar = new int[v];
        double[] fStar = new double[v];
        for (int j = 0; j < v; j++) {
            int best = 0;
            for (int i = 1; i < dists.length; i++) if (rd[i][j] > rd[best][j]) best = i;
            dStar[j] = dists[best];
            fStar[j] = rd[best][j] - r0[j];
        }
        int[] kStar = null;
        double[] kF = null;
        double[][][] layerF = null;
        if (feats.layers().length > 1) { // depth: the layer whose forecast window raises the score most
            int nl = feats.layers().length;
            kStar = new int[v];
            kF = new double[v];
            layerF = new double[nl][dists.length][];
            Arrays.fill(kF, Double.NEGATIVE_INFINITY);
            for (int k = 0; k < nl; k++) {
                for (int i = 0; i < dists.length; i++) {
                    double[] rk = k == xLayer ? rd[i] : forecastScores(c, f, feats.layers()[k], nW, dim, trIdx, nTr, dists[i], b, o, fold);
                    layerF[k][i] = new double[v];
                    for (int j = 0; j < v; j++) {
                        double fk = rk[j] - r0[j];
                        layerF[k][i][j] = fk;
                        if (fk > kF[j]) { kF[j] = fk; kStar[j] = k; }
                    }
                }
            }
        }
        return new SubjectResult(b, r0, rd, dStar, fStar, kStar, kF, layerF, dropped);
    }

    /** r of [X, PCA(window of {@code wf} at distance d)] with the PCA fitted per outer fold on its training words. */
    static double[] forecastScores(ScoreConfig c, float[] f, float[] wf, int nW, int dim, int[] trIdx, int nTr, int d,
                                   BoldData b, EncodingModel.Options o, Runnable fold) {
        float[] win = Designs.window(wf, nW, dim, d, c.window());
        int wd = dim * c.window();
        int k = Math.min(dim, wd);
        EncodingModel.Design design = new EncodingModel.Design() {
            public float[] build(int t0, int t1) {
                boolean[] fit = new boolean[nW];
                for (int i = 0; i < nW; i++) fit[i] = trIdx[i] < t0 || trIdx[i] >= t1;
                float[] z = Designs.pca(win, nW, wd, fit, k);
                return Designs.binAndDelay(Designs.hstack(f, dim, z, k, nW), nW, dim + k, trIdx, nTr, c.delays());
            }

            public int columns() { return (dim + k) * c.delays(); }
        };
        return EncodingModel.crossValidate(design, nTr, b.y(), b.voxels(), o, fold).r();
    }

    static void writeSubject(Path dir, SubjectResult s, int[] dists) {
        int v = s.r().length;
        StringBuilder sc = new StringBuilder("voxel,r\n");
        for (int j = 0; j < v; j++) sc.append(j).append(',').append(fmt(s.r()[j])).append('\n');
        text(dir.resolve("scores.csv"), sc);
        s.bold().writeMap(dir, "r", s.r());
        if (s.forecastR() != null) {
            StringBuilder fc = new StringBuilder("voxel,d,r,f\n");
            for (int j = 0; j < v; j++)
                for (int i = 0; i < dists.length; i++)
                    fc.append(j).append(',').append(dists[i]).append(',').append(fmt(s.forecastR()[i][j])).append(',')
                            .append(fmt(s.forecastR()[i][j] - s.r()[j])).append('\n');
            text(dir.resolve("forecast.csv"), fc);
            StringBuilder pk = new StringBuilder("voxel,d_star,f_star\n");
            for (int j = 0; j < v; j++) pk.append(j).append(',').append(s.dStar()[j]).append(',').append(fmt(s.fStar()[j])).append('\n');
            text(dir.resolve("peaks.csv"), pk);
            s.bold().writeMap(dir, "d_star", Arrays.stream(s.dStar()).asDoubleStream().toArray());
            s.bold().writeMap(dir, "f_star", s.fStar());
        }
        if (s.kStar() != null) {
            StringBuilder dp = new StringBuilder(s.forecastR() != null ? "voxel,k_star,f_star\n" : "voxel,k_star,r_star\n");
            for (int j = 0; j < v; j++) dp.append(j).append(',').append(s.kStar()[j]).append(',').append(fmt(s.kF()[j])).append('\n');
            text(dir.resolve("depth.csv"), dp);
            s.bold().writeMap(dir, "k_star", Arrays.stream(s.kStar()).asDoubleStream().toArray());
        }
    }

    static void writeGroup(Path dir, GroupStats.Result g, BoldData first) {
        StringBuilder sb = new StringBuilder("voxel,median_r,ci_low,ci_high,p,q\n");
        for (int j = 0; j < g.median().length; j++)
            sb.append(j).append(',').append(fmt(g.median()[j])).append(',').append(fmt(g.ciLow()[j])).append(',')
                    .append(fmt(g.ciHigh()[j])).append(',').append(fmt(g.p()[j])).append(',').append(fmt(g.q()[j])).append('\n');
        text(dir.resolve("group.csv"), sb);
        StringBuilder sc = new StringBuilder("voxel,r\n");
        for (int j = 0; j < g.median().length; j++) sc.append(j).append(',').append(fmt(g.median()[j])).append('\n');
        text(dir.resolve("scores.csv"), sc);
        first.writeMap(dir, "median_r", g.median());
        first.writeMap(dir, "q", g.q());
    }

    static String fmt(double x) { return Double.isNaN(x) ? "nan" : String.format(Locale.ROOT, "%.6f", x); }

    static void text(Path p, CharSequence s) { AtomicFiles.write(p, s.toString().getBytes(StandardCharsets.UTF_8)); }

    /** A phantom's planted answer: voxel -> region, d, depth. */
    public record Truth(String[] region, int[] d, int[] depth) {
        public static Truth read(Path file, int voxels) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file);
            } catch (IOException e) {
                throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
            }
            String[] region = new String[voxels];
            int[] d = new int[voxels], depth = new int[voxels];
            Arrays.fill(d, -1);
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) continue;
                String[] p = lines.get(i).split(",");
                try {
                    int v = Integer.parseInt(p[0].strip());
                    if (v < 0 || v >= voxels) throw new UserError(file + ": line " + (i + 1) + ": voxel " + v + " outside 0.." + (voxels - 1));
                    region[v] = p[1].strip();
                    d[v] = Integer.parseInt(p[2].strip());
                    depth[v] = Integer.parseInt(p[3].strip());
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new UserError(file + ": line " + (i + 1) + ": expected voxel,region,d,depth (a phantom's truth.csv)");
                }
            }
            return new Truth(region, d, depth);
        }
    }

    static Summary report(Path dir, ScoreConfig c, Words words, Features feats, int xLayer, List<SubjectResult> results,
                          GroupStats.Result group, int[] dists, Truth truth, double seconds, Path finalOut) {
        SubjectResult s0 = results.get(0);
        int v = s0.r().length;
        double meanR = Arrays.stream(group != null ? group.median() : s0.r()).average().orElse(Double.NaN);
        Report rep = new Report("Brain scores");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("recordings", c.bold().size() + " (" + s0.bold().kind() + ", " + v + " voxels, " + s0.bold().nTr() + " samples of " + c.tr() + " s)");
        facts.put("words", words.size() + " (" + words.interpolated() + " without timing, interpolated; " + s0.droppedWords() + " after the recording, dropped)");
        facts.put("features", feats.layers().length + " layer(s) x " + feats.dim() + " dims; X from layer " + xLayer);
        facts.put("design", c.delays() + " FIR delays; " + EncodingModel.describe(c.ridgeOptions()));
        if (c.hasForecast()) facts.put("forecast", "d = " + c.forecastFrom() + ".." + c.forecastTo() + " words, window " + c.window() + ", PCA to " + Math.min(feats.dim(), feats.dim() * c.window()) + " dims fitted on training folds");
        facts.put("mean brain score r" + (group != null ? " (median over subjects)" : ""), meanR);
        facts.put("seconds", seconds);
        rep.section("Run").facts(facts);
        double[] meanF = new double[dists.length];
        Double recovery = null, depthOk = null;
        if (c.hasForecast()) {
            Map<String, double[][]> curves = new LinkedHashMap<>();
            double[] top = new double[dists.length];
            double[] sortedR = s0.r().clone();
            Arrays.sort(sortedR);
            double cut = sortedR[(int) (0.9 * (v - 1))];
            int nTop = 0;
            for (int j = 0; j < v; j++) if (s0.r()[j] >= cut) nTop++;
            for (int i = 0; i < dists.length; i++) {
                double sum = 0, st = 0;
                for (SubjectResult s : results)
                    for (int j = 0; j < v; j++) {
                        double f = s.forecastR()[i][j] - s.r()[j];
                        sum += f;
                        if (s == s0 && s0.r()[j] >= cut) st += f;
                    }
                meanF[i] = sum / (v * results.size());
                top[i] = st / Math.max(1, nTop);
            }
            double[] xs = Arrays.stream(dists).asDoubleStream().toArray();
            curves.put("all voxels", new double[][] {xs, meanF});
            curves.put("top 10% by r", new double[][] {xs, top});
            if (truth != null) {
                TreeMap<String, List<Integer>> byRegion = new TreeMap<>();
                for (int j = 0; j < v; j++) if (truth.region()[j] != null) byRegion.computeIfAbsent(truth.region()[j] + " (d=" + truth.d()[j] + ")", k -> new ArrayList<>()).add(j);
                for (var e : byRegion.entrySet()) {
                    double[] y = new double[dists.length];
                    for (int i = 0; i < dists.length; i++) {
                        for (int j : e.getValue()) y[i] += s0.forecastR()[i][j] - s0.r()[j];
                        y[i] /= e.getValue().size();
                    }
                    curves.put(e.getKey(), new double[][] {xs, y});
                }
            }
            rep.section("Forecast scores F(d) = r(X + window at d) - r(X)")
                    .lineChart("forecast", "F(d): mean over voxels" + (truth != null ? " and per planted region" : ""), "distance d (words)", "F(d)", curves);
            int[] hist = new int[dists.length];
            for (int j = 0; j < v; j++) hist[s0.dStar()[j] - dists[0]]++;
            rep.lineChart("d_star", "Voxels per peak distance d*", "d* (words)", "voxels",
                    Map.of("voxels", new double[][] {xs, Arrays.stream(hist).asDoubleStream().toArray()}));
            if (truth != null) {
                TreeMap<Integer, int[]> conf = new TreeMap<>();
                int n = 0, ok = 0;
                for (int j = 0; j < v; j++) {
                    if (truth.region()[j] == null || truth.d()[j] < 0) continue;
                    conf.computeIfAbsent(truth.d()[j], k -> new int[dists.length])[s0.dStar()[j] - dists[0]]++;
                    n++;
                    if (Math.abs(s0.dStar()[j] - truth.d()[j]) <= 1) ok++;
                }
                recovery = n == 0 ? null : (double) ok / n;
                List<Integer> planted = new ArrayList<>(conf.keySet());
                double[][] m = new double[planted.size()][];
                List<List<?>> rows = new ArrayList<>();
                for (int i = 0; i < planted.size(); i++) {
                    m[i] = Arrays.stream(conf.get(planted.get(i))).asDoubleStream().toArray();
                    List<Object> row = new ArrayList<>();
                    row.add("planted d=" + planted.get(i));
                    for (int x : conf.get(planted.get(i))) row.add(x);
                    rows.add(row);
                }
                List<String> header = new ArrayList<>();
                header.add("");
                for (int d : dists) header.add("d*=" + d);
                rep.section("Identifiability: planted d vs recovered d*")
                        .paragraph(String.format(Locale.ROOT, "%d of %d planted voxels (%.1f%%) have d* within 1 word of the planted d. "
                                + "At fMRI resolution the FIR delays absorb most of a few-word anticipation, so the planted d is poorly identifiable there; "
                                + "at MEG-like resolution it is recovered.", ok, n, 100.0 * ok / Math.max(1, n)))
                        .table(header, rows)
                        .heatmap("confusion", "Confusion: planted d (rows) vs recovered d* (columns)", "recovered d*", "planted d",
                                Arrays.stream(dists).boxed().toList(), planted, m, true);
            }
        }
        if (s0.kStar() != null) {
            int nl = feats.layers().length;
            double[] counts = new double[nl];
            for (int k : s0.kStar()) counts[k]++;
            double[] ls = new double[nl];
            for (int k = 0; k < nl; k++) ls[k] = k;
            rep.section("Depth k*").lineChart("k_star", "Voxels per best layer k*", "layer", "voxels", Map.of("voxels", new double[][] {ls, counts}));
            if (truth != null) {
                TreeMap<Integer, List<Integer>> byDepth = new TreeMap<>();
                for (int j = 0; j < v; j++) if (truth.region()[j] != null) byDepth.computeIfAbsent(truth.depth()[j], k -> new ArrayList<>()).add(j);
                List<List<?>> rows = new ArrayList<>();
                double prev = Double.NEGATIVE_INFINITY;
                boolean ordered = true;
                for (var e : byDepth.entrySet()) {
                    double[] ks = e.getValue().stream().mapToDouble(j -> s0.kStar()[j]).toArray();
                    double med = GroupStats.median(ks);
                    rows.add(List.of(e.getKey(), e.getValue().size(), med));
                    if (!(med > prev)) ordered = false;
                    prev = med;
                }
                depthOk = byDepth.size() >= 2 ? (ordered ? 1.0 : 0.0) : null;
                rep.table(List.of("planted depth", "voxels", "median k*"), rows)
                        .paragraph("k* orders the planted regions " + (ordered ? "correctly" : "INCORRECTLY") + ".");
            }
        }
        if (s0.bold().kind() == BoldData.Kind.NIFTI) {
            var g = s0.bold().geometry();
            int z = g.nz() / 2;
            double[][] slice = new double[g.ny()][g.nx()];
            double[] r = group != null ? group.median() : s0.r();
            for (int k = 0; k < v; k++) {
                int idx = s0.bold().voxelIndex()[k];
                if (idx / (g.nx() * g.ny()) == z) slice[(idx / g.nx()) % g.ny()][idx % g.nx()] = r[k];
            }
            List<Integer> xs = new ArrayList<>(), ys = new ArrayList<>();
            for (int i = 0; i < g.nx(); i++) xs.add(i);
            for (int i = 0; i < g.ny(); i++) ys.add(i);
            rep.section("Map").heatmap("map_r", "Brain score r, axial slice z=" + z, "x", "y", xs, ys, slice, false);
        }
        if (group != null) {
            long sig = Arrays.stream(group.q()).filter(q -> q < 0.05).count();
            rep.section("Group").paragraph(String.format(Locale.ROOT, "%d subjects; median r per voxel with %d bootstrap resamples (95%% CI), "
                    + "sign-flip test with %d permutations, Benjamini-Hochberg FDR: %d of %d voxels with q < 0.05 (group.csv).",
                    results.size(), c.bootstrap(), c.permutations(), sig, v));
        }
        rep.write(dir);
        return new Summary(finalOut, results.size(), v, s0.bold().nTr(), meanR, dists, meanF, recovery, depthOk, seconds);
    }
}
