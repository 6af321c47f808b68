package dev.engram.brain;

import dev.engram.core.AtomicFiles;
import dev.engram.core.Provenance;
import dev.engram.core.RunFolder;
import dev.engram.core.Seeds;
import dev.engram.core.UserError;
import dev.engram.io.Nifti;
import dev.engram.io.Npy;
import dev.engram.io.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The virtual listener: synthetic recordings with a planted answer. Each voxel/sensor of a region responds to
 * each word t with a(t) = u . x(t) + w . z(t + d), where x is the word's features at the X layer, z the
 * features at the region's depth, d the region's forecast distance, and u, w random unit-variance loadings
 * per voxel. Responses are placed at the word onsets and convolved with the canonical double-gamma HRF (fMRI,
 * sampled every TR) or a fast evoked kernel peaking at 0.2 s (MEG-like), then Gaussian noise is added with
 * variance = signal variance / SNR. Outputs: bold.npy [samples, voxels], bold.nii.gz, truth.csv, run.json.
 */
public final class Phantom {
    private Phantom() {}

    public enum Modality { FMRI, MEG }

    /** One planted region: its name, forecast distance d (words), depth (layer index) and voxel count. */
    public record Region(String name, int d, Integer depth, int count) {
        public Region {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("--regions: a region needs a name");
            if (d < 0) throw new IllegalArgumentException("--regions " + name + ": d must be >= 0");
            if (count < 1) throw new IllegalArgumentException("--regions " + name + ": n must be >= 1");
        }

        /** "temporal:d=5,depth=4,n=20;frontal:d=8,depth=8,n=20" (depth optional: the X layer). */
        public static List<Region> parse(String spec) {
            List<Region> out = new ArrayList<>();
            for (String part : spec.split(";")) {
                if (part.isBlank()) continue;
                String[] nv = part.split(":", 2);
                if (nv.length != 2) throw new IllegalArgumentException("--regions '" + part + "': expected NAME:d=D,depth=K,n=N");
                int d = -1, n = -1;
                Integer depth = null;
                for (String kv : nv[1].split(",")) {
                    String[] p = kv.split("=", 2);
                    try {
                        switch (p[0].strip()) {
                            case "d" -> d = Integer.parseInt(p[1].strip());
                            case "depth" -> depth = Integer.parseInt(p[1].strip());
                            case "n" -> n = Integer.parseInt(p[1].strip());
                            default -> throw new IllegalArgumentException("--regions '" + part + "': unknown field '" + p[0] + "' (d, depth, n)");
                        }
                    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                        throw new IllegalArgumentException("--regions '" + part + "': '" + kv + "' is not FIELD=INTEGER");
                    }
                }
                if (d < 0 || n < 1) throw new IllegalArgumentException("--regions '" + part + "': d and n are required");
                out.add(new Region(nv[0].strip(), d, depth, n));
            }
            if (out.isEmpty()) throw new IllegalArgumentException("--regions: no region given");
            return out;
        }
    }

    /**
     * @param regions  planted regions
     * @param modality fmri (HRF) or meg (evoked kernel)
     * @param tr       seconds per sample
     * @param snr      signal variance / noise variance per voxel
     * @param seed     the phantom's seed (loadings, noise, synthetic features)
     * @param xLayer   the layer of the current-word response (null = as `brain score` picks it)
     * @param tail     seconds recorded after the last word
     */
    public record Config(List<Region> regions, Modality modality, double tr, double snr, long seed, Integer xLayer, double tail) {
        public Config {
            regions = List.copyOf(regions);
            if (!(tr > 0)) throw new IllegalArgumentException("--tr must be positive");
            if (!(snr > 0)) throw new IllegalArgumentException("--snr must be positive");
            if (!(tail >= 0)) throw new IllegalArgumentException("tail must be >= 0");
        }
    }

    /** The canonical (SPM) double-gamma HRF: peak ~5 s, undershoot ~15 s, ratio 1/6; 0 before t = 0. */
    public static double hrf(double t) {
        if (t <= 0) return 0;
        return gammaPdf(t, 6) - gammaPdf(t, 16) / 6;
    }

