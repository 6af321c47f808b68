package dev.engram.edm;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The k-d tree must return exactly what the brute-force reference returns, ties and exclusions included. */
class NeighbourSearchTest {

    @Test
    void kdTreeEqualsBruteForceOnRandomInputs() {
        SplittableRandom rng = new SplittableRandom(42);
        for (int trial = 0; trial < 60; trial++) {
            int E = 1 + rng.nextInt(5), n = 1 + rng.nextInt(600);
            boolean gridded = trial % 2 == 0; // small integer grid: many exact distance ties
            double[] pts = new double[n * E];
            for (int i = 0; i < pts.length; i++) pts[i] = gridded ? rng.nextInt(4) : rng.nextGaussian();
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) rows[i] = 3 * i + rng.nextInt(3); // sparse, ascending data rows
            KdTree tree = new KdTree(pts, rows, E);
            BruteForceNeighbours brute = new BruteForceNeighbours(pts, rows, E);
            for (int q = 0; q < 40; q++) {
                double[] query = new double[E];
                for (int j = 0; j < E; j++) query[j] = gridded ? rng.nextInt(4) : rng.nextGaussian();
                int predRow = rng.nextInt(3 * n + 3), excl = rng.nextInt(4) - 1, k = 1 + rng.nextInt(12);
                int[] r1 = new int[k], r2 = new int[k];
                double[] d1 = new double[k], d2 = new double[k];
                int f1 = tree.query(query, predRow, excl, k, r1, d1);
                int f2 = brute.query(query, predRow, excl, k, r2, d2);
                assertEquals(f2, f1, "count, trial " + trial);
                assertArrayEquals(r2, r1, "rows, trial " + trial + " query " + q);
                assertArrayEquals(d2, d1, 0.0, "distances, trial " + trial);
            }
        }
    }

    @Test
    void largeTreeBuiltInParallelWithAReusedSearcherEqualsBruteForce() {
        SplittableRandom rng = new SplittableRandom(7);
        int E = 3, n = 17_000; // above the parallel-build threshold (16,384)
        double[] pts = new double[n * E];
        for (int i = 0; i < pts.length; i++) pts[i] = i % 5 == 0 ? rng.nextInt(8) : rng.nextGaussian(); // some ties
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        KdTree tree = new KdTree(pts, rows, E);
        BruteForceNeighbours brute = new BruteForceNeighbours(pts, rows, E);
        KdTree.Searcher searcher = tree.searcher(4);
        for (int q = 0; q < 30; q++) { // the brute-force reference sorts all 17,000 candidates per query
            double[] query = new double[E];
            int predRow = rng.nextInt(n);
            System.arraycopy(pts, predRow * E, query, 0, E); // a library vector itself, as in leave-one-out
            int[] r1 = new int[4], r2 = new int[4];
            double[] d1 = new double[4], d2 = new double[4];
            assertEquals(brute.query(query, predRow, 0, 4, r2, d2), searcher.query(query, predRow, 0, r1, d1));
            assertArrayEquals(r2, r1, "query " + q);
            assertArrayEquals(d2, d1, 0.0);
        }
    }

    @Test
    void tiesGoToTheRowClosestInTimeThenTheEarliest() {
        // 1-D points: rows 10, 20, 30, 40 at values 1, 3, 3, 1; query value 2 from row 25: all four at distance 1.
        double[] pts = {1, 3, 3, 1};
        int[] rows = {10, 20, 30, 40};
        int[] r = new int[3];
        double[] d = new double[3];
        new KdTree(pts, rows, 1).query(new double[]{2}, 25, -1, 3, r, d);
        assertArrayEquals(new int[]{20, 30, 10}, r); // |25-20| = |25-30| = 5 -> earlier row first; then 15 vs 15 -> 10
        assertArrayEquals(new double[]{1, 1, 1}, d, 0);
    }

    @Test
    void exclusionRadiusZeroRemovesOnlyThePredictedRow() {
        double[] pts = {0, 0.1, 0.2, 5};
        int[] rows = {0, 1, 2, 3};
        int[] r = new int[2];
        double[] d = new double[2];
        new KdTree(pts, rows, 1).query(new double[]{0.1}, 1, 0, 2, r, d);
        assertArrayEquals(new int[]{0, 2}, r);
        new KdTree(pts, rows, 1).query(new double[]{0.1}, 1, 1, 2, r, d);
        assertEquals(3, r[0]); // rows 0..2 are within radius 1 of row 1
    }
}
