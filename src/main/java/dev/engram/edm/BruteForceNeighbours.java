package dev.engram.edm;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The plain reference for {@link NeighbourIndex}: every distance, a full sort, the first k.
 * O(n log n) per query; used to check {@link KdTree} and for tiny libraries.
 */
public final class BruteForceNeighbours implements NeighbourIndex {
    private final double[] points; // [n x E] row-major
    private final int[] rows;      // [n] data row of each point
    private final int E;

    public BruteForceNeighbours(double[] points, int[] rows, int E) {
        this.points = points;
        this.rows = rows;
        this.E = E;
    }

    @Override public int size() { return rows.length; }

    @Override
    public int query(double[] q, int predRow, int exclusionRadius, int k, int[] outRows, double[] outDist) {
        int n = rows.length;
        double[] d2 = new double[n];
        Integer[] order = new Integer[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(rows[i] - predRow) <= exclusionRadius) continue;
            d2[i] = KdTree.squaredDistance(q, points, i * E, E);
            order[m++] = i;
        }
        Integer[] eligible = Arrays.copyOf(order, m);
        Arrays.sort(eligible, Comparator.<Integer>comparingDouble(i -> d2[i])
                .thenComparingInt(i -> Math.abs(predRow - rows[i]))
                .thenComparingInt(i -> rows[i]));
        int found = Math.min(k, m);
        for (int j = 0; j < found; j++) {
            outRows[j] = rows[eligible[j]];
            outDist[j] = Math.sqrt(d2[eligible[j]]);
        }
        return found;
    }
}
