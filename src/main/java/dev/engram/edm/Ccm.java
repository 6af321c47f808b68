package dev.engram.edm;

import dev.engram.core.UserError;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Convergent cross mapping (Sugihara et al., Science 2012) with pyEDM 2.x conventions. Column {@code x:y} is
 * the skill of estimating y from the delay embedding of x: high and rising with library size means y drives x.
 * Every row with a complete embedding is predicted, leave-one-out, from each library; random libraries are
 * drawn without replacement from the valid library vectors, and both directions use the same draws.
 * Library samples run in parallel, each from its own split of the seed, so results do not depend on threads.
 */
public final class Ccm {
    private Ccm() {}

    public static CcmResult run(EdmData data, String column, String target, CcmConfig c) {
        double[] x = data.series(column);
        double[] y = data.series(target);
        return run(x, y, column, target, c, data.source());
    }

    public static CcmResult run(double[] x, double[] y, String xName, String yName, CcmConfig c, String source) {
        int n = x.length;
        for (int L : c.libSizes())
            if (L > n) throw new UserError("library size " + L + " exceeds the " + n + " rows of " + source + "; lower --lib-sizes.");
        RowRange all = new RowRange(1, n);
        RowPlan plan = RowPlan.of(PredictionConfig.builder().E(c.E()).tau(c.tau()).Tp(c.Tp()).knn(c.neighbours())
                .exclusionRadius(c.exclusionRadius()).lib(all).pred(all).build(), n, source);
        DelayEmbedding ex = new DelayEmbedding(x, c.E(), c.tau()), ey = new DelayEmbedding(y, c.E(), c.tau());
        int[] sizes = c.libSizes();
        int samples = c.sample();
        // One independent stream per (size, sample), split in a fixed order before the parallel work.
        SplittableRandom root = new SplittableRandom(c.seed());
        SplittableRandom[] streams = new SplittableRandom[sizes.length * samples];
        for (int t = 0; t < streams.length; t++) streams[t] = root.split();
        double[][] xy = new double[sizes.length][samples], yx = new double[sizes.length][samples];
        int[] lib = plan.lib();
        int k = c.neighbours();
        // Full-library rankings, deep enough that most samples find their k neighbours in them.
        int K = RankedNeighbours.depth(n, lib.length, k);
        RankedNeighbours rx = RankedNeighbours.build(ex, lib, plan.pred(), c.exclusionRadius(), K);
        RankedNeighbours ry = RankedNeighbours.build(ey, lib, plan.pred(), c.exclusionRadius(), K);
        IntStream.range(0, streams.length).parallel().forEach(t -> {
            int li = t / samples, s = t % samples;
            int L = Math.min(sizes[li], lib.length);
            int[] rows = c.sequential() ? java.util.Arrays.copyOf(lib, L) : draw(lib, L, streams[t]);
            java.util.Arrays.sort(rows);
            xy[li][s] = CrossMapper.fromRanked(rx, ex, rows, c.Tp(), c.exclusionRadius(), k).rho(y);
            yx[li][s] = CrossMapper.fromRanked(ry, ey, rows, c.Tp(), c.exclusionRadius(), k).rho(x);
        });
        return new CcmResult(xName, yName, sizes, xy, yx);
    }

    /** L distinct rows chosen uniformly (partial Fisher-Yates). */
    static int[] draw(int[] from, int L, SplittableRandom rng) {
        int[] a = from.clone();
        for (int i = 0; i < L; i++) {
            int j = i + rng.nextInt(a.length - i);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
        return java.util.Arrays.copyOf(a, L);
    }
}
