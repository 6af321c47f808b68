package dev.engram.cli;

import ai.djl.ndarray.NDManager;
import dev.engram.brain.BrainScore;
import dev.engram.brain.Phantom;
import dev.engram.brain.RidgeBench;
import dev.engram.brain.ScoreConfig;
import dev.engram.brain.WordFeatures;
import dev.engram.brain.Words;
import dev.engram.core.UserError;
import dev.engram.data.Tokenizers;
import dev.engram.io.Npy;
import dev.engram.io.Tensor;
import dev.engram.linalg.EncodingModel;
import dev.engram.nn.ModelFiles;
import dev.engram.nn.TransformerLM;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `engram brain`: encoding models from language-model activations to brain recordings. */
@Command(name = "brain", mixinStandardHelpOptions = true,
        description = "Brain scores: word features from a language model, encoding models with forecast windows, a virtual listener.",
        subcommands = {BrainCommand.Features.class, BrainCommand.Score.class, BrainCommand.PhantomCmd.class, BrainCommand.Bench.class},
        footer = {"", "Examples:",
                "  engram brain phantom --story story.txt --regions 'temporal:d=2,n=20;frontal:d=8,n=20' --modality meg --tr 0.1 --out ph",
                "  engram brain score --features ph/features.npy --words ph/align.csv --bold ph/bold.npy --tr 0.1 --forecast 0:12 --window 1 --truth ph/truth.csv --out sc",
                "  engram brain features --model runs/en/checkpoint --words align.csv --layer all --out F.npy"})
