package dev.engram.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.Json;
import dev.engram.train.Checkpoints;
import dev.engram.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A resumed run keeps its saved options: a differing one is refused by name, or accepted and recorded with --override. */
class TrainResumeTest {
    @Test void resumeWithAnotherLrIsRefusedThenRecordedWithOverride(@TempDir Path tmp) throws Exception {
        Path text = tmp.resolve("t.txt"), out = tmp.resolve("run");
        Files.writeString(text, "the quick brown fox jumps over the lazy dog.\n".repeat(100));
        Object[] model = {"--corpus", text, "--tokenizer", "byte", "--layers", "1", "--heads", "1", "--dim", "8", "--ctx", "8", "--batch", "2",
                "--threads", "1", "--out", out};
        var first = CliRun.run(concat(new Object[] {"train", "--steps", "4", "--checkpoint-every", "2"}, model));
        assertEquals(0, first.code(), first.err());

        var refused = CliRun.run("train", "--out", out, "--resume", "--lr", "0.005", "--steps", "6");
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("lr (saved 0.001, given 0.005)"), refused.err());
        assertTrue(refused.err().contains("steps (saved 4, given 6)"), refused.err());
        assertTrue(refused.err().contains("--override"), refused.err());
        assertEquals(4, Checkpoints.readState(out).step(), "a refused resume leaves the run untouched");

        var accepted = CliRun.run("train", "--out", out, "--resume", "--lr", "0.005", "--steps", "6", "--override", "--threads", "1");
        assertEquals(0, accepted.code(), accepted.err());
        assertTrue(accepted.err().contains("--override: lr (saved 0.001, given 0.005)"), accepted.err());
        assertEquals(6, Checkpoints.readState(out).step());
        assertEquals(0.005, Checkpoints.readState(out).config(TrainConfig.class).lr());
        JsonNode run = Json.read(out.resolve("run.json"), JsonNode.class);
        assertEquals(0.005, run.at("/config/lr").asDouble());
        JsonNode change = run.at("/overrides/0");
        assertEquals(5, change.get("from_step").asInt());
        assertEquals("steps", change.at("/changes/0/field").asText());
        assertEquals("lr", change.at("/changes/1/field").asText());
        assertEquals("0.001", change.at("/changes/1/saved").asText());
        assertEquals("0.005", change.at("/changes/1/given").asText());
        assertTrue(run.at("/provenance/commandLine").isArray());
        assertEquals(1, run.at("/provenance/threads").asInt());

        var same = CliRun.run("train", "--out", out, "--resume", "--lr", "0.005", "--steps", "6", "--threads", "1");
        assertEquals(0, same.code(), "options equal to the saved ones need no --override: " + same.err());
        assertEquals(1, Json.read(out.resolve("run.json"), JsonNode.class).at("/overrides").size(), "earlier overrides stay recorded");
    }

    @Test void overrideWithoutResumeIsRefused(@TempDir Path tmp) {
        var r = CliRun.run("train", "--corpus", tmp, "--out", tmp.resolve("x"), "--override");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--override changes a resumed run's options"), r.err());
    }

    @Test void unknownMechanismNamesTheKnownOnes(@TempDir Path tmp) {
        var r = CliRun.run("train", "--corpus", tmp, "--out", tmp.resolve("x"), "--mechanism", "dream:every=3");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no such mechanism") && r.err().contains("forecast"), r.err());
        var bad = CliRun.run("train", "--corpus", tmp, "--out", tmp.resolve("x"), "--mechanism", "forecast:layer=1,distance=2,wieght=1");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("unknown key 'wieght'"), bad.err());
    }

    static Object[] concat(Object[] a, Object[] b) {
        Object[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
