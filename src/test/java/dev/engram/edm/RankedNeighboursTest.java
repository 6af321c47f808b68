package dev.engram.edm;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The ranking shortcut used by CCM must give exactly the cross-map of a tree built on each library sample. */
class RankedNeighboursTest {

    @Test
    void subsetCrossMapEqualsAPerSampleSearch() {
        SplittableRandom rng = new SplittableRandom(8);
        double[][] s = Systems.coupledLogistic(700, 3.8, 3.5, 0.02, 0.1);
        for (int trial = 0; trial < 12; trial++) {
            int E = 1 + rng.nextInt(3), tau = -1 - rng.nextInt(2), excl = rng.nextInt(3), k = E + 1;
            DelayEmbedding emb = new DelayEmbedding(s[0], E, tau);
            int shift = (E - 1) * -tau;
            int[] lib = java.util.stream.IntStream.range(shift, 700).toArray();
            int[] pred = lib;
            int K = 4 * k + rng.nextInt(20); // short rankings force the fallback for small samples
            RankedNeighbours ranking = RankedNeighbours.build(emb, lib, pred, excl, K);
            for (int L : new int[]{k + 2, 30, 200, lib.length}) {
                int[] subset = Ccm.draw(lib, Math.min(L, lib.length), rng);
                Arrays.sort(subset);
                double[] fast = CrossMapper.fromRanked(ranking, emb, subset, 0, excl, k).predictions(s[1]);
                double[] slow = CrossMapper.build(emb, subset, pred, 0, excl, k, false).predictions(s[1]);
                assertArrayEquals(slow, fast, 0.0, "trial " + trial + " L " + L);
            }
        }
    }
}
