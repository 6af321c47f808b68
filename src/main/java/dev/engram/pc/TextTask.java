package dev.engram.pc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.engram.core.UserError;
import dev.engram.data.Corpus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word-level next-word prediction on a real corpus, prepared the way the Penn Treebank language-model files are:
 * lower-cased words, numbers as "N", sentence ends as "<eos>", other punctuation dropped, and words outside the
 * vocabulary (the most frequent training words) as "<unk>". The corpus is split by document (10% held out,
 * independent of the seed); each split is one token stream cut into windows of {@code length} inputs whose
 * targets are the next tokens, so every token after the first is predicted exactly once. Each window starts
 * from h_0 = 0 (no state carried between windows). Score: perplexity exp(mean negative log-likelihood) of the
 * held-out windows' tokens, lower is better.
 */
public final class TextTask implements PcTask {
    public static final String UNK = "<unk>", EOS = "<eos>";
    static final double HELD_OUT = 0.1;
    private static final Pattern TOKEN = Pattern.compile("\\p{L}+(?:['’-]\\p{L}+)*|\\p{N}+(?:[.,]\\p{N}+)*|[.!?]");

    private final List<String> vocabulary;
    private final int[][] train, test; // windows of length + 1 token ids
    private final int embedding, trainSize;
    private final Map<String, Object> facts;

    private TextTask(List<String> vocabulary, int[][] train, int[][] test, int embedding, int trainSize, Map<String, Object> facts) {
        this.vocabulary = vocabulary;
        this.train = train;
        this.test = test;
        this.embedding = embedding;
        this.trainSize = trainSize;
        this.facts = facts;
    }

