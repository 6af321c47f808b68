package dev.engram.edm;

import java.util.ArrayList;
import java.util.List;

/**
 * A forecast in pyEDM's output layout: the row at Time T holds the observation at T and the prediction of
 * it made from the state at T-Tp. For Tp &gt; 0 the first Tp rows have no prediction and the table runs Tp rows
 * past the last predicted row, with times extrapolated by time[1]-time[0] when they pass the data's end.
 *
 * @param time         Time column
 * @param observations target values at Time (NaN past the data)
 * @param predictions  predictions of the target at Time
 * @param variance     Pred_Variance: weighted variance of the neighbours' targets around the prediction
 * @param coefficients S-map only: coefficients[j][row], j = 0 the intercept C0; null for Simplex
 * @param coefficientNames S-map only: names of the coefficient columns (C0, ∂target/∂x(t-0), ...)
 */
public record Forecast(double[] time, double[] observations, double[] predictions, double[] variance,
                       double[][] coefficients, List<String> coefficientNames) {

    /** Observations vs predictions, Pearson rho over rows where both are finite (NaN under 5 pairs). */
    public double rho() { return Skill.rho(observations, predictions); }

    public Table table() {
        return Table.of(List.of("Time", "Observations", "Predictions", "Pred_Variance"), time, observations, predictions, variance);
    }

    /** Time then C0 and one column per embedding coordinate, aligned with {@link #table()}. */
    public Table coefficientTable() {
        if (coefficients == null) throw new IllegalStateException("only S-map forecasts have coefficients");
        List<String> h = new ArrayList<>();
        h.add("Time");
        h.addAll(coefficientNames);
        double[][] cols = new double[coefficients.length + 1][];
        cols[0] = time;
        System.arraycopy(coefficients, 0, cols, 1, coefficients.length);
        return new Table(h, cols);
    }

    /**
     * Lays per-prediction values (one per predicted row) out in pyEDM's table.
     *
     * @param perPred  values for pred[i] (the prediction of row pred[i]+Tp), e.g. predictions, variances
     */
    static Forecast layout(double[] dataTime, double[] target, int[] pred, int Tp, double[] predictions,
                           double[] variance, double[][] coefficients, List<String> coefNames) {
        int n = target.length, np = pred.length, p0 = pred[0], p1 = pred[np - 1];
        int out = np + Math.abs(Tp);
        int firstRow = Tp >= 0 ? p0 : p0 + Tp; // data row shown in the first output row
        // pyEDM fills the appended rows' observations only when all of them lie inside the data.
        boolean tailInData = Tp <= 0 || p1 + Tp < n;
        double dt = n > 1 ? dataTime[1] - dataTime[0] : 1;
        double[] time = new double[out], obs = new double[out], pr = new double[out], var = new double[out];
        double[][] coef = coefficients == null ? null : new double[coefficients.length][out];
        for (int k = 0; k < out; k++) {
            int r = firstRow + k;
            boolean inData = r >= 0 && r < n && (tailInData || r <= p1);
            obs[k] = inData ? target[r] : Double.NaN;
            if (r >= 0 && r < n && (tailInData || r <= p1)) time[k] = dataTime[r];
            else if (r > p1) time[k] = dataTime[p1] + (r - p1) * dt;
            else time[k] = dataTime[p0] - (p0 - r) * dt;
            int src = k - (Tp >= 0 ? Tp : 0); // index into pred of the prediction shown here
            boolean has = src >= 0 && src < np;
            pr[k] = has ? predictions[src] : Double.NaN;
            var[k] = has ? variance[src] : Double.NaN;
            if (coef != null) for (int j = 0; j < coef.length; j++) coef[j][k] = has ? coefficients[j][src] : Double.NaN;
        }
        return new Forecast(time, obs, pr, var, coef, coefNames);
    }
}
