package dev.engram.data;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much of a generated text is made of real words: the share of its words (runs of 4+ letters, lower-cased)
 * that occur in a reference corpus. Language identification alone accepts letter salad with the right
 * n-gram statistics; this does not.
 */
public final class KnownWords {
    /** Words of four letters or more: short function words are too easy to hit by chance. */
    private static final Pattern WORD = Pattern.compile("\\p{L}{4,}");
    private final Set<String> vocabulary = new HashSet<>();

    public KnownWords(List<String> documents) {
        for (String d : documents) for (String w : words(d)) vocabulary.add(w);
    }

    /** Share of the text's words found in the vocabulary (NaN for a text without words). */
    public double share(String text) {
        List<String> ws = words(text);
        if (ws.isEmpty()) return Double.NaN;
        return ws.stream().filter(vocabulary::contains).count() / (double) ws.size();
    }

    static List<String> words(String text) {
        var out = new java.util.ArrayList<String>();
        Matcher m = WORD.matcher(text);
        while (m.find()) out.add(m.group().toLowerCase(Locale.ROOT));
        return out;
    }
}
