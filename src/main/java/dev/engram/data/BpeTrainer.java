package dev.engram.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Learns byte-level BPE merges from a corpus: count words (GPT-2's pre-tokenization), then repeatedly merge
 * the most frequent adjacent pair (ties: the smaller pair of ids) until the vocabulary has the chosen size.
 * Pair counts are kept up to date incrementally: a merge only touches the words that contain the pair, and
 * the most frequent pair comes from a lazy max-heap (stale entries are skipped when popped).
 */
public final class BpeTrainer {
    private BpeTrainer() {}

    public static BpeTokenizer train(String corpus, int vocabSize) {
        if (vocabSize <= 256) throw new IllegalArgumentException("a BPE vocabulary needs more than the 256 byte tokens, got " + vocabSize);
        Map<String, Integer> counts = new HashMap<>();
        for (String w : BpeTokenizer.words(corpus)) counts.merge(w, 1, Integer::sum);
        int nw = counts.size();
        int[][] words = new int[nw][];
        int[] freq = new int[nw];
        int[] len = new int[nw];
        int k = 0;
        for (var e : counts.entrySet()) {
            byte[] b = e.getKey().getBytes(StandardCharsets.UTF_8);
            words[k] = new int[b.length];
            for (int i = 0; i < b.length; i++) words[k][i] = b[i] & 0xFF;
            len[k] = b.length;
            freq[k++] = e.getValue();
        }
        Map<Long, Long> pairCount = new HashMap<>();
        Map<Long, List<Integer>> pairWords = new HashMap<>();   // may hold stale entries; rechecked on use
        for (int w = 0; w < nw; w++) addPairs(words[w], len[w], freq[w], w, pairCount, pairWords, null);

        // Heap entries {count, pair}: highest count first, then the smaller pair of ids.
        PriorityQueue<long[]> heap = new PriorityQueue<>((x, y) -> x[0] != y[0] ? Long.compare(y[0], x[0]) : Long.compareUnsigned(x[1], y[1]));
        pairCount.forEach((pair, c) -> heap.add(new long[] {c, pair}));
        List<int[]> merges = new ArrayList<>();
        while (256 + merges.size() < vocabSize) {
            long best = -1, bestCount = 0;
            while (!heap.isEmpty()) {
                long[] top = heap.poll();
                Long current = pairCount.get(top[1]);
                if (current != null && current == top[0]) {
                    best = top[1];
                    bestCount = top[0];
                    break;
                }
            }
            if (bestCount < 2) break; // nothing repeats: more merges would only memorize single words
            int a = (int) (best >>> 32), b = (int) best, id = 256 + merges.size();
            merges.add(new int[] {a, b});
            for (int w : new ArrayList<>(pairWords.getOrDefault(best, List.of()))) {
                if (!contains(words[w], len[w], a, b)) continue;
                addPairs(words[w], len[w], -freq[w], -1, pairCount, null, heap);
                int j = 0, n = len[w];
                int[] s = words[w];
                for (int i = 0; i < n; i++) {
                    if (i + 1 < n && s[i] == a && s[i + 1] == b) { s[j++] = id; i++; }
                    else s[j++] = s[i];
                }
                len[w] = j;
                addPairs(s, j, freq[w], w, pairCount, pairWords, heap);
            }
            pairCount.remove(best);
            pairWords.remove(best);
        }
        return new BpeTokenizer(merges.toArray(int[][]::new));
    }

    private static boolean contains(int[] s, int n, int a, int b) {
        for (int i = 0; i + 1 < n; i++) if (s[i] == a && s[i + 1] == b) return true;
        return false;
    }

    private static void addPairs(int[] s, int n, long f, int w, Map<Long, Long> pairCount, Map<Long, List<Integer>> pairWords,
                                 PriorityQueue<long[]> heap) {
        for (int i = 0; i + 1 < n; i++) {
            long key = BpeTokenizer.key(s[i], s[i + 1]);
            long c = pairCount.merge(key, f, Long::sum);
            if (c == 0) pairCount.remove(key);
            else if (heap != null) heap.add(new long[] {c, key});
            if (pairWords != null) {
                List<Integer> list = pairWords.computeIfAbsent(key, x -> new ArrayList<>());
                if (list.isEmpty() || list.get(list.size() - 1) != w) list.add(w);
            }
        }
    }
}
