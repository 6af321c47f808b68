package dev.engram.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte-level BPE: ids 0..255 are bytes, id 256+i is merge i (the concatenation of its two parts). Text is first
 * cut into words with GPT-2's pattern (a word keeps its leading space), then each word's bytes are merged
 * lowest-rank pair first, as GPT-2 does. Learn merges with {@link BpeTrainer}.
 */
public final class BpeTokenizer implements Tokenizer {
    /** GPT-2's pre-tokenization pattern. */
    static final Pattern WORDS = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");
    private static final int CACHE_LIMIT = 200_000;

    private final int[][] merges;                 // [i] = {left, right}; produces id 256 + i
    private final Map<Long, Integer> rank = new HashMap<>();
    private final byte[][] bytesOf;               // id -> its bytes
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    public BpeTokenizer(int[][] merges) {
        this.merges = merges;
        bytesOf = new byte[256 + merges.length][];
        for (int i = 0; i < 256; i++) bytesOf[i] = new byte[] {(byte) i};
        for (int i = 0; i < merges.length; i++) {
            int a = merges[i][0], b = merges[i][1];
            if (a < 0 || b < 0 || a >= 256 + i || b >= 256 + i)
                throw new IllegalArgumentException("merge " + i + " refers to an id not yet defined: " + a + ", " + b);
            byte[] x = bytesOf[a], y = bytesOf[b];
            byte[] z = Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, z, x.length, y.length);
            bytesOf[256 + i] = z;
            rank.putIfAbsent(key(a, b), i);
        }
    }

    static long key(int a, int b) { return ((long) a << 32) | (b & 0xFFFFFFFFL); }

    public int[][] merges() { return merges; }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORDS.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    @Override public int[] encode(String text) {
        var out = new IntBuffer(text.length());
        Matcher m = WORDS.matcher(text);
        while (m.find()) {
            String w = m.group();
            int[] ids = cache.get(w);
            if (ids == null) {
                ids = encodeWord(w.getBytes(StandardCharsets.UTF_8));
                if (cache.size() < CACHE_LIMIT) cache.put(w, ids);
            }
            out.addAll(ids);
        }
        return out.toArray();
    }

    private int[] encodeWord(byte[] bytes) {
        int[] s = new int[bytes.length];
        for (int i = 0; i < s.length; i++) s[i] = bytes[i] & 0xFF;
        int n = s.length;
        while (n > 1) {
            int best = Integer.MAX_VALUE, at = -1;
            for (int i = 0; i + 1 < n; i++) {
                Integer r = rank.get(key(s[i], s[i + 1]));
                if (r != null && r < best) { best = r; at = i; }
            }
            if (at < 0) break;
            int a = merges[best][0], b = merges[best][1], j = 0;
            for (int i = 0; i < n; i++) {
                if (i + 1 < n && s[i] == a && s[i + 1] == b) { s[j++] = 256 + best; i++; }
                else s[j++] = s[i];
            }
            n = j;
        }
        return Arrays.copyOf(s, n);
    }

    @Override public String decode(int[] ids) {
        var out = new ByteArrayOutputStream();
        for (int id : ids) {
            if (id < 0 || id >= bytesOf.length) throw new IllegalArgumentException("token id " + id + " outside the vocabulary of " + bytesOf.length);
            out.writeBytes(bytesOf[id]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override public int vocabSize() { return 256 + merges.length; }

    @Override public String name() { return "bpe:" + vocabSize(); }

    /** A growable int array. */
    static final class IntBuffer {
        private int[] a;
        private int n;

        IntBuffer(int capacity) { a = new int[Math.max(16, capacity)]; }

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, a.length * 2);
            a[n++] = v;
        }

        void addAll(int[] v) {
            if (n + v.length > a.length) a = Arrays.copyOf(a, Math.max(a.length * 2, n + v.length));
            System.arraycopy(v, 0, a, n, v.length);
            n += v.length;
        }

        int[] toArray() { return Arrays.copyOf(a, n); }
    }
}
