package dev.engram.edm;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Forecast skill as pyEDM's ComputeError: Pearson rho over pairs where both values are finite. */
public final class Skill {
    private Skill() {}

    /** Pearson correlation of the finite pairs; NaN with fewer than 5 pairs (pyEDM's minimum). */
    public static double rho(double[] obs, double[] pred) {
        int n = 0;
        double so = 0, sp = 0;
        for (int i = 0; i < obs.length; i++)
            if (Double.isFinite(obs[i]) && Double.isFinite(pred[i])) { n++; so += obs[i]; sp += pred[i]; }
        if (n < 5) return Double.NaN;
        double mo = so / n, mp = sp / n, soo = 0, spp = 0, sop = 0;
        for (int i = 0; i < obs.length; i++)
            if (Double.isFinite(obs[i]) && Double.isFinite(pred[i])) {
                double a = obs[i] - mo, b = pred[i] - mp;
                soo += a * a; spp += b * b; sop += a * b;
            }
        if (soo == 0 || spp == 0) return Double.NaN;
        double r = sop / Math.sqrt(soo * spp);
        return Math.max(-1, Math.min(1, r));
    }

    /** Rounds as Python's round(x, digits): the exact binary value, half to even. */
    public static double round(double x, int digits) {
        if (!Double.isFinite(x)) return x;
        return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    }
}