    /**
     * @param vocab      vocabulary size including "<unk>" and "<eos>"
     * @param trainSize  training windows (0 = all); testSize: held-out windows scored (0 = all)
     */
    public static TextTask of(Corpus corpus, int vocab, int embedding, int length, int trainSize, int testSize) {
        if (vocab < 3) throw new UserError("text task: vocab = " + vocab + " is too small; use at least 3 (<unk>, <eos> and one word)");
        Corpus.Split split = corpus.split(HELD_OUT);
        List<String> trainTokens = tokens(split.train()), testTokens = tokens(split.validation());
        List<String> words = vocabulary(trainTokens, vocab);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < words.size(); i++) ids.put(words.get(i), i);
        int[] trainIds = encode(trainTokens, ids), testIds = encode(testTokens, ids);
        int[][] trainWindows = windows(trainIds, length), testWindows = windows(testIds, length);
        if (trainWindows.length < 1 || testWindows.length < 1) {
            throw new UserError("text task: corpus " + corpus.name() + " is too short for windows of " + length + " tokens (training split "
                    + trainIds.length + " tokens, held-out split " + testIds.length + "); give a larger --corpus or a shorter sequence length");
        }
        if (trainSize > trainWindows.length) {
            throw new UserError("--train-size " + trainSize + ": the training split of " + corpus.name() + " has only " + trainWindows.length
                    + " windows of " + length + " tokens (use 0 for all)");
        }
        if (testSize > 0) testWindows = Arrays.copyOf(testWindows, Math.min(testSize, testWindows.length));
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("corpus", corpus.name());
        facts.put("vocabulary", words.size());
        facts.put("train_tokens", trainIds.length);
        facts.put("held_out_tokens", testIds.length);
        facts.put("held_out_unk_rate", unkRate(testIds));
        facts.put("train_windows", trainWindows.length);
        facts.put("scored_windows", testWindows.length);
        facts.put("sequence_length", length);
        return new TextTask(words, trainWindows, testWindows, embedding, trainSize == 0 ? trainWindows.length : trainSize, facts);
    }

    /** Lower-cased words, "N" for numbers, "<eos>" after each sentence and document (never two in a row). */
    static List<String> tokens(List<String> documents) {
        List<String> out = new ArrayList<>();
        for (String doc : documents) {
            Matcher m = TOKEN.matcher(doc.toLowerCase(Locale.ROOT));
            while (m.find()) {
                String t = m.group();
                char c = t.charAt(0);
                if (c == '.' || c == '!' || c == '?') endSentence(out);
                else out.add(Character.isDigit(c) ? "N" : t.replace('’', '\''));
            }
            endSentence(out);
        }
        return out;
    }

    private static void endSentence(List<String> out) {
        if (!out.isEmpty() && !out.get(out.size() - 1).equals(EOS)) out.add(EOS);
    }

    /** "<unk>", "<eos>", then the most frequent other training tokens (ties alphabetical), {@code size} in all. */
    static List<String> vocabulary(List<String> tokens, int size) {
        Map<String, Integer> counts = new HashMap<>();
        for (String t : tokens) if (!t.equals(EOS)) counts.merge(t, 1, Integer::sum);
        List<String> words = new ArrayList<>(counts.keySet());
        words.sort(Comparator.comparing((String w) -> -counts.get(w)).thenComparing(Comparator.naturalOrder()));
        List<String> vocab = new ArrayList<>(List.of(UNK, EOS));
        vocab.addAll(words.subList(0, Math.min(words.size(), size - 2)));
        return vocab;
    }

    private static int[] encode(List<String> tokens, Map<String, Integer> ids) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) out[i] = ids.getOrDefault(tokens.get(i), 0);
        return out;
    }

    /** Consecutive windows of length + 1 tokens overlapping by one: inputs 0..L-1, targets 1..L. */
    static int[][] windows(int[] ids, int length) {
        int n = ids.length < 2 ? 0 : (ids.length - 1) / length;
        int[][] w = new int[n][];
        for (int i = 0; i < n; i++) w[i] = Arrays.copyOfRange(ids, i * length, i * length + length + 1);
        return w;
    }

    private static double unkRate(int[] ids) {
        long unk = Arrays.stream(ids).filter(i -> i == 0).count();
        return ids.length == 0 ? 0 : (double) unk / ids.length;
    }

    public List<String> vocabularyWords() { return vocabulary; }

    @Override public int inputs() { return embedding; }
    @Override public int vocabulary() { return vocabulary.size(); }
    @Override public int outputs() { return vocabulary.size(); }
    @Override public int trainSize() { return trainSize; }
    @Override public String scoreName() { return "perplexity"; }
    @Override public Map<String, Object> facts() { return facts; }

    @Override public PcTask withTrainSize(int n) {
        if (n > train.length) throw new UserError("text task: " + n + " training windows requested, the corpus has " + train.length);
        return new TextTask(vocabulary, train, test, embedding, n, facts);
    }

    @Override public SeqBatch trainBatch(NDManager manager, int[] idx) { return batch(manager, train, idx); }

    /** Token ids x (T, B) as int64, one-hot next tokens y (T, B, V), every step scored. */
    private SeqBatch batch(NDManager manager, int[][] windows, int[] idx) {
        int b = idx.length, steps = windows[idx[0]].length - 1, v = vocabulary.size();
        long[] x = new long[steps * b];
        float[] y = new float[steps * b * v], mask = new float[steps * b];
        Arrays.fill(mask, 1);
        for (int i = 0; i < b; i++) {
            int[] w = windows[idx[i]];
            for (int t = 0; t < steps; t++) {
                x[t * b + i] = w[t];
                y[(t * b + i) * v + w[t + 1]] = 1;
            }
        }
        return new SeqBatch(manager.create(x, new Shape(steps, b)), manager.create(y, new Shape(steps, b, v)), manager.create(mask, new Shape(steps, b, 1)));
    }

    /** Perplexity of the held-out windows under the predictor's next-token probabilities. */
    @Override public double score(NDManager manager, Function<NDArray, NDArray> predictor, long seed) {
        double nll = 0;
        long count = 0;
        int chunk = 16; // windows per call: an ensemble keeps every member's (steps, chunk, V) tensors until the chunk is done
        for (int start = 0; start < test.length; start += chunk) {
            try (NDManager m = manager.newSubManager()) {
                int n = Math.min(chunk, test.length - start), steps = test[start].length - 1;
                long[] x = new long[steps * n], target = new long[steps * n];
                for (int i = 0; i < n; i++) {
                    for (int t = 0; t < steps; t++) {
                        x[t * n + i] = test[start + i][t];
                        target[t * n + i] = test[start + i][t + 1];
                    }
                }
                NDArray p = predictor.apply(m.create(x, new Shape(steps, n)));
                NDArray picked = p.gather(m.create(target, new Shape(steps, n, 1)), -1);
                float[] probs = picked.toType(DataType.FLOAT32, false).toFloatArray();
                for (float q : probs) nll -= Math.log(Math.max(q, 1e-30));
                count += probs.length;
            }
        }
        return Math.exp(nll / count);
    }
}
