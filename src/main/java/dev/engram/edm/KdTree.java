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

    private static final int SAMPLE = 512; // points looked at to choose a node's split coordinate
    private static final int PARALLEL_BUILD = 16_384; // subtrees at least this large are built in parallel

    private final int E;
    private final double[] pts;  // [n x E] in leaf order
    private final int[] rows;    // [n] data row per point, leaf order
    // An implicit balanced tree: node i has children 2i+1 and 2i+2, and the point range of every node follows from
    // the root's by halving, so only the split dimension and value are stored (dim -1: a leaf of equal points).
    // Searches load two values per node and subtrees can be built concurrently without coordination.
    private final int[] dim;
    private final double[] split;

    public KdTree(double[] points, int[] dataRows, int E) {
        this.E = E;
        int n = dataRows.length;
        // The points are permuted physically while building, so every partition step reads memory in order.
        pts = java.util.Arrays.copyOf(points, n * E);
        rows = dataRows.clone();
        int depth = 0;
        for (int size = n; size > LEAF; size -= size >>> 1) depth++; // the larger half is the deepest
        dim = new int[(2 << depth) - 1];
        split = new double[dim.length];
        build(0, 0, n);
    }

    @Override public int size() { return rows.length; }

    /** A node at or below {@value #LEAF} points is a leaf; larger ones split at the median [from, mid) [mid, to). */
    private void build(int node, int from, int to) {
        if (to - from <= LEAF) return;
        // The widest coordinate, judged from at most SAMPLE points spread over the node: their extents are nearly the
        // node's at a fraction of the scan. A sample of equal points is checked against all of them.
        int best = widest(from, to, Math.ceilDiv(to - from, SAMPLE));
        if (best < 0) best = widest(from, to, 1);
        if (best < 0) { // all points equal: one leaf
            dim[node] = -1;
            return;
        }
        int mid = (from + to) >>> 1;
        select(from, to - 1, mid, best);
        dim[node] = best;
        split[node] = pts[mid * E + best];
        // Left holds coordinates <= split, right >= split (median partition).
        if (to - from >= PARALLEL_BUILD) {
            java.util.concurrent.ForkJoinTask<?> fork = java.util.concurrent.ForkJoinTask.adapt(() -> build(2 * node + 1, from, mid)).fork();
            build(2 * node + 2, mid, to);
            fork.join();
        } else {
            build(2 * node + 1, from, mid);
            build(2 * node + 2, mid, to);
        }
    }

    /** The coordinate with the largest extent over every step-th point of [from, to); -1 if all are equal. */
    private int widest(int from, int to, int step) {
        int best = -1;
        double widest = 0;
        for (int d = 0; d < E; d++) {
            double mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
            for (int i = from * E + d, end = to * E; i < end; i += step * E) {
                double v = pts[i];
                if (v < mn) mn = v;
                if (v > mx) mx = v;
            }
            if (mx - mn > widest) { widest = mx - mn; best = d; }
        }
        return best;
    }

    /** Quickselect: puts the k-th smallest point (by coordinate d) at position k, smaller before, larger after. */
    private void select(int l, int r, int k, int d) {
        double[] sample = null;
        while (r > l) {
            double pivot;
            int n = r - l + 1;
            if (n > 256) {
                // The value at k's rank in a sorted sample of 31 strided points: one pass then leaves k in a small part
                // of the range (the bench's build: 17 instead of 22.5 element visits per point over all levels).
                if (sample == null) sample = new double[31];
                for (int s = 0; s < sample.length; s++) sample[s] = pts[(l + (int) ((long) s * (n - 1) / (sample.length - 1))) * E + d];
                java.util.Arrays.sort(sample);
                pivot = sample[(int) ((long) (k - l) * (sample.length - 1) / (n - 1))];
            } else { // median of three
                double a = pts[l * E + d], b = pts[((l + r) >>> 1) * E + d], c = pts[r * E + d];
                pivot = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
            }
            int i = l, j = r;
            while (i <= j) {
                while (pts[i * E + d] < pivot) i++;
                while (pts[j * E + d] > pivot) j--;
                if (i <= j) { swap(i, j); i++; j--; }
            }
            if (k <= j) r = j;
            else if (k >= i) l = i;
            else return;
        }
    }

    private void swap(int i, int j) {
        for (int a = i * E, b = j * E, e = a + E; a < e; a++, b++) {
            double t = pts[a]; pts[a] = pts[b]; pts[b] = t;
        }
        int t = rows[i]; rows[i] = rows[j]; rows[j] = t;
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
        return searcher(k).query(q, predRow, exclusionRadius, outRows, outDist);
    }

    /** A reusable query state for one thread: no allocation per query. */
    public Searcher searcher(int k) { return new Searcher(k); }

    /**
     * One thread's search: depth-first with incremental cell distances (Arya and Mount): off[d] is the query's
     * offset from the current cell along d and rd the squared distance to the cell, a lower bound for every
     * point inside it. The k best so far are kept in an insertion-sorted list (k is small: E + 1 for Simplex).
     * (Checking tight leaf boxes before scanning was measured 10% slower: pruning is not where the time goes;
     * a query visits about 20 nodes and 3.5 leaves on the bench's Lorenz attractor.)
     */
    public final class Searcher {
        private final int k;
        private final double[] q = new double[E], off = new double[E], bestD2;
        private final int[] bestRow;
        private int size, predRow, excl;
        private double bound;

        private Searcher(int k) {
            this.k = Math.max(k, 0);
            bestD2 = new double[this.k];
            bestRow = new int[this.k];
        }

        /** As {@link NeighbourIndex#query}. */
        public int query(double[] query, int predRow, int exclusionRadius, int[] outRows, double[] outDist) {
            if (k == 0 || rows.length == 0) return 0;
            System.arraycopy(query, 0, q, 0, E);
            java.util.Arrays.fill(off, 0);
            this.predRow = predRow;
            excl = exclusionRadius;
            size = 0;
            bound = Double.POSITIVE_INFINITY;
            search(0, 0, rows.length, 0);
            for (int i = 0; i < size; i++) {
                outRows[i] = bestRow[i];
                outDist[i] = Math.sqrt(bestD2[i]);
            }
            return size;
        }

        private void search(int node, int from, int to, double rd) {
            int d;
            if (to - from <= LEAF || (d = dim[node]) < 0) {
                if (E == 3) { // the common case, unrolled (same additions in the same order as squaredDistance)
                    double q0 = q[0], q1 = q[1], q2 = q[2];
                    for (int i = from, o = from * 3; i < to; i++, o += 3) {
                        double a = q0 - pts[o], b = q1 - pts[o + 1], c = q2 - pts[o + 2];
                        double d2 = a * a + b * b + c * c;
                        if (d2 <= bound && Math.abs(rows[i] - predRow) > excl) offer(d2, rows[i]);
                    }
                } else {
                    for (int i = from; i < to; i++) {
                        double d2 = squaredDistance(q, pts, i * E, E);
                        if (d2 <= bound && Math.abs(rows[i] - predRow) > excl) offer(d2, rows[i]);
                    }
                }
                return;
            }
            int mid = (from + to) >>> 1;
            double diff = q[d] - split[node];
            double old = off[d];
            double farRd = rd - old * old + diff * diff;
            if (diff <= 0) {
                search(2 * node + 1, from, mid, rd);
                if (farRd * (1 - 1e-12) <= bound) { // the slack keeps rounding from pruning a cell holding an exact tie
                    off[d] = diff;
                    search(2 * node + 2, mid, to, farRd);
                    off[d] = old;
                }
            } else {
                search(2 * node + 2, mid, to, rd);
                if (farRd * (1 - 1e-12) <= bound) {
                    off[d] = diff;
                    search(2 * node + 1, from, mid, farRd);
                    off[d] = old;
                }
            }
        }

        private void offer(double d2, int r) {
            int i = size;
            if (size == k) {
                if (!NeighbourIndex.before(d2, r, bestD2[k - 1], bestRow[k - 1], predRow)) return;
                i = k - 1;
            } else {
                size++;
            }
            while (i > 0 && NeighbourIndex.before(d2, r, bestD2[i - 1], bestRow[i - 1], predRow)) {
                bestD2[i] = bestD2[i - 1];
                bestRow[i] = bestRow[i - 1];
                i--;
            }
            bestD2[i] = d2;
            bestRow[i] = r;
            if (size == k) bound = bestD2[k - 1];
        }
    }
}