    private static double gammaPdf(double t, double k) {
        return Math.exp((k - 1) * Math.log(t) - t - logGamma(k));
    }

    private static double logGamma(double k) { // integer k only here
        double s = 0;
        for (int i = 2; i < k; i++) s += Math.log(i);
        return s;
    }

    /** The MEG-like evoked kernel (t / 0.2) exp(1 - t / 0.2): peak 1 at 0.2 s. */
    public static double evoked(double t) {
        if (t <= 0) return 0;
        double u = t / 0.2;
        return u * Math.exp(1 - u);
    }

    /** Deterministic speech timing for a plain text: duration grows with word length, pauses after punctuation. */
    public static Words timeStory(String text) {
        List<String> w = new ArrayList<>();
        for (String s : text.strip().split("\\s+")) if (!s.isEmpty()) w.add(s);
        if (w.isEmpty()) throw new UserError("--story: the text has no words");
        double[] on = new double[w.size()], off = new double[w.size()];
        double t = 0.5;
        for (int i = 0; i < w.size(); i++) {
            String s = w.get(i);
            on[i] = t;
            off[i] = t + 0.12 + 0.035 * s.length();
            t = off[i] + 0.05 + (s.matches(".*[.!?;:,]$") ? 0.25 : 0);
        }
        return new Words(List.copyOf(w), on, off, 0);
    }

    /** Synthetic layered word features: layer k = 0.6 layer(k-1) + 0.8 noise (neighbouring layers correlate, as in an LM). */
    public static BrainScore.Features syntheticFeatures(int nWords, int layers, int dim, long seed) {
        SplittableRandom r = Seeds.random(seed, "phantom-features", 0);
        float[][] f = new float[layers][nWords * dim];
        for (int k = 0; k < layers; k++)
            for (int i = 0; i < nWords * dim; i++) f[k][i] = (float) ((k == 0 ? 0 : 0.6 * f[k - 1][i]) + (k == 0 ? 1 : 0.8) * gauss(r));
        return new BrainScore.Features(f, nWords, dim);
    }

