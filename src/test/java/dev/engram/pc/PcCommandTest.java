package dev.engram.pc;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.cli.Main;
import dev.engram.core.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `engram pc run` as a user runs it: the run folder's files and keys, and clear errors for bad options. */
class PcCommandTest {
    @TempDir Path dir;

    /** run.json's facts and "config". */
    static JsonNode runJson(Path out) throws java.io.IOException { return Json.MAPPER.readTree(Files.readString(out.resolve("run.json"))); }

    /** metrics.jsonl: one object per epoch. */
    static java.util.List<JsonNode> epochs(Path out) throws java.io.IOException {
        java.util.List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) lines.add(Json.MAPPER.readTree(line));
        return lines;
    }

    static int run(StringWriter err, String... args) {
        var cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test void mplRunWritesMetricsKeyedByLayer() throws Exception {
        Path out = dir.resolve("run");
        int code = run(new StringWriter(), "pc", "run", "--task", "letters", "--method", "mpl", "--epochs", "2", "--train-size", "64",
                "--batch", "32", "--inference-steps", "3", "--hidden", "16", "--ensemble", "2", "--seed", "3", "--threads", "1", "--out", out.toString());
        assertEquals(0, code);
        JsonNode m = runJson(out);
        double rf = m.get("rule_fraction").asDouble();
        assertTrue(rf >= 0 && rf <= 1);
        for (String layer : new String[] {"input", "recurrent", "output"}) {
            assertTrue(m.get("deterministic_fraction").has(layer), layer);
            assertTrue(m.get("variance").get(layer).asDouble() > 0, "spike-and-slab layers keep some variance: " + layer);
        }
        assertEquals(2, epochs(out).stream().filter(e -> e.has("energy")).count());
        assertEquals(4, m.get("last_batch_inference_energy").size());
        assertTrue(Files.readString(out.resolve("report.html")).contains("deterministic"));
        assertEquals("fixed", m.get("config").get("inference").asText(), "MPL's default inference");
    }

    /** A text file of 300 short documents with 9 distinct words (numbers become N). */
    Path tinyCorpus() throws java.io.IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) text.append("The committee adopted report ").append(i % 9).append(". Members voted for it!\n\n");
        return Files.writeString(dir.resolve("corpus.txt"), text);
    }

    /** The word-level task from a user's text file: perplexity, the data facts, and MPL's per-layer analyses. */
    @Test void textRunWritesPerplexity() throws Exception {
        Path corpus = tinyCorpus();
        Path out = dir.resolve("text");
        int code = run(new StringWriter(), "pc", "run", "--task", "text", "--method", "mpl", "--corpus", corpus.toString(), "--epochs", "2",
                "--vocab", "8", "--embedding", "6", "--sequence-length", "5", "--hidden", "10", "--batch", "16", "--ensemble", "2", "--threads", "1",
                "--out", out.toString());
        assertEquals(0, code);
        JsonNode m = runJson(out);
        double ppl = m.get("perplexity").asDouble();
        assertTrue(ppl >= 1 && ppl < 8, "a repetitive text must beat the uniform perplexity of 8: " + ppl);
        assertEquals(8, m.get("data").get("vocabulary").asInt(), "9 words, <unk> and <eos>: the 6 most frequent words are kept");
        assertTrue(m.get("deterministic_fraction").has("output"));
        assertEquals(6, m.get("last_batch_inference_energy").size(), "inference steps follow the window length (5): 6 energies");
        assertTrue(Files.readString(out.resolve("report.html")).contains("held_out_tokens"));
    }

    /** `pc sweep` on text: each load alpha trains on round(alpha x synapses) windows, embedding entries counted as synapses. */
    @Test void textSweepTakesWindowsByLoad() throws Exception {
        Path corpus = tinyCorpus();
        Path out = dir.resolve("sweep");
        int code = run(new StringWriter(), "pc", "sweep", "--task", "text", "--method", "bptt", "--corpus", corpus.toString(), "--epochs", "1",
                "--vocab", "8", "--embedding", "6", "--sequence-length", "5", "--hidden", "10", "--batch", "16", "--threads", "1",
                "--load", "0.1,0.5", "--out", out.toString());
        assertEquals(0, code);
        JsonNode m = runJson(out);
        long synapses = 8 * 6 + 10 * 6 + 10 * 10 + 8 * 10;
        assertEquals(synapses, m.get("synapses").asLong());
        assertEquals(Math.round(0.1 * synapses), m.get("points").get(0).get("trainSize").asInt());
        assertEquals(Math.round(0.5 * synapses), m.get("points").get(1).get("trainSize").asInt());
        StringWriter err = new StringWriter();
        assertNotEquals(0, run(err, "pc", "sweep", "--task", "text", "--method", "bptt", "--corpus", corpus.toString(), "--vocab", "8", "--embedding", "6",
                "--sequence-length", "5", "--hidden", "10", "--load", "50", "--out", out.toString()));
        assertTrue(err.toString().contains("--load 50"), err.toString());
    }

    @Test void sameSeedSameMetrics() throws Exception {
        String[] base = {"pc", "run", "--task", "letters", "--method", "pc", "--epochs", "1", "--train-size", "32", "--batch", "16",
                "--inference-steps", "3", "--hidden", "8", "--seed", "9", "--threads", "1", "--out"};
        double[] loss = new double[2];
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("r" + i);
            String[] args = java.util.Arrays.copyOf(base, base.length + 1);
            args[base.length] = out.toString();
            assertEquals(0, run(new StringWriter(), args));
            loss[i] = epochs(out).get(0).get("train_loss").asDouble();
            assertEquals("standard", runJson(out).get("config").get("inference").asText(), "plain PC's default");
        }
        assertEquals(loss[0], loss[1], 0.0);
    }

    /** --config takes an earlier run's run.json (its "config") or a bare config: the same config, the same losses. */
    @Test void configFromRunJsonRepeatsTheRun() throws Exception {
        Path first = dir.resolve("first"), again = dir.resolve("again"), bare = dir.resolve("bare");
        assertEquals(0, run(new StringWriter(), "pc", "run", "--task", "letters", "--method", "bptt", "--epochs", "2", "--train-size", "32",
                "--batch", "16", "--hidden", "8", "--seed", "5", "--threads", "1", "--out", first.toString()));
        assertEquals(0, run(new StringWriter(), "pc", "run", "--config", first.resolve("run.json").toString(), "--threads", "1", "--out", again.toString()));
        JsonNode config = runJson(first).get("config");
        assertEquals(config, runJson(again).get("config"));
        assertEquals(2, epochs(again).size());
        for (int e = 0; e < 2; e++) assertEquals(epochs(first).get(e).get("train_loss"), epochs(again).get(e).get("train_loss"));
        Path bareConfig = Files.writeString(dir.resolve("config.json"), Json.write(config));
        assertEquals(0, run(new StringWriter(), "pc", "run", "--config", bareConfig.toString(), "--epochs", "1", "--threads", "1", "--out", bare.toString()));
        assertEquals(1, runJson(bare).get("config").get("epochs").asInt());
        assertEquals("bptt", runJson(bare).get("config").get("method").asText());
        assertEquals("PyTorch", runJson(first).get("provenance").get("engine").asText().split(" ")[0]);
    }

    /** Task, method and inference go by their lowercase names; a wrong one is one line naming the option and the allowed values. */
    @Test void unknownNamesListTheAllowedOnes() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "pc", "run", "--task", "foo", "--out", dir.toString()));
        assertEquals("error: --task foo: use smnist, letters or text", err.toString().strip());
        StringWriter err2 = new StringWriter();
        assertEquals(2, run(err2, "pc", "sweep", "--method", "sgd", "--load", "0.1", "--out", dir.toString()));
        assertEquals("error: --method sgd: use mpl, pc or bptt", err2.toString().strip());
        StringWriter err3 = new StringWriter();
        assertEquals(2, run(err3, "pc", "run", "--config", dir.resolve("none.json").toString(), "--out", dir.toString()));
        assertTrue(err3.toString().contains("--config") && err3.toString().contains("run.json"), err3.toString());
    }

    @Test void badOptionsAreClearErrors() {
        StringWriter err = new StringWriter();
        assertNotEquals(0, run(err, "pc", "run", "--task", "text", "--corpus", dir.resolve("missing.txt").toString(), "--out", dir.toString()));
        assertTrue(err.toString().contains("missing.txt") && err.toString().contains("no such file"), err.toString());
        StringWriter err2 = new StringWriter();
        assertNotEquals(0, run(err2, "pc", "run", "--task", "letters", "--rate", "2", "--out", dir.toString()));
        assertTrue(err2.toString().contains("rate"), err2.toString());
        StringWriter err3 = new StringWriter();
        assertNotEquals(0, run(err3, "pc", "run", "--task", "smnist", "--mnist", dir.resolve("none").toString(), "--out", dir.toString()));
        assertTrue(err3.toString().contains("setup-data.sh"), err3.toString());
        StringWriter err4 = new StringWriter();
        assertNotEquals(0, run(err4, "pc", "run", "--task", "letters", "--inference", "exact", "--out", dir.toString()));
        assertTrue(err4.toString().contains("inference"), err4.toString());
    }
}
