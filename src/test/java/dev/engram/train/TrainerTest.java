package dev.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.engram.core.Engines;
import dev.engram.data.ByteTokenizer;
import dev.engram.data.TokenData;
import dev.engram.io.Safetensors;
import dev.engram.io.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    static NDManager manager;

    @BeforeAll static void start() { manager = Engines.newManager(1); }

    @AfterAll static void stop() { manager.close(); }

    static TrainConfig config(int steps) {
        return TrainConfig.builder().corpus("synthetic").tokenizer("byte").layers(2).heads(2).dim(32).ctx(16).batch(4).steps(steps)
                .lr(3e-3).warmup(2).evalEvery(2).evalBatches(2).checkpointEvery(2).seed(42).build();
    }

    static TokenData data() {
        var rng = new SplittableRandom(3);
        int[] train = new int[4000], val = new int[600];
        for (int i = 0; i < train.length; i++) train[i] = 97 + (i % 7 == 0 ? rng.nextInt(26) : (i * 3) % 26);
        for (int i = 0; i < val.length; i++) val[i] = 97 + (i % 7 == 0 ? rng.nextInt(26) : (i * 3) % 26);
        return new TokenData(train, val, 256);
    }

    static Map<String, Tensor> weights(Path run) {
        return Safetensors.read(run.resolve("checkpoint/model.safetensors")).tensors();
    }

    @Test void resumedRunEqualsUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        new Trainer(config(8), a).quiet().run(new ByteTokenizer(), data(), manager);
        new Trainer(config(8), b).quiet().stopAfter(4).run(new ByteTokenizer(), data(), manager);
        assertEquals(4, Checkpoints.readState(b).step());
        new Trainer(config(8), b).quiet().resume(new ByteTokenizer(), data(), manager);
        var wa = weights(a);
        var wb = weights(b);
        for (var e : wa.entrySet()) assertArrayEquals(e.getValue().values(), wb.get(e.getKey()).values(), e.getKey());
        List<String> la = Files.readAllLines(a.resolve("metrics.jsonl")), lb = Files.readAllLines(b.resolve("metrics.jsonl"));
        assertEquals(8, la.size());
        assertEquals(la.stream().map(TrainerTest::withoutTiming).toList(), lb.stream().map(TrainerTest::withoutTiming).toList());
    }

    static String withoutTiming(String line) { return line.replaceAll("\"tokens_per_s\":\\d+,", ""); }

    @Test void trainingLowersTheLossOnAPatternedStream(@TempDir Path tmp) {
        var r = new Trainer(config(150), tmp).quiet().run(new ByteTokenizer(), data(), manager);
        // The stream is 6/7 deterministic: an untrained model is at ln(256) = 5.5 nats.
        assertTrue(r.finalValidationLoss() < 2.0, "validation loss " + r.finalValidationLoss());
    }

    @Test void nonFiniteLossStopsBeforeTheUpdateAndKeepsTheLastCheckpoint(@TempDir Path tmp) {
        TrainingListener poison = new TrainingListener() {
            @Override public NDArray lossTerm(TrainingContext ctx, int step, Batch batch, Trainable.Forward out) {
                return step == 5 ? out.loss().getManager().create(Float.NaN) : null;
            }
        };
        Trainer t = new Trainer(config(8), tmp).quiet().addListener(poison);
        var err = assertThrows(TrainingDiverged.class, () -> t.run(new ByteTokenizer(), data(), manager));
        assertTrue(err.getMessage().contains("step 5"), err.getMessage());
        assertTrue(err.getMessage().contains("step 4"), err.getMessage());
        assertEquals(4, Checkpoints.readState(tmp).step());
        assertEquals(4, weights(tmp).size() > 0 ? Checkpoints.readState(tmp).step() : -1);
    }

    @Test void scheduleWarmsUpThenDecaysToTheFloor() {
        var s = new LrSchedule(1.0, 10, 110, 0.1);
        assertEquals(0.1, s.at(1), 1e-12);
        assertEquals(1.0, s.at(10), 1e-12);
        assertEquals(0.55, s.at(60), 1e-12);
        assertEquals(0.1, s.at(110), 1e-12);
    }

    @Test void adamWMatchesPyTorch() {
        var ref = Safetensors.read(Path.of("src/test/resources/gpt2-ref/adamw.safetensors")).tensors();
        try (NDManager m = manager.newSubManager()) {
            NDArray p = m.create(ref.get("p0").values(), new ai.djl.ndarray.types.Shape(4, 5));
            try (AdamW opt = new AdamW(m, 0.9, 0.95, 1e-8, 0.1, java.util.Set.of("p"))) {
                for (String g : new String[] {"g1", "g2", "g3"})
                    opt.step(Map.of("p", p), Map.of("p", m.create(ref.get(g).values(), p.getShape())), 1e-2, 1.0);
            }
            float[] got = p.toFloatArray(), want = ref.get("p3").values();
            for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 1e-6, "p[" + i + "]");
        }
    }
}
