package dev.engram.data;

import dev.engram.core.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named collection of documents. {@code info} carries facts about where it came from (e.g. the language
 * split's purity) for reports.
 */
public record Corpus(String name, List<String> documents, Map<String, Object> info) {
    /** Documents whose hash falls in this share go to validation; the split never depends on the run seed. */
    public record Split(List<String> train, List<String> validation) {}

    public long characters() {
        long n = 0;
        for (String d : documents) n += d.length();
        return n;
    }

    /**
     * A deterministic train/validation split by document: document i goes to validation when a hash of its
     * index (and the corpus name) falls below {@code fraction}. At least one document goes to each side.
     */
    public Split split(double fraction) {
        List<String> train = new ArrayList<>(), val = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            double u = (Seeds.derive(0, "split:" + name, i) >>> 11) * 0x1.0p-53;
            (u < fraction ? val : train).add(documents.get(i));
        }
        if (val.isEmpty() && train.size() > 1) val.add(train.remove(train.size() - 1));
        if (train.isEmpty() && val.size() > 1) train.add(val.remove(0));
        return new Split(train, val);
    }

    public Corpus withInfo(String key, Object value) {
        var m = new LinkedHashMap<>(info);
        m.put(key, value);
        return new Corpus(name, documents, m);
    }
}
