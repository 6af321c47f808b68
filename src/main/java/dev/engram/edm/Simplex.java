package dev.engram.edm;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Simplex projection (Sugihara and May 1990) with pyEDM 2.x conventions: the E+1 nearest library vectors,
 * weights exp(-d/d_min) with d_min = max(nearest distance, 1e-6), the prediction is the weighted mean of the
 * neighbours' values Tp rows later, Pred_Variance their weighted variance around it.
 */
public final class Simplex {
    private Simplex() {}

    /** Forecasts {@code target} from the delay embedding of {@code column}. */
    public static Forecast predict(EdmData data, String column, String target, PredictionConfig c) {
        return predict(data, List.of(column), target, c);
    }

    /** Forecasts {@code target} from the delay embedding of one column, or from several columns when embedded. */
    public static Forecast predict(EdmData data, List<String> columns, String target, PredictionConfig config) {
        PredictionConfig c = config.forColumns(columns);
        StateSpace emb = c.space(data, columns);
        double[] y = data.series(target);
        RowPlan plan = RowPlan.of(c, data.rows(), data.source());
        return predict(data.time(), emb, y, plan, c);
    }

    static Forecast predict(double[] time, StateSpace emb, double[] y, RowPlan plan, PredictionConfig c) {
        int k = c.knn() > 0 ? c.knn() : c.E() + 1;
        KdTree index = new KdTree(emb.pack(plan.lib()), plan.lib(), c.E());
        int[] pred = plan.pred();
        double[] p = new double[pred.length], v = new double[pred.length];
        // Blocks of consecutive rows, one searcher (no allocation per query) per block.
        int block = 2048, blocks = (pred.length + block - 1) / block;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            KdTree.Searcher searcher = index.searcher(k);
            double[] q = new double[c.E()];
            int[] nr = new int[k];
            double[] nd = new double[k];
            for (int i = b * block, end = Math.min(pred.length, i + block); i < end; i++) {
                emb.vector(pred[i], q, 0);
                int found = searcher.query(q, pred[i], c.exclusionRadius(), nr, nd);
                double[] pv = project(nr, nd, found, y, c.Tp());
                p[i] = pv[0];
                v[i] = pv[1];
            }
        });
        return Forecast.layout(time, y, pred, c.Tp(), p, v, null, null);
    }

    /** Weighted mean and variance of the neighbours' targets; returns {prediction, variance}. */
    static double[] project(int[] rows, double[] dist, int k, double[] y, int Tp) {
        if (k == 0) return new double[]{Double.NaN, Double.NaN};
        double dmin = Math.max(dist[0], 1e-6);
        double sw = 0, swy = 0;
        double[] w = new double[k];
        for (int j = 0; j < k; j++) {
            w[j] = Math.exp(-dist[j] / dmin);
            sw += w[j];
            swy += w[j] * y[rows[j] + Tp];
        }
        double pred = swy / sw, sv = 0;
        for (int j = 0; j < k; j++) {
            double d = y[rows[j] + Tp] - pred;
            sv += w[j] * d * d;
        }
        return new double[]{pred, sv / sw};
    }
}
