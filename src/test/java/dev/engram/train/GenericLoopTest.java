package dev.engram.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.engram.core.Engines;
import dev.engram.core.Seeds;
import dev.engram.core.UserError;
import dev.engram.io.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one loop trains a model that is not GPT-2, and its listeners' state survives a kill. */
class GenericLoopTest {
    static NDManager manager;

    @BeforeAll static void start() { manager = Engines.newManager(1); }

    @AfterAll static void stop() { manager.close(); }

    static final int STEPS = 24, EVERY = 5;

    static LoopConfig config() {
        return LoopConfig.builder().steps(STEPS).lr(1e-2).warmup(3).weightDecay(0.01).evalEvery(4).checkpointEvery(4).seed(11).build();
    }

    /**
     * Re-draws w2 every {@code every} steps, forgets its Adam moments, and gives it its own schedule that warms
     * up again after each reset. State: the resets done and the last reset's step.
     */
    static final class ResetEvery implements TrainingListener {
        final int every;
        int resets, lastReset;
        final List<Integer> seenSteps = new ArrayList<>();

        ResetEvery(int every) { this.every = every; }

        @Override public void onStart(TrainingContext ctx) {
            ctx.schedule("w2", step -> ctx.config().lr() * Math.min(1.0, (step - lastReset) / 3.0));
        }

        @Override public void afterStep(TrainingContext ctx, StepRecord r) {
            seenSteps.add(r.step());
            if (r.step() % every != 0) return;
            ctx.reinitialize("w2", Seeds.random(ctx.config().seed(), "reset", r.step()));
            resets++;
            lastReset = r.step();
            r.put("resets", resets);
        }

        @Override public Map<String, Object> state() { return Map.of("resets", resets, "last_reset", lastReset); }

        @Override public void restore(Map<String, Object> s) {
            resets = ((Number) s.get("resets")).intValue();
            lastReset = ((Number) s.get("last_reset")).intValue();
        }
    }

    /** Stands in for a kill: the process dies at a step, between checkpoints. */
    static final class KillAt implements TrainingListener {
        final int step;

        KillAt(int step) { this.step = step; }

        @Override public void afterStep(TrainingContext ctx, StepRecord r) {
            if (r.step() == step) throw new IllegalStateException("killed");
        }
    }

    static TrainLoop.Validation heldOut() {
        var source = new TwoLayerMlp.PlantedSource(64, 8, 999);
        return (model, m) -> {
            try (NDManager s = m.newSubManager()) {
                return model.forward(source.batch(1), s, false, false).loss().getFloat();
            }
        };
    }

    static TrainLoop.Result train(Path out, ResetEvery reset, TrainingListener extra, boolean resume) {
        var loop = new TrainLoop(config(), out).add(reset).validation(heldOut()).quiet();
        if (extra != null) loop.add(extra);
        var source = new TwoLayerMlp.PlantedSource(16, 8, 11);
        TrainingState state = resume ? Checkpoints.readState(out) : null;
        try (TwoLayerMlp m = TwoLayerMlp.init(manager, 8, 16, 4, Seeds.random(11, "init", 0))) {
            if (resume) m.load(Checkpoints.dir(out)); // Trainable.load: the saved values into the built model
            return loop.run(m, source, manager, state);
        }
    }

    @Test void killedAndResumedRunEqualsTheUninterruptedOneBitForBit(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a"), b = tmp.resolve("b");
        var whole = new ResetEvery(EVERY);
        var ra = train(a, whole, null, false);
        assertEquals(STEPS / EVERY, whole.resets);

        var first = new ResetEvery(EVERY);
        assertThrows(IllegalStateException.class, () -> train(b, first, new KillAt(11), false));
        assertEquals(8, Checkpoints.readState(b).step(), "the kill at step 11 leaves the checkpoint of step 8");
        assertEquals(2, first.resets, "in memory the killed run had reset at steps 5 and 10");

        var second = new ResetEvery(EVERY);
        var rb = train(b, second, null, true);
        assertEquals(9, second.seenSteps.get(0), "the resumed run redoes steps 9..11");
        assertEquals(whole.resets, second.resets, "listener state (restored 1 reset at step 8, then counted on)");
        assertEquals(whole.lastReset, second.lastReset);
        assertEquals(Checkpoints.readState(a).listeners(), Checkpoints.readState(b).listeners());
        assertEquals(Checkpoints.readState(a).optimizerSteps(), Checkpoints.readState(b).optimizerSteps());
        assertTrue(Checkpoints.readState(a).optimizerSteps().get("w2") < STEPS, "w2's Adam step count restarted at its last reset");

        var wa = Safetensors.read(a.resolve("checkpoint/" + TwoLayerMlp.WEIGHTS)).tensors();
        var wb = Safetensors.read(b.resolve("checkpoint/" + TwoLayerMlp.WEIGHTS)).tensors();
        for (var e : wa.entrySet()) assertArrayEquals(e.getValue().values(), wb.get(e.getKey()).values(), e.getKey());
        var oa = Safetensors.read(a.resolve("checkpoint/optimizer.safetensors")).tensors();
        var ob = Safetensors.read(b.resolve("checkpoint/optimizer.safetensors")).tensors();
        assertEquals(oa.keySet(), ob.keySet());
        for (var e : oa.entrySet()) assertArrayEquals(e.getValue().values(), ob.get(e.getKey()).values(), e.getKey());
        assertEquals(ra.finalValidationLoss(), rb.finalValidationLoss());
        assertEquals(ra.bestValidationLoss(), rb.bestValidationLoss());
        List<String> la = Files.readAllLines(a.resolve("metrics.jsonl")), lb = Files.readAllLines(b.resolve("metrics.jsonl"));
        assertEquals(STEPS, la.size());
        assertEquals(la.stream().map(GenericLoopTest::withoutTiming).toList(), lb.stream().map(GenericLoopTest::withoutTiming).toList());
        assertTrue(la.get(EVERY - 1).contains("\"resets\":1.0"), la.get(EVERY - 1));
    }

