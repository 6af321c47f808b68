package dev.engram.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.core.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTest {
    static final String TEXT = "The Commission's proposal, débattue à Strasbourg — 2004: ünïcödé ✓ and 日本語.\n";

    @Test void bytesRoundTripAnyText() {
        var t = new ByteTokenizer();
        assertEquals(TEXT, t.decode(t.encode(TEXT)));
        assertEquals(TEXT.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, t.encode(TEXT).length);
    }

    @Test void gpt2MatchesKnownIds() {
        var t = new Gpt2Tokenizer();
        // GPT-2's own ids for "Hello world" and " the".
        assertArrayEquals(new int[] {15496, 995}, t.encode("Hello world"));
        assertArrayEquals(new int[] {262}, t.encode(" the"));
        assertEquals(TEXT, t.decode(t.encode(TEXT)));
        assertEquals(50257, t.vocabSize());
    }

    @Test void trainedBpeLearnsFrequentWordsAndRoundTrips() {
        String corpus = "the cat sat on the mat. the cat ate the rat. ".repeat(50) + TEXT;
        BpeTokenizer t = BpeTrainer.train(corpus, 300);
        assertTrue(t.vocabSize() <= 300 && t.vocabSize() > 256, "vocab " + t.vocabSize());
        assertEquals(1, t.encode(" the").length, "a frequent word becomes one token");
        assertEquals(TEXT, t.decode(t.encode(TEXT)));
        assertEquals(corpus, t.decode(t.encode(corpus)));
        assertTrue(t.encode(corpus).length < corpus.length() / 3, "BPE compresses its own corpus");
    }

    @Test void bpeMergesAreAppliedInRankOrder() {
        // merges: (a,b)->256, (b,c)->257, (256,c)->258.  "abc": (a,b) has the lower rank, then (256,c).
        var t = new BpeTokenizer(new int[][] {{'a', 'b'}, {'b', 'c'}, {256, 'c'}});
        assertArrayEquals(new int[] {258}, t.encode("abc"));
        assertArrayEquals(new int[] {'x', 257}, t.encode("xbc"));
    }

    @Test void tokenizerFilesRoundTripAndBadOnesAreNamed(@TempDir Path dir) throws Exception {
        BpeTokenizer t = BpeTrainer.train("hello hello world world world ".repeat(20), 270);
        Tokenizers.save(t, dir);
        Tokenizer back = Tokenizers.forModel(dir);
        assertEquals(t.vocabSize(), back.vocabSize());
        assertArrayEquals(t.encode("hello world"), back.encode("hello world"));
        Files.writeString(dir.resolve(Tokenizers.FILE), "{\"type\":\"bpe\",\"merges\":[[1000,2]]}");
        var e = assertThrows(UserError.class, () -> Tokenizers.forModel(dir));
        assertTrue(e.getMessage().contains(Tokenizers.FILE) && e.getMessage().contains("not yet defined"), e.getMessage());
        Path empty = dir.resolve("hf");
        Files.createDirectories(empty);
        assertEquals("gpt2", Tokenizers.forModel(empty).name(), "a folder without Engram's file is read with GPT-2's BPE");
        assertThrows(UserError.class, () -> Tokenizers.create("bpe:abc", "x"));
        assertThrows(UserError.class, () -> Tokenizers.create("wordpiece", "x"));
    }

    @Test void tokenIdFilesAreChecked(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("ids.txt");
        Files.writeString(f, "1 2\n3\t4 ");
        assertArrayEquals(new int[] {1, 2, 3, 4}, Tokenizers.readIds(f, 10));
        Files.writeString(f, "1 2 x");
        assertTrue(assertThrows(UserError.class, () -> Tokenizers.readIds(f, 10)).getMessage().contains("token 3 is 'x'"));
        Files.writeString(f, "1 20");
        assertTrue(assertThrows(UserError.class, () -> Tokenizers.readIds(f, 10)).getMessage().contains("outside"));
    }
}
