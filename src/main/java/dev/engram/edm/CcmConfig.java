package dev.engram.edm;

import dev.engram.core.UserError;

import java.util.Arrays;

/**
 * Convergent cross mapping parameters (pyEDM names in brackets). Build it by name,
 * {@code CcmConfig.builder().E(2).libSizes(10, 100, 400).sample(20).build()}; the defaults are the constants
 * below, in this one place (E and the library sizes have none).
 *
 * @param E               embedding dimension of both series [E]
 * @param tau             embedding lag, negative for past values [tau]
 * @param Tp              cross-map horizon; 0 is the classic CCM [Tp]
 * @param knn             neighbours, 0 for E+1 [knn]
 * @param exclusionRadius library rows this close in time to the predicted row are not neighbours; 0 excludes
 *                        only the row itself [exclusionRadius]
 * @param libSizes        library sizes, ascending [libSizes]
 * @param sample          random libraries per size [sample]; forced to 1 when sequential
 * @param seed            seed of the library draws [seed]
 * @param sequential      deterministic libraries: the first L library vectors (cppEDM's random = false)
 */
public record CcmConfig(int E, int tau, int Tp, int knn, int exclusionRadius, int[] libSizes, int sample, long seed,
                        boolean sequential) {
    /** Defaults (those of `engram edm ccm`); E and the library sizes have none. */
    public static final int TAU = -1, TP = 0, KNN = 0, EXCLUSION_RADIUS = 0, SAMPLE = 100;
    public static final long SEED = 1;

    public CcmConfig {
        if (E < 1) throw new UserError("E = " + E + ": the embedding dimension must be 1 or more.");
        if (tau == 0) throw new UserError("tau = 0: the lag must be non-zero (e.g. -1).");
        if (knn < 0) throw new UserError("knn = " + knn + ": give 0 for E+1 or a positive count.");
        if (exclusionRadius < 0) throw new UserError("exclusion radius must be 0 or more.");
        if (libSizes == null || libSizes.length == 0) throw new UserError("library sizes are required, e.g. --lib-sizes 10,400,30.");
        libSizes = libSizes.clone();
        for (int L : libSizes)
            if (L < E + 2) throw new UserError("library size " + L + " is below E+2 = " + (E + 2) + " (pyEDM's minimum); raise --lib-sizes.");
        if (sample < 1) throw new UserError("sample = " + sample + ": give 1 or more random libraries per size.");
        if (sequential) sample = 1;
    }

    public int neighbours() { return knn > 0 ? knn : E + 1; }

    /**
     * Parses pyEDM's libSizes: three values start,stop,increment with increment &lt; stop give the sequence
     * start, start+increment, ... &lt;= stop; any other list is taken literally.
     */
    public static int[] parseLibSizes(String text) {
        int[] v;
        try {
            v = Arrays.stream(text.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new UserError("--lib-sizes '" + text + "': give integers, start,stop,increment (e.g. 10,400,30) or a list.");
        }
        if (v.length == 3 && v[2] < v[1]) {
            if (v[2] < 1) throw new UserError("--lib-sizes increment " + v[2] + " must be 1 or more.");
            if (v[0] > v[1]) throw new UserError("--lib-sizes start " + v[0] + " exceeds stop " + v[1] + ".");
            int n = (v[1] - v[0]) / v[2] + 1;
            int[] out = new int[n];
            for (int i = 0; i < n; i++) out[i] = v[0] + i * v[2];
            return out;
        }
        return v;
    }

    public static Builder builder() { return new Builder(); }

    /** A builder holding this configuration, to change some fields by name. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.E = E; b.tau = tau; b.Tp = Tp; b.knn = knn; b.exclusionRadius = exclusionRadius; b.libSizes = libSizes; b.sample = sample;
        b.seed = seed; b.sequential = sequential;
        return b;
    }

    /** Fields left unset take the defaults above; E and the library sizes must be given. */
    public static final class Builder {
        private int E, tau = TAU, Tp = TP, knn = KNN, exclusionRadius = EXCLUSION_RADIUS, sample = SAMPLE;
        private int[] libSizes;
        private long seed = SEED;
        private boolean sequential;

        private Builder() {}

        public Builder E(int v) { E = v; return this; }
        public Builder tau(int v) { tau = v; return this; }
        public Builder Tp(int v) { Tp = v; return this; }
        public Builder knn(int v) { knn = v; return this; }
        public Builder exclusionRadius(int v) { exclusionRadius = v; return this; }
        /** Library sizes, ascending; see {@link #parseLibSizes} for pyEDM's start,stop,increment. */
        public Builder libSizes(int... v) { libSizes = v; return this; }
        public Builder sample(int v) { sample = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder sequential(boolean v) { sequential = v; return this; }

        public CcmConfig build() { return new CcmConfig(E, tau, Tp, knn, exclusionRadius, libSizes, sample, seed, sequential); }
    }

    @Override public boolean equals(Object o) {
        return o instanceof CcmConfig c && E == c.E && tau == c.tau && Tp == c.Tp && knn == c.knn
                && exclusionRadius == c.exclusionRadius && Arrays.equals(libSizes, c.libSizes) && sample == c.sample
                && seed == c.seed && sequential == c.sequential;
    }

    @Override public int hashCode() { return Arrays.hashCode(libSizes) * 31 + Long.hashCode(seed) + E; }

    @Override public String toString() {
        return "CcmConfig[E=" + E + ", tau=" + tau + ", Tp=" + Tp + ", knn=" + knn + ", exclusionRadius=" + exclusionRadius
                + ", libSizes=" + Arrays.toString(libSizes) + ", sample=" + sample + ", seed=" + seed + ", sequential=" + sequential + "]";
    }
}
