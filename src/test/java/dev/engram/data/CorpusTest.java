package dev.engram.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.core.UserError;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusTest {
    @Test void splitIsDeterministicAndDisjoint() {
        var docs = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "doc " + i).toList();
        var c = new Corpus("c", docs, Map.of());
        var a = c.split(0.1);
        var b = c.split(0.1);
        assertEquals(a, b);
        assertEquals(1000, a.train().size() + a.validation().size());
        assertTrue(a.validation().size() > 60 && a.validation().size() < 140, "validation size " + a.validation().size());
        assertTrue(a.train().stream().noneMatch(a.validation()::contains));
    }

    @Test void filesAndFoldersLoadAndBadOnesAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("a.txt");
        Files.writeString(f, ("line of text\n").repeat(1000));
        var c = Corpora.load(f.toString());
        assertEquals(13000, c.characters());
        assertTrue(c.documents().size() > 2, "a long file is cut into documents");
        Files.writeString(dir.resolve("b.txt"), "second");
        assertEquals(2, Corpora.load(dir.toString()).documents().size());
        Files.write(dir.resolve("bad.txt"), new byte[] {(byte) 0xC3, (byte) 0x28});
        assertTrue(assertThrows(UserError.class, () -> Corpora.load(dir.toString())).getMessage().contains("not UTF-8"));
        assertTrue(assertThrows(UserError.class, () -> Corpora.load(dir.resolve("none").toString())).getMessage().contains("no such file"));
    }

    /** The language split on the first 800 Europarl documents: languages found, purity measured and high. */
    @Test void europarlSplitsIntoLanguagesWithMeasuredPurity(@TempDir Path dir) throws Exception {
        Path sample = Europarl.sampleFile();
        Path part = dir.resolve("part.gz");
        try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(sample)), StandardCharsets.UTF_8));
             var out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(part)), StandardCharsets.UTF_8)) {
            for (int i = 0; i < 800; i++) out.write(in.readLine() + "\n");
        }
        @SuppressWarnings("unchecked")
        var langs = (Map<String, Map<String, Object>>) Europarl.split(part, dir.resolve("split")).get("languages");
        for (String l : List.of("en", "de", "fr", "it", "sv", "fi")) {
            assertTrue(langs.containsKey(l), "missing " + l + " in " + langs.keySet());
            double purity = ((Number) langs.get(l).get("purity")).doubleValue();
            assertTrue(purity > 0.95, l + " purity " + purity);
        }
        String en = Files.readString(dir.resolve("split/en.txt"));
        assertTrue(en.contains(" the ") && !en.contains(" der "), "English split holds English");
    }
}
