package dev.engram.brain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Group statistics: Benjamini-Hochberg by hand, the sign-flip test's behaviour, the bootstrap interval. */
class GroupStatsTest {
    @Test void benjaminiHochbergByHand() {
        // sorted p: .005 .01 .03 .04 -> p n / rank = .02 .02 .04 .04, then the running minimum from the top
        assertArrayEquals(new double[] {0.02, 0.04, 0.04, 0.02}, GroupStats.fdr(new double[] {0.01, 0.04, 0.03, 0.005}), 1e-12);
    }

    @Test void signFlipTestAndBootstrap() {
        int s = 12;
        double[][] scores = new double[s][3];
        for (int i = 0; i < s; i++) {
            scores[i][0] = 0.2 + 0.01 * i;            // every subject positive
            scores[i][1] = (i % 2 == 0 ? 1 : -1) * 0.1; // symmetric around 0
            scores[i][2] = 0.05 * (i - 3);             // mostly positive
        }
        GroupStats.Result r = GroupStats.compute(scores, 500, 999, 3);
        assertTrue(r.p()[0] <= 0.003, "all-positive voxel p=" + r.p()[0]);
        assertTrue(r.p()[1] > 0.3, "null voxel p=" + r.p()[1]);
        assertEquals(0.255, r.median()[0], 1e-12);
        assertTrue(r.ciLow()[0] <= r.median()[0] && r.median()[0] <= r.ciHigh()[0]);
        assertTrue(r.ciLow()[0] >= 0.2 && r.ciHigh()[0] <= 0.31);
        for (int j = 0; j < 3; j++) assertTrue(r.q()[j] >= r.p()[j]);
        GroupStats.Result again = GroupStats.compute(scores, 500, 999, 3);
        assertArrayEquals(r.p(), again.p(), "seeded: the same p-values again");
    }
}
