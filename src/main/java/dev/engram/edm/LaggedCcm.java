package dev.engram.edm;

import dev.engram.core.UserError;

import java.util.List;

/**
 * Extended CCM (Ye et al., Sci. Rep. 2015): cross-map skill with the full library as a function of the
 * horizon Tp. If x drives y, y's manifold best estimates x's past, so y:x peaks at Tp &lt;= 0; a peak at
 * Tp &gt; 0 points to synchrony (strong forcing) rather than causation.
 */
public final class LaggedCcm {
    private LaggedCcm() {}

    /** Table Tp, x:y, y:x for Tp = fromTp..toTp. */
    public static Table run(double[] x, double[] y, String xName, String yName, int E, int tau, int exclusionRadius,
                            int fromTp, int toTp) {
        if (fromTp > toTp) throw new UserError("Tp range " + fromTp + ".." + toTp + ": the start exceeds the end.");
        int m = toTp - fromTp + 1;
        double[] tp = new double[m], xy = new double[m], yx = new double[m];
        for (int i = 0; i < m; i++) {
            int Tp = fromTp + i;
            CcmSignificance.Settings s = new CcmSignificance.Settings(E, tau, Tp, exclusionRadius, SurrogateMethod.SHUFFLE, 1, 0, 0);
            tp[i] = Tp;
            xy[i] = CcmSignificance.mapper(x, s, true).rho(y);
            yx[i] = CcmSignificance.mapper(y, s, true).rho(x);
        }
        return Table.of(List.of("Tp", xName + ":" + yName, yName + ":" + xName), tp, xy, yx);
    }

    /** The Tp of the highest finite skill in a column of {@link #run}'s table. */
    public static int bestTp(Table t, String column) {
        double[] tp = t.column("Tp"), r = t.column(column);
        int best = -1;
        for (int i = 0; i < r.length; i++) if (Double.isFinite(r[i]) && (best < 0 || r[i] > r[best])) best = i;
        if (best < 0) throw new UserError("no finite cross-map skill in " + column + "; the series may be too short.");
        return (int) tp[best];
    }
}
