package dev.engram.forgetting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.engram.core.Engines;
import dev.engram.core.Seeds;
import dev.engram.core.UserError;
import dev.engram.data.ByteTokenizer;
import dev.engram.data.TokenData;
import dev.engram.io.Safetensors;
import dev.engram.train.Checkpoints;
import dev.engram.train.LrSchedule;
import dev.engram.train.Mechanisms;
import dev.engram.train.TrainConfig;
import dev.engram.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActiveForgettingTest {
    static NDManager manager;

    @BeforeAll static void start() { manager = Engines.newManager(1); }

    @AfterAll static void stop() { manager.close(); }

    static TrainConfig config(int steps) {
        return TrainConfig.builder().corpus("synthetic").tokenizer("byte").layers(1).heads(2).dim(16).ctx(8).batch(2).steps(steps)
                .lr(3e-3).warmup(2).evalEvery(2).evalBatches(1).checkpointEvery(2).seed(5).mechanisms(List.of("forget:every=3")).build();
    }

    static TokenData data() {
        var rng = new SplittableRandom(3);
        int[] train = new int[2000], val = new int[300];
        for (int i = 0; i < train.length; i++) train[i] = 97 + rng.nextInt(26);
        for (int i = 0; i < val.length; i++) val[i] = 97 + rng.nextInt(26);
        return new TokenData(train, val, 256);
    }

    @Test void everyKUpdatesTheEmbeddingsAreRedrawnFromTheInitialDistributionAndTheirAdamStateRestarts(@TempDir Path tmp) {
        new Trainer(config(8), tmp).quiet().stopAfter(3).run(new ByteTokenizer(), data(), manager);
        var state = Checkpoints.readState(tmp);
        assertEquals(3, state.step());
        SplittableRandom r = Seeds.random(5, "forget:wte.weight", 3);
        float[] want = new float[256 * 16];
        for (int i = 0; i < want.length; i++) want[i] = (float) (r.nextGaussian() * 0.02);
        assertArrayEquals(want, Safetensors.read(tmp.resolve("checkpoint/model.safetensors")).tensors().get("wte.weight").values());
        assertEquals(null, state.optimizerSteps().get("wte.weight"), "moments and step count forgotten");
        assertEquals(3, state.optimizerSteps().get("wpe.weight"), "position embeddings are not reset");
        assertEquals(1, ((Number) state.listeners().get("forget:every=3,params=wte.weight").get("resets")).intValue());
    }

    @Test void aKilledForgettingRunResumesBitForBit(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        new Trainer(config(8), a).quiet().run(new ByteTokenizer(), data(), manager);
        new Trainer(config(8), b).quiet().stopAfter(4).run(new ByteTokenizer(), data(), manager);
        new Trainer(config(8), b).quiet().resume(new ByteTokenizer(), data(), manager);
        var wa = Safetensors.read(a.resolve("checkpoint/model.safetensors")).tensors();
        var wb = Safetensors.read(b.resolve("checkpoint/model.safetensors")).tensors();
        for (var e : wa.entrySet()) assertArrayEquals(e.getValue().values(), wb.get(e.getKey()).values(), e.getKey());
        assertEquals(Checkpoints.readState(a).listeners(), Checkpoints.readState(b).listeners());
        assertEquals(2, Checkpoints.readState(a).optimizerSteps().get("wte.weight"), "reset after step 6: steps 7 and 8 since");
        List<String> la = Files.readAllLines(a.resolve("metrics.jsonl"));
        assertTrue(la.get(7).contains("\"embedding_resets\":2.0"), la.get(7));
    }

    @Test void theEmbeddingScheduleReplaysTheRunsScheduleInEachEpisode() {
        var run = new LrSchedule(1.0, 10, 100, 0.1);
        int total = 100, every = 25, stride = total / every;
        java.util.function.IntToDoubleFunction emb = s -> run.at((int) (((s - 1L) * stride) % total) + 1);
        assertEquals(run.at(1), emb.applyAsDouble(1), 0);
        assertEquals(run.at(1), emb.applyAsDouble(26), 0, "the second episode starts where the first did");
        assertEquals(run.at(97), emb.applyAsDouble(25), 0, "an episode's last update is near the run's end of decay");
        assertEquals(run.at(41), emb.applyAsDouble(11), 0);
    }

    @Test void badSpecsAreClearErrors() {
        assertTrue(assertThrows(UserError.class, () -> Mechanisms.create("forget:every=0")).getMessage().contains("every=0 must be at least 1"));
        assertTrue(assertThrows(UserError.class, () -> Mechanisms.create("forget")).getMessage().contains("missing every="));
        assertTrue(assertThrows(UserError.class, () -> Mechanisms.create("forget:every=x")).getMessage().contains("not an integer"));
    }
}
