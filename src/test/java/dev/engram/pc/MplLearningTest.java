package dev.engram.pc;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import dev.engram.core.Engines;
import org.junit.jupiter.api.Test;

/** MPL learns through fixed-prediction inference: a short run on the letter rules ends far above chance (4/26). */
class MplLearningTest {
    static PcConfig quick(PcConfig.Inference inference) {
        return PcConfig.builder(PcConfig.Task.LETTERS, PcConfig.Method.MPL).inference(inference).epochs(4).trainSize(512).batch(32).hidden(32)
                .inferenceSteps(9) // rate 1 for the 9 scored steps: exact
                .rate(1.0).lr(1e-2).ensemble(3).generated(100).build();
    }

    @Test void fixedPredictionMplLearnsTheLetterRules() {
        PcConfig c = quick(PcConfig.Inference.FIXED);
        try (NDManager manager = Engines.newManager(1)) {
            PcTrainer.Outcome o = PcTrainer.train(c, PcRuns.task(c, null), manager, e -> {});
            assertTrue(o.last().score() > 0.6, "rule fraction " + o.last().score() + " (chance 0.154)");
        }
    }
}