final class BrainCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    static UserError bad(IllegalArgumentException e) { return new UserError(e.getMessage(), e); }

    @Command(name = "features", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Word features [n_words, dim] (or [layers, n_words, dim]) from a GPT-2 model's hidden states over a word-aligned story.",
            footer = {"", "Examples:", "  engram brain features --model runs/en/checkpoint --words align.csv --layer 8 --pool last --out F.npy",
                    "  engram brain features --model gpt2/ --words align.csv --layer all --context 1024 --out F_all.npy",
                    "", "align.csv: gentle/Narratives rows word,aligned,onset,offset (or word,onset,offset). Every row is one word;",
                    "words without timing keep their row (their onsets are interpolated when scoring)."})
    static final class Features implements Callable<Integer> {
        @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder (config.json + model.safetensors).") Path model;
        @Option(names = "--words", required = true, paramLabel = "CSV", description = "The story's align.csv.") Path words;
        @Option(names = "--layer", paramLabel = "K|all", description = "Hidden state: 0 = embeddings, k = after block k, or all (default: 2/3 of the depth).") String layer;
        @Option(names = "--pool", description = "Sub-word pooling: last | mean (default: ${DEFAULT-VALUE}).") String pool = "last";
        @Option(names = "--context", description = "Tokens per sliding window (default: the model's n_positions).") Integer context;
        @Option(names = "--out", required = true, paramLabel = "F.npy") Path out;
        @Mixin EngineOptions engine;

        @Override public Integer call() {
            Words w = Words.read(words);
            WordFeatures.Pool p = switch (pool) {
                case "last" -> WordFeatures.Pool.LAST;
                case "mean" -> WordFeatures.Pool.MEAN;
                default -> throw new UserError("--pool " + pool + ": use last or mean");
            };
            int nLayer = ModelFiles.readConfig(model).nLayer();
            int[] layers;
            if (layer == null) layers = new int[] {(int) Math.round(nLayer * 2.0 / 3)};
            else if (layer.equals("all")) layers = java.util.stream.IntStream.rangeClosed(0, nLayer).toArray();
            else {
                try {
                    layers = new int[] {Integer.parseInt(layer)};
                } catch (NumberFormatException e) {
                    throw new UserError("--layer " + layer + ": give a number (0.." + nLayer + ") or all");
                }
            }
            try (NDManager m = engine.manager(); TransformerLM lm = ModelFiles.load(model, m)) {
                var o = new WordFeatures.Options(layers, context != null ? context : lm.config().nPositions(), p);
                BrainScore.Features f = WordFeatures.compute(lm, Tokenizers.forModel(model), w.words(), o, m);
                int nl = f.layers().length;
                float[] all = new float[nl * f.nWords() * f.dim()];
                for (int k = 0; k < nl; k++) System.arraycopy(f.layers()[k], 0, all, k * f.nWords() * f.dim(), f.nWords() * f.dim());
                long[] shape = layer != null && layer.equals("all") ? new long[] {nl, f.nWords(), f.dim()} : new long[] {f.nWords(), f.dim()};
                Npy.write(out, new Tensor(shape, all));
                System.out.printf(Locale.ROOT, "wrote %s: %s (%d words, %d interpolated onsets)%n", out, java.util.Arrays.toString(shape), w.size(), w.interpolated());
            } catch (IllegalArgumentException e) {
                throw bad(e);
            }
            return 0;
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Brain scores: cross-validated ridge from word features to recordings; forecast windows F(d), peaks d*, depth k*, group statistics.",
            footer = {"", "Examples:",
                    "  engram brain score --features F.npy --words align.csv --bold sub-01.nii.gz --mask brain.nii.gz --tr 1.5 --out scores",
                    "  engram brain score --features F.npy --words align.csv --bold lh.func.gii --tr 1.5 --forecast 0:12 --window 8 --out fc",
                    "  engram brain score --features F.npy --words align.csv --bold subjects/ --tr 1.5 --out group   # every recording in the folder",
                    "", "Outputs in --out: scores.csv (voxel,r), forecast.csv (voxel,d,r,f), peaks.csv (voxel,d_star,f_star), depth.csv,",
                    "group.csv (several subjects), maps (.nii.gz / .func.gii) when the input was NIfTI/GIfTI, report.html, run.json."})
    static final class Score implements Callable<Integer> {
        @Option(names = "--features", required = true, paramLabel = "F.npy") Path features;
        @Option(names = "--words", required = true, paramLabel = "CSV", description = "The story's align.csv (one row per feature row).") Path words;
        @Option(names = "--bold", required = true, paramLabel = "FILE|DIR", description = "Recording(s): .nii/.nii.gz, .func.gii, .npy or .csv [n_TRs, n_voxels]; repeat or give a folder for several subjects.") List<Path> bold;
        @Option(names = "--mask", paramLabel = "NII", description = "Brain mask for NIfTI recordings.") Path mask;
        @Option(names = "--tr", required = true, paramLabel = "SECONDS") double tr;
        @Option(names = "--delays", description = "FIR delays 1..D samples (default: ${DEFAULT-VALUE}).") int delays = ScoreConfig.DELAYS;
        @Option(names = "--forecast", paramLabel = "FROM:TO", description = "Forecast distances in words, inclusive (e.g. 0:12).") String forecast;
        @Option(names = "--window", description = "Forecast window width in words (default: ${DEFAULT-VALUE}).") int window = ScoreConfig.WINDOW;
        @Option(names = "--alphas", paramLabel = "LO:HI:N", description = "Ridge penalties, log-spaced (default: ${DEFAULT-VALUE}).") String alphas = ScoreConfig.ALPHAS;
        @Option(names = "--alpha-cv", paramLabel = "loo|kfold:K", description = "Per-voxel alpha by exact leave-one-out or inner K-fold (default: ${DEFAULT-VALUE}).") String alphaCv = ScoreConfig.ALPHA_CV;
        @Option(names = "--folds", description = "Outer contiguous folds (default: ${DEFAULT-VALUE}).") int folds = ScoreConfig.FOLDS;
        @Option(names = "--layer", description = "Layer of [layers, n_words, dim] features used for X (default: 2/3 of the depth).") Integer layer;
        @Option(names = "--bootstrap", description = "Group level: bootstrap resamples (default: ${DEFAULT-VALUE}).") int bootstrap = ScoreConfig.BOOTSTRAP;
        @Option(names = "--permutations", description = "Group level: sign-flip permutations (default: ${DEFAULT-VALUE}).") int permutations = ScoreConfig.PERMUTATIONS;
        @Option(names = "--seed", description = "Seed of the group statistics (default: ${DEFAULT-VALUE}).") long seed = ScoreConfig.SEED;
        @Option(names = "--truth", paramLabel = "CSV", description = "A phantom's truth.csv: report recovery of d* and k*.") Path truth;
        @Option(names = "--threads", description = "BLAS threads (default: all cores for large problems, 1 for small ones).") int threads = ScoreConfig.THREADS;
        @Option(names = "--out", required = true, paramLabel = "DIR") Path out;
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;

        @Override public Integer call() {
            ScoreConfig c;
            try {
                Integer from = null, to = null;
                if (forecast != null) {
                    String[] p = forecast.split(":");
                    try {
                        from = Integer.parseInt(p[0].strip());
                        to = Integer.parseInt(p[p.length - 1].strip());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--forecast " + forecast + ": expected FROM:TO in words, e.g. 0:12");
                    }
                }
                c = ScoreConfig.builder().features(features).words(words).bold(expand(bold)).mask(mask).tr(tr).delays(delays)
                        .forecastFrom(from).forecastTo(to).window(window).alphas(EncodingModel.Options.parseAlphas(alphas))
                        .innerFolds(EncodingModel.Options.parseAlphaCv(alphaCv)).folds(folds).layer(layer).bootstrap(bootstrap)
                        .permutations(permutations).seed(seed).truth(truth).threads(threads).build();
            } catch (IllegalArgumentException e) {
                throw bad(e);
            }
            BrainScore.Summary s = BrainScore.run(c, out, spec.commandLine().getErr());
            System.out.printf(Locale.ROOT, "%d subject(s), %d voxels, %d samples: mean r %.4f%s%s in %.1f s%n", s.subjects(), s.voxels(), s.nTr(), s.meanR(),
                    s.recoveryWithin1() != null ? String.format(Locale.ROOT, "; d* within 1 of the truth for %.1f%%", 100 * s.recoveryWithin1()) : "",
                    s.depthOrderCorrect() != null ? (s.depthOrderCorrect() == 1 ? "; k* orders the regions" : "; k* does NOT order the regions") : "",
                    s.seconds());
            System.out.println("report: " + s.out().resolve("report.html"));
            return 0;
        }

        static List<Path> expand(List<Path> in) {
            List<Path> out = new ArrayList<>();
            for (Path p : in) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.list(p)) {
                        List<Path> found = s.filter(f -> f.getFileName().toString().matches("(?i).*\\.(nii|nii\\.gz|gii|npy|csv)$")).sorted().toList();
                        if (found.isEmpty()) throw new UserError("--bold " + p + ": the folder holds no .nii/.nii.gz/.gii/.npy/.csv recording");
                        out.addAll(found);
                    } catch (IOException e) {
                        throw new UserError("--bold " + p + ": cannot list (" + e.getMessage() + ")");
                    }
                } else out.add(p);
            }
            return out;
        }
    }

    @Command(name = "phantom", mixinStandardHelpOptions = true, sortOptions = false,
            description = "A virtual listener: synthetic recordings whose regions respond to the features of the word d ahead (truth saved).",
            footer = {"", "Examples:",
                    "  engram brain phantom --story story.txt --regions 'temporal:d=2,n=20;parietal:d=5,n=20;frontal:d=8,n=20' --modality meg --tr 0.1 --out ph",
                    "  engram brain phantom --words align.csv --features F_all.npy --regions 'syntax:d=5,depth=4,n=50;semantics:d=8,depth=9,n=50' --modality fmri --tr 1.5 --out ph",
                    "", "REGIONS: NAME:d=D[,depth=K],n=N;... (depth = layer of [layers, n_words, dim] features; default the X layer).",
                    "Without --features, synthetic word features are drawn (--dim, --layers) and saved as features.npy."})
    static final class PhantomCmd implements Callable<Integer> {
        @Option(names = "--words", paramLabel = "CSV", description = "A word-aligned story (align.csv).") Path words;
        @Option(names = "--story", paramLabel = "TEXT|FILE", description = "A plain text (or a file of it); timing is synthesized.") String story;
        @Option(names = "--features", paramLabel = "F.npy", description = "Word features (default: synthetic).") Path features;
        @Option(names = "--dim", description = "Synthetic features: dims per word (default: ${DEFAULT-VALUE}).") int dim = 16;
        @Option(names = "--layers", description = "Synthetic features: layers (default: ${DEFAULT-VALUE}).") int layers = 1;
        @Option(names = "--regions", required = true, paramLabel = "SPEC") String regions;
        @Option(names = "--modality", description = "fmri | meg (default: ${DEFAULT-VALUE}).") String modality = "fmri";
        @Option(names = "--tr", description = "Seconds per sample (default: 1.5 for fmri, 0.1 for meg).") Double tr;
        @Option(names = "--snr", description = "Signal/noise variance ratio (default: ${DEFAULT-VALUE}).") double snr = 1.0;
        @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).") long seed = 1;
        @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

        @Override public Integer call() {
            if ((words == null) == (story == null)) throw new UserError("give exactly one of --words align.csv or --story TEXT");
            try {
                Phantom.Modality mod = switch (modality.toLowerCase(Locale.ROOT)) {
                    case "fmri" -> Phantom.Modality.FMRI;
                    case "meg" -> Phantom.Modality.MEG;
                    default -> throw new IllegalArgumentException("--modality " + modality + ": use fmri or meg");
                };
                Words w;
                if (words != null) w = Words.read(words);
                else {
                    Path f = Path.of(story);
                    try {
                        w = Phantom.timeStory(Files.isRegularFile(f) ? Files.readString(f) : story);
                    } catch (IOException e) {
                        throw new UserError(story + ": cannot read (" + e.getMessage() + ")");
                    }
                }
                BrainScore.Features feats = features != null ? BrainScore.Features.read(features)
                        : Phantom.syntheticFeatures(w.size(), layers, dim, seed);
                if (features != null && feats.nWords() != w.size())
                    throw new UserError(features + ": " + feats.nWords() + " feature rows but the story has " + w.size() + " words");
                double t = tr != null ? tr : mod == Phantom.Modality.FMRI ? 1.5 : 0.1;
                var c = new Phantom.Config(Phantom.Region.parse(regions), mod, t, snr, seed, null, mod == Phantom.Modality.FMRI ? 20 : 1);
                Phantom.Result r = Phantom.simulate(c, w, feats);
                Phantom.write(out, c, r, w, feats, true);
                System.out.printf(Locale.ROOT, "wrote %s: %d samples x %d voxels (%s), truth.csv, align.csv, features.npy%n", out, r.nTr(), r.voxels(), mod);
            } catch (IllegalArgumentException e) {
                throw bad(e);
            }
            return 0;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Times the ridge (exact LOO, one alpha per voxel, contiguous folds) and compares with the FLOP floor.",
            footer = {"", "Examples:", "  engram brain bench                                  # the issue's shape: 3000 x 9216 -> 20000",
                    "  engram brain bench --n 1500 --p 4608 --v 5000       # a quicker run"})
    static final class Bench implements Callable<Integer> {
        @Option(names = "--n", description = "Samples (default: ${DEFAULT-VALUE}).") int n = 3000;
        @Option(names = "--p", description = "Columns (default: ${DEFAULT-VALUE}).") int p = 9216;
        @Option(names = "--v", description = "Voxels (default: ${DEFAULT-VALUE}).") int v = 20000;
        @Option(names = "--alphas", description = "Alphas (default: ${DEFAULT-VALUE}).") int alphas = 10;
        @Option(names = "--folds", description = "Folds (default: ${DEFAULT-VALUE}).") int folds = 5;
        @Option(names = "--threads", description = "BLAS threads (default: all cores).") int threads = 0;

        @Override public Integer call() {
            if (n < 2 * folds || p < 1 || v < 1 || alphas < 1) throw new UserError("bench: need n >= 2 x folds and positive p, v, alphas");
            System.out.println(RidgeBench.run(n, p, v, alphas, folds, threads, 1).describe());
            return 0;
        }
    }
}
