package dev.engram.edm;

import java.util.stream.IntStream;

/**
 * The K nearest neighbours of every predicted row in the full library, in {@link NeighbourIndex} order,
 * found once per CCM direction. For a library subset (a CCM sample), the subset's k nearest neighbours of a row
 * are the first k subset members of that row's full ranking; when the top K holds fewer than k members the
 * caller falls back to a k-d tree over the subset. This replaces a tree build plus a tree query per row and
 * sample by a short scan, exactly. Memory is 12 bytes x K per predicted row; the caller picks K from a budget
 * (10^5 rows with K = 26 take 31 MB per direction).
 */
final class RankedNeighbours {
    final int K;              // ranked neighbours kept per predicted row
    final int[] pred;         // [P] predicted rows
    final int[] ranked;       // [P x K] neighbour rows, nearest first
    final double[] dist;      // [P x K] their distances
    final int[] count;        // [P] how many are stored (< K means every eligible row is stored)

    private RankedNeighbours(int K, int[] pred, int[] ranked, double[] dist, int[] count) {
        this.K = K;
        this.pred = pred;
        this.ranked = ranked;
        this.dist = dist;
        this.count = count;
    }

    static RankedNeighbours build(StateSpace emb, int[] lib, int[] pred, int exclusionRadius, int K) {
        int E = emb.dimension();
        KdTree tree = new KdTree(emb.pack(lib), lib, E);
        int[] ranked = new int[pred.length * K], count = new int[pred.length];
        double[] dists = new double[pred.length * K];
        IntStream.range(0, pred.length).parallel().forEach(i -> {
            double[] q = new double[E];
            int[] rows = new int[K];
            double[] dist = new double[K];
            emb.vector(pred[i], q, 0);
            count[i] = tree.query(q, pred[i], exclusionRadius, K, rows, dist);
            System.arraycopy(rows, 0, ranked, i * K, count[i]);
            System.arraycopy(dist, 0, dists, i * K, count[i]);
        });
        return new RankedNeighbours(K, pred, ranked, dists, count);
    }

    /** Ranking depth for CCM: at least 4k, at most 64, within about 32 MB per direction. */
    static int depth(int rows, int libSize, int k) {
        int budget = (int) Math.min(64, (32L << 20) / (12L * Math.max(1, rows)));
        return Math.min(libSize, Math.max(4 * k, budget));
    }

    /**
     * Writes the k nearest members of a library subset for predicted row i into rows; returns how many were
     * found, or -1 when the stored ranking is too short to decide (the caller must search the subset itself).
     */
    int nearestMembers(int i, boolean[] member, int k, int[] rows, double[] distances) {
        int found = 0, base = i * K, c = count[i];
        for (int j = 0; j < c && found < k; j++) {
            int r = ranked[base + j];
            if (member[r]) {
                rows[found] = r;
                distances[found++] = dist[base + j];
            }
        }
        if (found < k && c == K) return -1;
        return found;
    }
}
