package dev.engram.edm;

import dev.engram.core.UserError;

import java.util.List;

/**
 * pyEDM's parameter sweeps: forecast skill (rho, rounded to 6 decimals as pyEDM does) against the embedding
 * dimension, the horizon, or the S-map localisation.
 */
public final class Sweeps {
    private Sweeps() {}

    /** pyEDM's PredictNonlinear default theta list. */
    public static final double[] DEFAULT_THETAS = {0.01, 0.1, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 6, 7, 8, 9};

    /** Simplex skill for E = 1..maxE; table E,rho. */
    public static Table embedDimension(EdmData data, List<String> columns, String target, PredictionConfig base, int maxE) {
        if (maxE < 1) throw new UserError("max-E = " + maxE + ": give 1 or more.");
        if (base.embedded()) throw new UserError("embed-dimension varies the delay embedding; it does not apply with --embedded.");
        double[] e = new double[maxE], rho = new double[maxE];
        for (int E = 1; E <= maxE; E++) {
            e[E - 1] = E;
            rho[E - 1] = Skill.round(Simplex.predict(data, columns, target, base.withE(E)).rho(), 6);
        }
        return Table.of(List.of("E", "rho"), e, rho);
    }

    /** Simplex skill for Tp = 1..maxTp; table Tp,rho. */
    public static Table predictInterval(EdmData data, List<String> columns, String target, PredictionConfig base, int maxTp) {
        if (maxTp < 1) throw new UserError("max-Tp = " + maxTp + ": give 1 or more.");
        double[] tp = new double[maxTp], rho = new double[maxTp];
        for (int t = 1; t <= maxTp; t++) {
            tp[t - 1] = t;
            rho[t - 1] = Skill.round(Simplex.predict(data, columns, target, base.withTp(t)).rho(), 6);
        }
        return Table.of(List.of("Tp", "rho"), tp, rho);
    }

    /** S-map skill for each theta; table Theta,rho. */
    public static Table predictNonlinear(EdmData data, List<String> columns, String target, PredictionConfig base, double[] thetas) {
        if (thetas.length == 0) throw new UserError("theta list is empty; give values such as 0.01,0.1,1,2.");
        double[] rho = new double[thetas.length];
        for (int i = 0; i < thetas.length; i++)
            rho[i] = Skill.round(SMap.predict(data, columns, target, base, thetas[i]).rho(), 6);
        return Table.of(List.of("Theta", "rho"), thetas.clone(), rho);
    }
}
