package dev.engram.edm;

import dev.engram.core.UserError;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Is a cross-map skill better than chance? x's manifold cross-maps the real y and many surrogates of y (y is
 * the putative driver in "x:y"); the one-sided p-value is (1 + #{surrogate rho &gt;= rho}) / (1 + surrogates).
 * Neighbours are found once and reused for every surrogate, so each surrogate costs O(rows x k) plus its
 * generation (O(n log n) for Ebisuzaki).
 */
public final class CcmSignificance {
    private CcmSignificance() {}

    /**
     * @param rho          skill of x:y with the full library (leave-one-out)
     * @param surrogateRho skill of x cross-mapping each surrogate of y
     * @param pValue       one-sided, with the +1 correction (never 0)
     */
    public record Result(double rho, double[] surrogateRho, double pValue) {}

    /** Cross-map settings for the full-library test: E, tau, Tp and exclusion radius as in CCM. */
    public record Settings(int E, int tau, int Tp, int exclusionRadius, SurrogateMethod method, int surrogates,
                           int period, long seed) {
        public Settings {
            if (E < 1) throw new UserError("E = " + E + ": must be 1 or more.");
            if (tau == 0) throw new UserError("tau must be non-zero.");
            if (surrogates < 1) throw new UserError("--surrogates " + surrogates + ": give 1 or more (e.g. 200).");
            if (exclusionRadius < 0) throw new UserError("exclusion radius must be 0 or more.");
            if (method == null) throw new UserError("a surrogate method is required: shuffle, ebisuzaki or seasonal.");
        }
    }

    /** The full-library cross-mapper from x's embedding (lib = pred = all rows, pyEDM's CCM rows). */
    static CrossMapper mapper(double[] x, Settings s, boolean parallel) {
        int n = x.length;
        RowRange all = new RowRange(1, n);
        RowPlan plan = RowPlan.of(PredictionConfig.builder().E(s.E()).tau(s.tau()).Tp(s.Tp()).knn(0).exclusionRadius(s.exclusionRadius())
                .lib(all).pred(all).build(), n, "series");
        return CrossMapper.build(new DelayEmbedding(x, s.E(), s.tau()), plan.lib(), plan.pred(), s.Tp(),
                s.exclusionRadius(), s.E() + 1, parallel);
    }

    public static Result test(double[] x, double[] y, Settings s) {
        return test(mapper(x, s, true), y, s, true);
    }

    static Result test(CrossMapper m, double[] y, Settings s, boolean parallel) {
        double rho = m.rho(y);
        SplittableRandom root = new SplittableRandom(s.seed());
        SplittableRandom[] streams = new SplittableRandom[s.surrogates()];
        for (int i = 0; i < streams.length; i++) streams[i] = root.split();
        double[] sr = new double[s.surrogates()];
        IntStream idx = IntStream.range(0, sr.length);
        (parallel ? idx.parallel() : idx).forEach(i -> sr[i] = m.rho(s.method().generate(y, s.period(), streams[i])));
        int atLeast = 0;
        for (double r : sr) if (!(r < rho)) atLeast++; // NaN surrogate skill counts against significance
        return new Result(rho, sr, (1.0 + atLeast) / (1.0 + sr.length));
    }
}
