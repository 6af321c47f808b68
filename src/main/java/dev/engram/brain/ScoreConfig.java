package dev.engram.brain;

import dev.engram.linalg.EncodingModel;
import java.nio.file.Path;
import java.util.List;

/**
 * What `engram brain score` does, resolved and validated; saved in the output folder's run.json. Build it by name,
 * {@code ScoreConfig.builder().features(f).words(w).bold(List.of(b)).tr(1.5).build()}; the defaults are the
 * constants below, in this one place (features, words, bold and tr have none).
 *
 * @param features     word features .npy: [n_words, dim] or [layers, n_words, dim]
 * @param words        the story's align.csv (one row per feature row)
 * @param bold         one recording per subject (.nii/.nii.gz, .func.gii, .npy or .csv [n_TRs, n_voxels])
 * @param mask         NIfTI brain mask on the recordings' grid, or null
 * @param tr           seconds per recorded sample
 * @param delays       FIR delays 1..delays (in samples)
 * @param forecastFrom first forecast distance in words (null = no forecast)
 * @param forecastTo   last forecast distance, inclusive
 * @param window       forecast window width w in words
 * @param alphas       ridge penalty grid
 * @param innerFolds   0 = alpha by exact leave-one-out, K = by inner contiguous K-fold
 * @param folds        outer contiguous folds
 * @param layer        layer of layered features used for X (null = round(2/3 of the layers), as GPT-2's 8 of 12)
 * @param bootstrap    bootstrap resamples of subjects for confidence intervals (group level)
 * @param permutations sign-flip permutations for the group test (group level)
 * @param seed         seed of the group statistics' random streams
 * @param truth        a phantom's truth.csv (voxel, region, d, depth) to report recovery against, or null
 * @param threads      OpenBLAS threads (0 = all cores for large problems, 1 for small ones)
 */
public record ScoreConfig(Path features, Path words, List<Path> bold, Path mask, double tr, int delays, Integer forecastFrom,
                          Integer forecastTo, int window, double[] alphas, int innerFolds, int folds, Integer layer, int bootstrap,
                          int permutations, long seed, Path truth, int threads) {
    /** Defaults (those of `engram brain score`); alphas and the alpha search are in the command line's spelling. */
    public static final int DELAYS = 6, WINDOW = 8, FOLDS = 5, BOOTSTRAP = 1000, PERMUTATIONS = 1000, THREADS = 0;
    public static final long SEED = 1;
    public static final String ALPHAS = "1e-1:1e8:10", ALPHA_CV = "loo";

    public ScoreConfig {
        if (features == null) throw new IllegalArgumentException("--features is required");
        if (words == null) throw new IllegalArgumentException("--words is required");
        if (bold == null || bold.isEmpty()) throw new IllegalArgumentException("--bold: give at least one recording");
        bold = List.copyOf(bold);
        if (!(tr > 0) || Double.isInfinite(tr)) throw new IllegalArgumentException("--tr must be a positive number of seconds, got " + tr);
        if (delays < 1) throw new IllegalArgumentException("--delays must be >= 1, got " + delays);
        if ((forecastFrom == null) != (forecastTo == null)) throw new IllegalArgumentException("--forecast needs FROM:TO");
        if (forecastFrom != null && (forecastFrom < 0 || forecastTo < forecastFrom || forecastTo > 200))
            throw new IllegalArgumentException("--forecast " + forecastFrom + ":" + forecastTo + ": need 0 <= FROM <= TO <= 200");
        if (window < 1) throw new IllegalArgumentException("--window must be >= 1, got " + window);
        new EncodingModel.Options(alphas, folds, innerFolds, 1); // validates alphas, folds, inner folds
        if (layer != null && layer < 0) throw new IllegalArgumentException("--layer must be >= 0");
        if (bootstrap < 0 || permutations < 0) throw new IllegalArgumentException("--bootstrap and --permutations must be >= 0");
        if (threads < 0) throw new IllegalArgumentException("--threads must be >= 0");
    }

    public boolean hasForecast() { return forecastFrom != null; }

    public EncodingModel.Options ridgeOptions() { return new EncodingModel.Options(alphas, folds, innerFolds, 1L << 24); }

    public static Builder builder() { return new Builder(); }

    /**
     * Fields left unset take the defaults above: no mask, no forecast, no truth, the layer at 2/3 of the depth;
     * features, words, bold and tr must be given.
     */
    public static final class Builder {
        private Path features, words, mask, truth;
        private List<Path> bold;
        private double tr = Double.NaN;
        private int delays = DELAYS, window = WINDOW, innerFolds = EncodingModel.Options.parseAlphaCv(ALPHA_CV), folds = FOLDS,
                bootstrap = BOOTSTRAP, permutations = PERMUTATIONS, threads = THREADS;
        private Integer forecastFrom, forecastTo, layer;
        private double[] alphas = EncodingModel.Options.parseAlphas(ALPHAS);
        private long seed = SEED;

        private Builder() {}

        public Builder features(Path v) { features = v; return this; }
        public Builder words(Path v) { words = v; return this; }
        public Builder bold(List<Path> v) { bold = v; return this; }
        public Builder mask(Path v) { mask = v; return this; }
        public Builder tr(double v) { tr = v; return this; }
        public Builder delays(int v) { delays = v; return this; }
        public Builder forecastFrom(Integer v) { forecastFrom = v; return this; }
        public Builder forecastTo(Integer v) { forecastTo = v; return this; }
        public Builder window(int v) { window = v; return this; }
        public Builder alphas(double[] v) { alphas = v; return this; }
        public Builder innerFolds(int v) { innerFolds = v; return this; }
        public Builder folds(int v) { folds = v; return this; }
        public Builder layer(Integer v) { layer = v; return this; }
        public Builder bootstrap(int v) { bootstrap = v; return this; }
        public Builder permutations(int v) { permutations = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder truth(Path v) { truth = v; return this; }
        public Builder threads(int v) { threads = v; return this; }

        public ScoreConfig build() {
            return new ScoreConfig(features, words, bold, mask, tr, delays, forecastFrom, forecastTo, window, alphas, innerFolds, folds,
                    layer, bootstrap, permutations, seed, truth, threads);
        }
    }
}