    static double gauss(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** The recordings and what was planted. */
    public record Result(float[] y, int nTr, int voxels, String[] region, int[] d, int[] depth) {}

    public static Result simulate(Config c, Words words, BrainScore.Features feats) {
        if (feats.nWords() != words.size())
            throw new UserError("the features have " + feats.nWords() + " rows but the story has " + words.size() + " words");
        int nl = feats.layers().length, dim = feats.dim(), nW = words.size();
        int xLayer = c.xLayer() != null ? c.xLayer() : nl == 1 ? 0 : (int) Math.round(nl * 2.0 / 3) - 1;
        for (Region r : c.regions())
            if (r.depth() != null && (r.depth() < 0 || r.depth() >= nl))
                throw new UserError("--regions " + r.name() + ": depth " + r.depth() + " but the features have layers 0.." + (nl - 1));
        int nTr = (int) Math.ceil((words.offsets()[nW - 1] + c.tail()) / c.tr());
        int v = c.regions().stream().mapToInt(Region::count).sum();
        double kernelSpan = c.modality() == Modality.FMRI ? 32 : 1.5;
        int span = (int) Math.ceil(kernelSpan / c.tr()) + 1;
        float[] y = new float[nTr * v];
        String[] region = new String[v];
        int[] dd = new int[v], depth = new int[v];
        SplittableRandom load = Seeds.random(c.seed(), "phantom-loadings", 0), noise = Seeds.random(c.seed(), "phantom-noise", 0);
        double[] a = new double[nW], s = new double[nTr];
        int col = 0;
        for (Region r : c.regions()) {
            int k = r.depth() != null ? r.depth() : xLayer;
            float[] x = feats.layers()[xLayer], z = feats.layers()[k];
            for (int rep = 0; rep < r.count(); rep++, col++) {
                region[col] = r.name();
                dd[col] = r.d();
                depth[col] = k;
                double[] u = new double[dim], w = new double[dim];
                for (int j = 0; j < dim; j++) { u[j] = gauss(load) / Math.sqrt(dim); w[j] = gauss(load) / Math.sqrt(dim); }
                for (int t = 0; t < nW; t++) {
                    double val = 0;
                    for (int j = 0; j < dim; j++) val += u[j] * x[t * dim + j];
                    if (t + r.d() < nW) for (int j = 0; j < dim; j++) val += w[j] * z[(t + r.d()) * dim + j];
                    a[t] = val;
                }
                java.util.Arrays.fill(s, 0);
                for (int t = 0; t < nW; t++) {
                    double on = words.onsets()[t];
                    int first = (int) Math.floor(on / c.tr());
                    for (int q = Math.max(0, first); q < Math.min(nTr, first + span); q++) {
                        double lag = q * c.tr() - on;
                        s[q] += a[t] * (c.modality() == Modality.FMRI ? hrf(lag) : evoked(lag));
                    }
                }
                double mean = 0, var = 0;
                for (double e : s) mean += e;
                mean /= nTr;
                for (double e : s) var += (e - mean) * (e - mean);
                var /= nTr;
                double sd = Math.sqrt(var / c.snr());
                double scale = var > 0 ? 1 / Math.sqrt(var) : 1; // unit signal variance, noise 1/snr
                for (int q = 0; q < nTr; q++) y[q * v + col] = (float) ((s[q] - mean) * scale + gauss(noise) * sd * scale);
            }
        }
        return new Result(y, nTr, v, region, dd, depth);
    }

    /** Writes bold.npy, bold.nii.gz, truth.csv and run.json (and align.csv / features.npy when given) into dir, atomically per file. */
    public static void write(Path dir, Config c, Result r, Words words, BrainScore.Features feats, boolean writeInputs) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Npy.write(dir.resolve("bold.npy"), new Tensor(new long[] {r.nTr(), r.voxels()}, r.y()));
        float[][] vols = new float[r.nTr()][r.voxels()];
        for (int t = 0; t < r.nTr(); t++) System.arraycopy(r.y(), t * r.voxels(), vols[t], 0, r.voxels());
        if (r.nTr() <= Short.MAX_VALUE && r.voxels() <= Short.MAX_VALUE)
            Nifti.write(dir.resolve("bold.nii.gz"), Nifti.identityGeometry(r.voxels(), 1, 1, (float) c.tr()), vols);
        StringBuilder sb = new StringBuilder("voxel,region,d,depth\n");
        for (int v = 0; v < r.voxels(); v++) sb.append(v).append(',').append(r.region()[v]).append(',').append(r.d()[v]).append(',').append(r.depth()[v]).append('\n');
        AtomicFiles.write(dir.resolve("truth.csv"), sb.toString().getBytes(StandardCharsets.UTF_8));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("samples", r.nTr());
        facts.put("voxels", r.voxels());
        facts.put("words", words.size());
        facts.put("featureLayers", feats.layers().length);
        facts.put("featureDim", feats.dim());
        RunFolder.writeRunJson(dir, c, Provenance.of(c.seed(), null, 0), facts); // no tensor engine
        if (writeInputs) {
            words.write(dir.resolve("align.csv"));
            int nl = feats.layers().length;
            float[] all = new float[nl * feats.nWords() * feats.dim()];
            for (int k = 0; k < nl; k++) System.arraycopy(feats.layers()[k], 0, all, k * feats.nWords() * feats.dim(), feats.nWords() * feats.dim());
            Npy.write(dir.resolve("features.npy"), new Tensor(nl == 1 ? new long[] {feats.nWords(), feats.dim()}
                    : new long[] {nl, feats.nWords(), feats.dim()}, all));
        }
    }

    static String describe(Config c) {
        return String.format(Locale.ROOT, "%s phantom, %d regions, TR %.3g s, SNR %.3g, seed %d", c.modality(), c.regions().size(), c.tr(), c.snr(), c.seed());
    }
}