    @Test void theLoopLearnsThePlantedRuleAndResetsCostLoss(@TempDir Path tmp) {
        var never = new ResetEvery(Integer.MAX_VALUE);
        var r = train(tmp.resolve("plain"), never, null, false);
        assertTrue(r.finalValidationLoss() < Math.log(4) * 0.8, "held-out loss " + r.finalValidationLoss() + " vs chance " + Math.log(4));
        var resets = train(tmp.resolve("reset"), new ResetEvery(EVERY), null, false);
        assertNotEquals(r.finalValidationLoss(), resets.finalValidationLoss());
    }

    @Test void frozenParametersDoNotMove(@TempDir Path tmp) {
        TrainingListener freeze = new TrainingListener() {
            @Override public void onStart(TrainingContext ctx) { ctx.freeze("w1"); }
        };
        try (TwoLayerMlp m = TwoLayerMlp.init(manager, 8, 16, 4, Seeds.random(11, "init", 0))) {
            float[] before = m.parameters().get("w1").toFloatArray(), b2 = m.parameters().get("w2").toFloatArray();
            new TrainLoop(config(), tmp).add(freeze).quiet().stopAfter(3).run(m, new TwoLayerMlp.PlantedSource(16, 8, 11), manager, null);
            assertArrayEquals(before, m.parameters().get("w1").toFloatArray());
            assertTrue(!java.util.Arrays.equals(b2, m.parameters().get("w2").toFloatArray()), "w2 trains");
        }
    }

    @Test void aListenerMaySwapTheBatch(@TempDir Path tmp) {
        var other = new TwoLayerMlp.PlantedSource(16, 8, 12345);
        var seen = new ArrayList<Long>();
        TrainingListener swap = new TrainingListener() {
            @Override public Batch batch(TrainingContext ctx, int step, Batch drawn) { return step % 2 == 0 ? other.batch(step) : drawn; }

            @Override public ai.djl.ndarray.NDArray lossTerm(TrainingContext ctx, int step, Batch batch, Trainable.Forward f) {
                seen.add((long) ((TwoLayerMlp.Examples) batch).y()[0] * 1000 + step);
                return null;
            }
        };
        try (TwoLayerMlp m = TwoLayerMlp.init(manager, 8, 16, 4, Seeds.random(11, "init", 0))) {
            new TrainLoop(config(), tmp).add(swap).quiet().stopAfter(2).run(m, new TwoLayerMlp.PlantedSource(16, 8, 11), manager, null);
        }
        var drawn = (TwoLayerMlp.Examples) new TwoLayerMlp.PlantedSource(16, 8, 11).batch(1);
        assertEquals(List.of(drawn.y()[0] * 1000L + 1, ((TwoLayerMlp.Examples) other.batch(2)).y()[0] * 1000L + 2), seen);
    }

    @Test void unknownParameterIsAClearError(@TempDir Path tmp) {
        TrainingListener bad = new TrainingListener() {
            @Override public void onStart(TrainingContext ctx) { ctx.freeze("w3"); }
        };
        try (TwoLayerMlp m = TwoLayerMlp.init(manager, 8, 16, 4, Seeds.random(11, "init", 0))) {
            var e = assertThrows(UserError.class, () -> new TrainLoop(config(), tmp).add(bad).quiet().run(m, new TwoLayerMlp.PlantedSource(16, 8, 11), manager, null));
            assertTrue(e.getMessage().contains("no parameter 'w3'") && e.getMessage().contains("w1"), e.getMessage());
        }
    }

    static String withoutTiming(String line) { return line.replaceAll("\"items_per_s\":\\d+,", ""); }
}
