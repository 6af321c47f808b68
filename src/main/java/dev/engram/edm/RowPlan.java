package dev.engram.edm;

import dev.engram.core.UserError;

/**
 * Which data rows (0-based) serve as library vectors and which are predicted, by pyEDM 2.x's rules:
 * each library segment loses its first (E-1)|tau| rows (tau &lt; 0; its last ones for tau &gt; 0) and the last
 * segment stops Tp rows early, so every neighbour's target lies inside the data; the prediction range loses only
 * the rows at the data's edge whose embedding is incomplete.
 *
 * @param lib   library rows, ascending
 * @param pred  predicted rows, ascending and contiguous
 */
public record RowPlan(int[] lib, int[] pred) {

    public static RowPlan of(PredictionConfig c, int dataRows, String source) {
        for (RowRange r : c.lib()) r.checkWithin("lib", dataRows, source);
        c.pred().checkWithin("pred", dataRows, source);
        for (RowRange r : c.lib())
            if (r.size() < 2) throw new UserError("lib " + r + ": each range needs at least two rows (start < end).");
        if (c.pred().size() < 2) throw new UserError("pred " + c.pred() + ": the range needs at least two rows (start < end).");
        int shift = c.embedShift();
        // Plain int arrays, no boxing or streams: this runs once per forecast and a library may hold 10^5 rows.
        int cap = 0;
        for (RowRange r : c.lib()) cap += r.size();
        int[] rows = new int[cap];
        int count = 0;
        for (int seg = 0; seg < c.lib().size(); seg++) {
            int start = c.lib().get(seg).start(), stop = c.lib().get(seg).end();
            // Each segment loses its own first (E-1)|tau| rows; only the last stops Tp rows early (as pyEDM).
            if (c.tau() < 0) start += shift; else stop -= shift;
            if (c.Tp() < 0) start = Math.max(start, start + Math.abs(c.Tp()) - 1);
            else if (seg == c.lib().size() - 1) stop -= c.Tp();
            // Beyond pyEDM: also drop rows whose target would fall outside the data (pyEDM would wrap around).
            for (int r = start - 1; r <= stop - 1; r++) if (r >= 0 && r + c.Tp() >= 0 && r + c.Tp() < dataRows) rows[count++] = r;
        }
        int[] lib = java.util.Arrays.copyOf(rows, count);
        int need = Math.max(c.knn(), c.E() + 1);
        if (lib.length < need + 1)
            throw new UserError("lib " + c.lib() + " leaves " + Math.max(lib.length, 0) + " usable library vectors for E="
                    + c.E() + ", tau=" + c.tau() + ", Tp=" + c.Tp() + " (the first (E-1)*|tau| rows and the last Tp rows"
                    + " of lib cannot be used); E is too large for this library: widen --lib or lower --E.");
        int[] pred = new int[c.pred().size()];
        count = 0;
        for (int r = c.pred().start() - 1; r <= c.pred().end() - 1; r++)
            if (c.embedded() || DelayEmbedding.isComplete(r, dataRows, c.E(), c.tau())) pred[count++] = r;
        pred = java.util.Arrays.copyOf(pred, count);
        if (pred.length == 0)
            throw new UserError("pred " + c.pred() + " has no row with a complete embedding for E=" + c.E() + ", tau="
                    + c.tau() + "; move --pred later or lower --E.");
        return new RowPlan(lib, pred);
    }
}
