package dev.engram.edm;

/**
 * An exact k-d tree for {@link NeighbourIndex}: median splits on the widest coordinate, points stored in
 * leaf order (contiguous memory), leaves of up to {@value #LEAF} points. A query costs O(log n + k) distance
 * evaluations on low-dimensional attractors instead of the O(n) of a scan. Subtrees are pruned only when the
 * splitting plane is strictly farther than the current k-th candidate, so tied candidates are still seen and
 * the result equals {@link BruteForceNeighbours} exactly.
 */
public final class KdTree implements NeighbourIndex {
    static final int LEAF = 12;

    private final int E;
    private final double[] pts;  // [n x E] in leaf order
    private final int[] rows;    // [n] data row per point, leaf order
    // Nodes in arrays: point range [lo, hi), split dimension and value, children (-1 for leaves).
    private final int[] lo, hi, dim, left, right;
    private final double[] split;
    private int nodes;

    public KdTree(double[] points, int[] dataRows, int E) {
        this.E = E;
        int n = dataRows.length;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        int cap = Math.max(1, 4 * (n / LEAF + 1));
        lo = new int[cap]; hi = new int[cap]; dim = new int[cap]; left = new int[cap]; right = new int[cap];
        split = new double[cap];
        build(points, perm, 0, n);
        pts = new double[n * E];
        rows = new int[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(points, perm[i] * E, pts, i * E, E);
            rows[i] = dataRows[perm[i]];
        }
    }

    @Override public int size() { return rows.length; }

    private int build(double[] p, int[] perm, int from, int to) {
        int node = nodes++;
        lo[node] = from;
        hi[node] = to;
        left[node] = right[node] = -1;
        if (to - from <= LEAF) return node;
        int best = 0;
        double widest = -1;
        for (int d = 0; d < E; d++) {
            double mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                double v = p[perm[i] * E + d];
                if (v < mn) mn = v;
                if (v > mx) mx = v;
            }
            if (mx - mn > widest) { widest = mx - mn; best = d; }
        }
        if (widest <= 0) return node; // all points equal: keep them in one leaf
        int mid = (from + to) >>> 1;
        select(p, perm, from, to - 1, mid, best);
        dim[node] = best;
        split[node] = p[perm[mid] * E + best];
        // Left holds coordinates <= split, right >= split (median partition).
        int l = build(p, perm, from, mid);
        int r = build(p, perm, mid, to);
        left[node] = l;
        right[node] = r;
        return node;
    }

    /** Quickselect: puts the k-th smallest (by coordinate d) at perm[k], smaller before, larger after. */
    private void select(double[] p, int[] perm, int l, int r, int k, int d) {
        while (r > l) {
            double pivot = p[perm[(l + r) >>> 1] * E + d];
            int i = l, j = r;
            while (i <= j) {
                while (p[perm[i] * E + d] < pivot) i++;
                while (p[perm[j] * E + d] > pivot) j--;
                if (i <= j) { int t = perm[i]; perm[i] = perm[j]; perm[j] = t; i++; j--; }
            }
            if (k <= j) r = j;
            else if (k >= i) l = i;
            else return;
        }
    }

    static double squaredDistance(double[] q, double[] p, int off, int E) {
        double s = 0;
        for (int j = 0; j < E; j++) {
            double d = q[j] - p[off + j];
            s += d * d;
        }
        return s;
    }

    @Override
    public int query(double[] q, int predRow, int exclusionRadius, int k, int[] outRows, double[] outDist) {
        if (k <= 0 || rows.length == 0) return 0;
        NeighbourHeap heap = new NeighbourHeap(k, predRow);
        search(0, q, 0, new double[E], predRow, exclusionRadius, heap);
        return heap.drainSorted(outRows, outDist);
    }

    /**
     * Depth-first search with incremental cell distances (Arya and Mount): off[d] is the query's offset from the
     * current cell along d and rd the squared distance to the cell, a lower bound for every point inside it.
     */
    private void search(int node, double[] q, double rd, double[] off, int predRow, int excl, NeighbourHeap heap) {
        if (left[node] < 0) {
            for (int i = lo[node], end = hi[node]; i < end; i++) {
                int r = rows[i];
                if (Math.abs(r - predRow) <= excl) continue;
                double d2 = squaredDistance(q, pts, i * E, E);
                if (d2 <= heap.bound()) heap.offer(d2, r);
            }
            return;
        }
        int d = dim[node];
        double diff = q[d] - split[node];
        int near = diff <= 0 ? left[node] : right[node];
        int far = diff <= 0 ? right[node] : left[node];
        search(near, q, rd, off, predRow, excl, heap);
        double old = off[d];
        double farRd = rd - old * old + diff * diff;
        // The slack keeps rounding in the incremental update from pruning a cell holding an exact tie.
        if (farRd * (1 - 1e-12) <= heap.bound()) {
            off[d] = diff;
            search(far, q, farRd, off, predRow, excl, heap);
            off[d] = old;
        }
    }
}
