package dev.engram.edm;

import java.util.stream.IntStream;

/**
 * Simplex cross-mapping from one library of delay vectors: the neighbours and weights of every predicted row
 * are found once, then any number of target series (the real one, its surrogates) are estimated from them in
 * O(rows x k). This is what makes surrogate tests and CCM matrices cheap.
 */
public final class CrossMapper {
    private final int[] pred;      // [P] predicted rows (0-based)
    private final int k;           // neighbours per row
    private final int[] nbr;       // [P x k] neighbour rows, -1 when fewer were eligible
    private final double[] weight; // [P x k] exp(-d/d_min)
    private final int Tp;

    private CrossMapper(int[] pred, int k, int[] nbr, double[] weight, int Tp) {
        this.pred = pred;
        this.k = k;
        this.nbr = nbr;
        this.weight = weight;
        this.Tp = Tp;
    }

    /**
     * Finds the k nearest library vectors of every predicted row (leave-one-out within exclusionRadius).
     *
     * @param parallel search rows in parallel (false when the caller already runs tasks in parallel)
     */
    public static CrossMapper build(StateSpace emb, int[] libRows, int[] predRows, int Tp, int exclusionRadius,
                                    int k, boolean parallel) {
        int E = emb.dimension();
        NeighbourIndex index = libRows.length <= 2 * k
                ? new BruteForceNeighbours(emb.pack(libRows), libRows, E)
                : new KdTree(emb.pack(libRows), libRows, E);
        int[] nbr = new int[predRows.length * k];
        double[] w = new double[predRows.length * k];
        IntStream rows = IntStream.range(0, predRows.length);
        (parallel ? rows.parallel() : rows).forEach(i -> {
            double[] q = new double[E];
            int[] nr = new int[k];
            double[] nd = new double[k];
            emb.vector(predRows[i], q, 0);
            int found = index.query(q, predRows[i], exclusionRadius, k, nr, nd);
            double dmin = found > 0 ? Math.max(nd[0], 1e-6) : 1;
            for (int j = 0; j < k; j++) {
                nbr[i * k + j] = j < found ? nr[j] : -1;
                w[i * k + j] = j < found ? Math.exp(-nd[j] / dmin) : 0;
            }
        });
        return new CrossMapper(predRows, k, nbr, w, Tp);
    }

    /**
     * The cross-mapper of a library subset, using the full library's rankings (exact; see
     * {@link RankedNeighbours}). Runs sequentially: CCM parallelises over samples instead.
     *
     * @param subset library rows of this sample, each also in the ranking's library
     */
    static CrossMapper fromRanked(RankedNeighbours ranking, StateSpace emb, int[] subset, int Tp,
                                  int exclusionRadius, int k) {
        int E = emb.dimension(), P = ranking.pred.length;
        boolean[] member = new boolean[emb.rows()];
        for (int r : subset) member[r] = true;
        int[] nbr = new int[P * k];
        double[] w = new double[P * k];
        int[] nr = new int[k];
        double[] nd = new double[k], q = new double[E];
        NeighbourIndex fallback = null;
        for (int i = 0; i < P; i++) {
            int row = ranking.pred[i];
            int found = ranking.nearestMembers(i, member, k, nr, nd);
            if (found < 0) {
                emb.vector(row, q, 0);
                if (fallback == null) fallback = subset.length <= 2 * k
                        ? new BruteForceNeighbours(emb.pack(subset), subset, E) : new KdTree(emb.pack(subset), subset, E);
                found = fallback.query(q, row, exclusionRadius, k, nr, nd);
            }
            double dmin = found > 0 ? Math.max(nd[0], 1e-6) : 1;
            for (int j = 0; j < k; j++) {
                nbr[i * k + j] = j < found ? nr[j] : -1;
                w[i * k + j] = j < found ? Math.exp(-nd[j] / dmin) : 0;
            }
        }
        return new CrossMapper(ranking.pred, k, nbr, w, Tp);
    }

    /** Estimates target at row+Tp for every predicted row (NaN where no neighbour was eligible). */
    public double[] predictions(double[] target) {
        double[] out = new double[pred.length];
        for (int i = 0; i < pred.length; i++) {
            double sw = 0, swy = 0;
            for (int j = 0; j < k; j++) {
                int r = nbr[i * k + j];
                if (r < 0) break;
                double w = weight[i * k + j];
                sw += w;
                swy += w * target[r + Tp];
            }
            out[i] = sw > 0 ? swy / sw : Double.NaN;
        }
        return out;
    }

    /** The observations the predictions are scored against: target at row+Tp, NaN outside the data. */
    public double[] observations(double[] target) {
        double[] obs = new double[pred.length];
        for (int i = 0; i < pred.length; i++) {
            int r = pred[i] + Tp;
            obs[i] = r >= 0 && r < target.length ? target[r] : Double.NaN;
        }
        return obs;
    }

    /** Cross-map skill: Pearson rho between the target at row+Tp and its estimate. */
    public double rho(double[] target) { return Skill.rho(observations(target), predictions(target)); }
}
