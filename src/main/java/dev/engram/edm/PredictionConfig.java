package dev.engram.edm;

import dev.engram.core.UserError;

import java.util.List;

/**
 * Parameters shared by Simplex and S-map forecasts (pyEDM names in brackets). Build it by name,
 * {@code PredictionConfig.builder().E(3).lib(new RowRange(1, 500)).pred(new RowRange(501, 800)).build()}; the
 * defaults are the constants below, in this one place.
 *
 * @param E               embedding dimension [E], at least 1
 * @param tau             lag between embedding coordinates [tau]; negative means past values (the usual -1)
 * @param Tp              prediction horizon in rows [Tp]; 0 is cross-mapping at the same time
 * @param knn             neighbours; 0 means the method's default (Simplex E+1, S-map all of the library but one)
 * @param exclusionRadius library rows within this many rows of the predicted row are not neighbours;
 *                        0 excludes only the row itself
 * @param lib             library row ranges (1-based, inclusive), ascending and disjoint; several segments
 *                        make a disjoint library as pyEDM's lib = [1,100, 201,300]
 * @param pred            prediction row range (1-based, inclusive)
 * @param embedded        the columns are already the state coordinates (pyEDM's embedded = True): no lags,
 *                        E is the number of columns and tau is unused
 */
public record PredictionConfig(int E, int tau, int Tp, int knn, int exclusionRadius, List<RowRange> lib, RowRange pred,
                               boolean embedded) {
    /** Defaults (those of `engram edm simplex`, `smap` and the sweeps); lib and pred have none. */
    public static final int EMBEDDING_DIMENSION = 1, TAU = -1, TP = 1, KNN = 0, EXCLUSION_RADIUS = 0;

    public PredictionConfig {
        if (E < 1) throw new UserError("E = " + E + ": the embedding dimension must be 1 or more.");
        if (tau == 0) throw new UserError("tau = 0: the lag must be non-zero (negative for past values, e.g. -1).");
        if (knn < 0) throw new UserError("knn = " + knn + ": give 0 for the default or a positive count.");
        if (exclusionRadius < 0) throw new UserError("exclusion radius " + exclusionRadius + " must be 0 or more.");
        if (lib == null || lib.isEmpty() || pred == null)
            throw new UserError("lib and pred row ranges are required (e.g. --lib 1,500 --pred 501,800).");
        lib = List.copyOf(lib);
        for (int i = 1; i < lib.size(); i++)
            if (lib.get(i).start() <= lib.get(i - 1).end())
                throw new UserError("lib segments " + lib + " must be ascending and disjoint, e.g. --lib 1,100,201,300.");
    }

    public PredictionConfig withE(int e) { return toBuilder().E(e).build(); }

    public PredictionConfig withTp(int tp) { return toBuilder().Tp(tp).build(); }

    /** Rows at the start (tau < 0) or end (tau > 0) of the data whose embedding is incomplete; 0 when embedded. */
    public int embedShift() { return embedded ? 0 : Math.abs(tau) * (E - 1); }

    /**
     * The state space of {@code columns} under this config: the delay embedding of the single column, or the
     * columns themselves when embedded (E must then equal their number, see {@link #forColumns}).
     */
    StateSpace space(EdmData data, List<String> columns) {
        if (!embedded) return new DelayEmbedding(data.series(columns.get(0)), E, tau, columns.get(0));
        return new ColumnSpace(columns, columns.stream().map(data::series).toList());
    }

    /** Checks the columns against the mode; when embedded, sets E to their number as pyEDM does. */
    PredictionConfig forColumns(List<String> columns) {
        if (columns.isEmpty()) throw new UserError("--columns is empty; name the column(s) to use.");
        if (!embedded && columns.size() > 1)
            throw new UserError("several --columns " + columns + " are state coordinates only with --embedded; "
                    + "give one column to delay-embed, or add --embedded.");
        return embedded && E != columns.size()
                ? toBuilder().E(columns.size()).embedded(true).build() : this;
    }

    public static Builder builder() { return new Builder(); }

    /** A builder holding this configuration, to change some fields by name. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.E = E; b.tau = tau; b.Tp = Tp; b.knn = knn; b.exclusionRadius = exclusionRadius; b.lib = lib; b.pred = pred; b.embedded = embedded;
        return b;
    }

    /** Fields left unset take the defaults above; lib and pred have none and must be given. */
    public static final class Builder {
        private int E = EMBEDDING_DIMENSION, tau = TAU, Tp = TP, knn = KNN, exclusionRadius = EXCLUSION_RADIUS;
        private List<RowRange> lib;
        private RowRange pred;
        private boolean embedded;

        private Builder() {}

        public Builder E(int v) { E = v; return this; }
        public Builder tau(int v) { tau = v; return this; }
        public Builder Tp(int v) { Tp = v; return this; }
        public Builder knn(int v) { knn = v; return this; }
        public Builder exclusionRadius(int v) { exclusionRadius = v; return this; }
        public Builder lib(List<RowRange> v) { lib = v; return this; }
        /** A library of one row range. */
        public Builder lib(RowRange v) { lib = v == null ? null : List.of(v); return this; }
        public Builder pred(RowRange v) { pred = v; return this; }
        public Builder embedded(boolean v) { embedded = v; return this; }

        public PredictionConfig build() { return new PredictionConfig(E, tau, Tp, knn, exclusionRadius, lib, pred, embedded); }
    }
}
