package dev.engram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user runs them: exit codes, JSON output, and clear errors. */
class CliTest {
    static final Path REF = Path.of("src/test/resources/gpt2-ref");

    static CliRun.Result run(Object... args) { return CliRun.run(args); }

    @Test void evalJsonMatchesPyTorchWindowedLoss() throws Exception {
        CliRun.Result r = run("eval", "--model", REF.toString(), "--tokens", REF.resolve("eval-tokens.txt").toString(), "--json", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode got = Json.MAPPER.readTree(r.out());
        JsonNode want = Json.MAPPER.readTree(REF.resolve("eval.json").toFile());
        assertEquals(want.get("tokens").asLong(), got.get("tokens").asLong());
        assertEquals(want.get("loss").asDouble(), got.get("loss").asDouble(), 1e-4);
        assertEquals(want.get("perplexity").asDouble(), got.get("perplexity").asDouble(), 1e-2);
    }

    @Test void trainEvalGenerateEndToEnd(@TempDir Path dir) throws Exception {
        Path text = dir.resolve("corpus.txt");
        Files.writeString(text, "the quick brown fox jumps over the lazy dog.\n".repeat(300));
        Path out = dir.resolve("run");
        CliRun.Result t = run("train", "--corpus", text.toString(), "--tokenizer", "bpe:300", "--layers", "1", "--heads", "2", "--dim", "32",
                "--ctx", "16", "--batch", "4", "--steps", "30", "--lr", "5e-3", "--out", out.toString(), "--threads", "1");
        assertEquals(0, t.code(), t.err());
        assertTrue(Files.isRegularFile(out.resolve("checkpoint/model.safetensors")));
        assertTrue(Files.isRegularFile(out.resolve("run.json")));
        assertEquals(30, Files.readAllLines(out.resolve("metrics.jsonl")).size());
        CliRun.Result e = run("eval", "--model", out.toString(), "--text", text.toString(), "--json", "--threads", "1");
        assertEquals(0, e.code(), e.err());
        assertTrue(Json.MAPPER.readTree(e.out()).get("loss").asDouble() < 2.0, e.out());
        CliRun.Result g = run("generate", "--model", out.toString(), "--prompt", "the quick", "--max-tokens", "20", "--temperature", "0", "--threads", "1");
        assertEquals(0, g.code(), g.err());
        assertTrue(g.out().startsWith("the quick brown fox"), g.out());
        CliRun.Result again = run("train", "--corpus", text.toString(), "--out", out.toString(), "--threads", "1");
        assertEquals(2, again.code());
        assertTrue(again.err().contains("--resume"), again.err());
    }

    @Test void badInputGivesOneClearLine(@TempDir Path dir) throws Exception {
        CliRun.Result a = run("train", "--corpus", dir.resolve("missing.txt").toString(), "--out", dir.resolve("r").toString());
        assertEquals(2, a.code());
        assertTrue(a.err().startsWith("error: --corpus") && a.err().contains("no such file"), a.err());
        CliRun.Result b = run("eval", "--model", dir.toString(), "--text", "x.txt");
        assertEquals(2, b.code());
        assertTrue(b.err().contains("config.json"), b.err());
        Path bad = dir.resolve("bad");
        Files.createDirectories(bad);
        Files.writeString(bad.resolve("config.json"), "{\"model_type\":\"gpt2\",\"vocab_size\":10,\"n_positions\":8,\"n_embd\":6,\"n_layer\":1,\"n_head\":4}");
        CliRun.Result c = run("eval", "--model", bad.toString(), "--tokens", REF.resolve("eval-tokens.txt").toString());
        assertEquals(2, c.code());
        assertTrue(c.err().contains("multiple of n_head"), c.err());
        CliRun.Result d = run("train", "--corpus", "europarl:xx", "--out", dir.resolve("r2").toString(), "--heads", "3");
        assertEquals(2, d.code());
        assertTrue(d.err().contains("--heads"), d.err());
        assertTrue(!a.err().contains("\tat "), "no stack trace");
    }

    @Test void noArgumentsListsTheCommands() {
        CliRun.Result r = run();
        assertEquals(0, r.code());
        for (String c : new String[] {"tour", "train", "eval", "generate", "bench"}) assertTrue(r.out().contains(c), r.out());
    }
}
