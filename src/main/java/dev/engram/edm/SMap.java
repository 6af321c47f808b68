package dev.engram.edm;

import dev.engram.core.UserError;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * S-map (Sugihara 1994) with pyEDM 2.x conventions: around each predicted state, a linear model with intercept
 * is fitted to the library by least squares weighted by exp(-theta d / mean(d)) (rows of A and b multiplied by
 * the weight, solved by SVD). The default neighbourhood is all library vectors but one: the predicted row itself
 * when lib and pred overlap, else the farthest vector.
 */
public final class SMap {
    private SMap() {}

    public static Forecast predict(EdmData data, String column, String target, PredictionConfig c, double theta) {
        return predict(data, List.of(column), target, c, theta);
    }

    /** S-map of {@code target} from one delay-embedded column, or from several columns when embedded. */
    public static Forecast predict(EdmData data, List<String> columns, String target, PredictionConfig config, double theta) {
        if (!(theta >= 0) || Double.isInfinite(theta))
            throw new UserError("theta = " + theta + ": the S-map localisation must be a finite number >= 0.");
        PredictionConfig c = config.forColumns(columns);
        StateSpace emb = c.space(data, columns);
        double[] y = data.series(target);
        RowPlan plan = RowPlan.of(c, data.rows(), data.source());
        return predict(data.time(), emb, y, plan, c, theta, target);
    }

    static Forecast predict(double[] time, StateSpace emb, double[] y, RowPlan plan, PredictionConfig c, double theta,
                            String target) {
        int E = c.E(), p = E + 1;
        int nLib = plan.lib().length;
        int knn = c.knn() > 0 ? c.knn() : nLib - 1;
        if (knn < p)
            throw new UserError("S-map knn = " + knn + " is below E+1 = " + p + ": the local linear model needs at least"
                    + " E+1 neighbours; raise --knn or widen --lib.");
        double[] libPoints = emb.pack(plan.lib());
        NeighbourIndex tree = knn < nLib / 2 ? new KdTree(libPoints, plan.lib(), E) : null;
        int[] pred = plan.pred();
        double[] pr = new double[pred.length], var = new double[pred.length];
        double[][] coef = new double[p][pred.length];
        IntStream.range(0, pred.length).parallel().forEach(i -> {
            double[] q = new double[E];
            emb.vector(pred[i], q, 0);
            int[] nr = new int[nLib];
            double[] nd = new double[nLib];
            int k = tree != null
                    ? tree.query(q, pred[i], c.exclusionRadius(), knn, nr, nd)
                    : allButFarthest(libPoints, plan.lib(), E, q, pred[i], c.exclusionRadius(), knn, nr, nd);
            double[] cf = new double[p];
            double[] pv = fit(emb, y, c.Tp(), q, nr, nd, k, theta, cf);
            pr[i] = pv[0];
            var[i] = pv[1];
            for (int j = 0; j < p; j++) coef[j][i] = cf[j];
        });
        List<String> names = new ArrayList<>();
        names.add("C0");
        for (String e : emb.coordinateNames()) names.add("∂" + target + "/∂" + e);
        return Forecast.layout(time, y, pred, c.Tp(), pr, var, coef, names);
    }

    /**
     * Dense neighbourhood: every eligible library vector except the (eligible - knn) farthest, found by a
     * partial scan (no sort: the regression does not depend on neighbour order). Returns the count.
     */
    static int allButFarthest(double[] pts, int[] libRows, int E, double[] q, int predRow, int excl, int knn,
                              int[] rows, double[] dist) {
        int m = 0;
        double[] d2 = new double[libRows.length];
        for (int i = 0; i < libRows.length; i++) {
            if (Math.abs(libRows[i] - predRow) <= excl) continue;
            d2[m] = KdTree.squaredDistance(q, pts, i * E, E);
            rows[m++] = libRows[i];
        }
        // Drop the farthest, one at a time: (eligible - knn) is 0 or 1 with the default knn.
        for (int drop = m - knn; drop > 0; drop--) {
            int worst = 0;
            for (int i = 1; i < m; i++)
                if (NeighbourIndex.before(d2[worst], rows[worst], d2[i], rows[i], predRow)) worst = i;
            d2[worst] = d2[m - 1];
            rows[worst] = rows[m - 1];
            m--;
        }
        for (int i = 0; i < m; i++) dist[i] = Math.sqrt(d2[i]);
        return m;
    }

    /** Weighted local linear fit; fills coef (C0 first) and returns {prediction, variance}. */
    static double[] fit(StateSpace emb, double[] y, int Tp, double[] q, int[] rows, double[] dist, int k,
                        double theta, double[] coef) {
        int E = emb.dimension(), p = E + 1;
        if (k < p) { // an exclusion radius left too few neighbours for a linear model
            java.util.Arrays.fill(coef, Double.NaN);
            return new double[]{Double.NaN, Double.NaN};
        }
        double[] w = new double[k];
        double mean = 0;
        for (int j = 0; j < k; j++) mean += dist[j];
        mean /= k;
        for (int j = 0; j < k; j++) w[j] = theta == 0 || mean == 0 ? 1 : Math.exp(-theta / mean * dist[j]);
        double[] a = new double[k * p], b = new double[k], v = new double[E];
        for (int j = 0; j < k; j++) {
            a[j * p] = w[j];
            emb.vector(rows[j], v, 0);
            for (int e = 0; e < E; e++) a[j * p + 1 + e] = w[j] * v[e];
            b[j] = w[j] * y[rows[j] + Tp];
        }
        LeastSquares.solve(a, b, k, p, coef);
        double pred = coef[0];
        for (int e = 0; e < E; e++) pred += coef[e + 1] * q[e];
        double sw = 0, sv = 0;
        for (int j = 0; j < k; j++) {
            double d = y[rows[j] + Tp] - pred;
            sw += w[j];
            sv += w[j] * d * d;
        }
        return new double[]{pred, sv / sw};
    }
}
