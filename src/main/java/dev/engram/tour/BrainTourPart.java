package dev.engram.tour;

import ai.djl.ndarray.NDManager;
import dev.engram.brain.BrainScore;
import dev.engram.brain.Designs;
import dev.engram.brain.Phantom;
import dev.engram.brain.ScoreConfig;
import dev.engram.brain.WordFeatures;
import dev.engram.brain.Words;
import dev.engram.data.ByteTokenizer;
import dev.engram.data.Tokenizer;
import dev.engram.data.Tokenizers;
import dev.engram.linalg.EncodingModel;
import dev.engram.nn.GptConfig;
import dev.engram.nn.ModelFiles;
import dev.engram.nn.TransformerLM;
import dev.engram.report.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The brain-score tour section: a story, word features from a language model (the tour's trained model when
 * given, else a small seeded GPT-2), a MEG-like virtual listener with regions planted at d = 2, 5, 8, brain
 * scores with forecast windows, and the F(d) curve per region; then the same at fMRI resolution, whose
 * confusion matrix shows how little of d survives the HRF. Runs in well under a minute on 2 cores.
 */
public final class BrainTourPart implements TourPart {
    static final int PCS = 16;
    private final Supplier<Path> model;
    private final int words;

    /**
     * @param model gives the model folder when the part runs (e.g. {@link LanguageModelPart#checkpoint}, known only
     *              after that part ran); null, or a null folder, for a small seeded GPT-2
     */
    public BrainTourPart(Supplier<Path> model, int words) {
        if (words < 200) throw new IllegalArgumentException("the brain tour needs at least 200 words");
        this.model = model;
        this.words = words;
    }

    public BrainTourPart() { this(null, 700); }

    @Override public String title() { return "Brain scores: a virtual listener with a planted forecast hierarchy"; }

    /** A deterministic story from a small vocabulary (no download). */
    static String story(int n) {
        String[] vocab = ("the old river was quiet , and she listened to distant bells . nobody came ; a lantern swung slowly over "
                + "dark water while forgotten stories returned to the village . children ran along the bridge and their voices "
                + "rose like birds . later the wind changed , and every window in the house began to sing").split(" ");
        SplittableRandom r = new SplittableRandom(2023);
        StringBuilder sb = new StringBuilder();
        int i = 0, start = r.nextInt(vocab.length);
        for (int w = 0; w < n; w++) {
            String t = vocab[(start + i++) % vocab.length];
            if (r.nextInt(9) == 0) { start = r.nextInt(vocab.length); i = 0; } // jump: a new phrase
            if (t.matches("[,.;]")) { sb.setLength(Math.max(0, sb.length() - 1)); sb.append(t).append(' '); w--; continue; }
            sb.append(t).append(' ');
        }
        return sb.toString().strip();
    }

    @Override public void run(Path dir, NDManager manager, Report report) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long t0 = System.nanoTime();
        Words w = Phantom.timeStory(story(words));
        w.write(dir.resolve("align.csv"));
        Path model = this.model == null ? null : this.model.get();
        BrainScore.Features feats;
        String modelDesc;
        try (NDManager m = manager.newSubManager()) {
            TransformerLM lm;
            Tokenizer tok;
            if (model != null) {
                lm = ModelFiles.load(model, m);
                tok = Tokenizers.forModel(model);
                modelDesc = "the model in " + model;
            } else {
                GptConfig c = GptConfig.of(256, 128, 32, 4, 4, 0.0);
                lm = TransformerLM.init(c, m, new SplittableRandom(5));
                tok = new ByteTokenizer();
                modelDesc = "a seeded, untrained 4-block GPT-2 (dim 32, bytes)";
            }
            try (lm) {
                int layer = (int) Math.round(lm.config().nLayer() * 2.0 / 3);
                feats = WordFeatures.compute(lm, tok, w.words(), new WordFeatures.Options(new int[] {layer}, lm.config().nPositions(), WordFeatures.Pool.LAST), m);
            }
        }
        // Keep the encoding models small enough for a tour: at most 16 principal components of the features.
        if (feats.dim() > PCS) {
            boolean[] all = new boolean[feats.nWords()];
            java.util.Arrays.fill(all, true);
            feats = new BrainScore.Features(new float[][] {Designs.pca(feats.layers()[0], feats.nWords(), feats.dim(), all, PCS)}, feats.nWords(), PCS);
            modelDesc += ", reduced to " + PCS + " principal components";
        }
        double featSec = (System.nanoTime() - t0) / 1e9;
        // MEG-like listener: d recovered
        var megCfg = new Phantom.Config(Phantom.Region.parse("temporal:d=2,n=8;parietal:d=5,n=8;frontal:d=8,n=8"), Phantom.Modality.MEG, 0.1, 1.0, 1, null, 1.0);
        Path meg = dir.resolve("meg");
        Phantom.write(meg, megCfg, Phantom.simulate(megCfg, w, feats), w, feats, true);
        var megScore = BrainScore.run(phantomScore(meg, 0.1), dir.resolve("meg-scores"));
        // fMRI listener: the same story through the HRF
        var fmriCfg = new Phantom.Config(Phantom.Region.parse("temporal:d=2,n=8;parietal:d=5,n=8;frontal:d=8,n=8"), Phantom.Modality.FMRI, 1.5, 1.0, 1, null, 20);
        Path fmri = dir.resolve("fmri");
        Phantom.write(fmri, fmriCfg, Phantom.simulate(fmriCfg, w, feats), w, feats, true);
        var fmriScore = BrainScore.run(phantomScore(fmri, 1.5), dir.resolve("fmri-scores"));
        double sec = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("story", w.size() + " words, " + String.format(Locale.ROOT, "%.0f s", w.offsets()[w.size() - 1]) + " of synthetic speech timing");
        facts.put("features", modelDesc + ", " + feats.dim() + " dims per word, sliding window, last sub-word token (" + String.format(Locale.ROOT, "%.1f s", featSec) + ")");
        facts.put("MEG-like listener", "3 regions x 8 sensors planted at d = 2, 5, 8 words; TR 0.1 s; SNR 1");
        facts.put("MEG: d* within 1 word of the truth", String.format(Locale.ROOT, "%.1f%% of sensors", 100 * megScore.recoveryWithin1()));
        facts.put("fMRI (HRF, TR 1.5 s): d* within 1 word", String.format(Locale.ROOT, "%.1f%% of voxels", 100 * fmriScore.recoveryWithin1()));
        facts.put("seconds", sec);
        report.section(title())
                .paragraph("Encoding models map word features to recordings with FIR delays and ridge regression (one penalty per voxel by exact "
                        + "leave-one-out); forecast windows add the features of the word d ahead, and F(d) is the gain in held-out correlation. "
                        + "The virtual listener's regions respond to the word d ahead, so F(d) should peak at the planted d.")
                .facts(facts)
                .lineChart("brain_meg_fd", "MEG-like listener: F(d) per planted region", "distance d (words)", "F(d)", regionCurves(dir.resolve("meg-scores"), meg))
                .lineChart("brain_fmri_fd", "fMRI listener: F(d) per planted region (the HRF blurs d)", "distance d (words)", "F(d)", regionCurves(dir.resolve("fmri-scores"), fmri))
                .paragraph("The fMRI scores' report (fmri-scores/report.html) holds the confusion matrix of planted d vs recovered d*: at fMRI "
                        + "resolution the FIR delays absorb most of a few-word anticipation, so d is poorly identifiable there.");
    }

    /** Mean F(d) per region from forecast.csv and truth.csv. */
    /** Scores a phantom folder written by Phantom.write: forecast 0..12 words, window 1, no group statistics. */
    static ScoreConfig phantomScore(Path phantom, double tr) {
        return ScoreConfig.builder().features(phantom.resolve("features.npy")).words(phantom.resolve("align.csv"))
                .bold(List.of(phantom.resolve("bold.npy"))).tr(tr).delays(6).forecastFrom(0).forecastTo(12).window(1)
                .alphas(EncodingModel.logspace(-1, 8, 10)).innerFolds(0).folds(5).bootstrap(0).permutations(0).seed(1)
                .truth(phantom.resolve("truth.csv")).threads(0).build();
    }

    static Map<String, double[][]> regionCurves(Path scores, Path phantom) {
        try {
            Map<Integer, String> region = new TreeMap<>();
            for (String l : Files.readAllLines(phantom.resolve("truth.csv")).subList(1, Files.readAllLines(phantom.resolve("truth.csv")).size())) {
                String[] p = l.split(",");
                region.put(Integer.parseInt(p[0]), p[1] + " (d=" + p[2] + ")");
            }
            TreeMap<String, TreeMap<Integer, double[]>> acc = new TreeMap<>();
            List<String> lines = Files.readAllLines(scores.resolve("forecast.csv"));
            for (String l : lines.subList(1, lines.size())) {
                String[] p = l.split(",");
                String reg = region.get(Integer.parseInt(p[0]));
                if (reg == null) continue;
                double[] sum = acc.computeIfAbsent(reg, k -> new TreeMap<>()).computeIfAbsent(Integer.parseInt(p[1]), k -> new double[2]);
                sum[0] += Double.parseDouble(p[3]);
                sum[1]++;
            }
            Map<String, double[][]> out = new LinkedHashMap<>();
            for (var e : acc.entrySet()) {
                double[] xs = e.getValue().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
                double[] ys = e.getValue().values().stream().mapToDouble(a -> a[0] / a[1]).toArray();
                out.put(e.getKey(), new double[][] {xs, ys});
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
