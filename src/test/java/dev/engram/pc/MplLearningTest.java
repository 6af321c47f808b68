package dev.engram.pc;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDManager;
import dev.engram.core.Engines;
import dev.engram.core.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MPL learns through fixed-prediction inference: a short run on the letter rules ends far above chance (4/26). */
class MplLearningTest {
    static PcConfig quick(String inference) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = Json.MAPPER.convertValue(PcConfig.defaults("letters", "mpl"), Map.class);
        m.put("inference", inference);
        m.put("epochs", 4);
        m.put("trainSize", 512);
        m.put("batch", 32);
        m.put("hidden", 32);
        m.put("inferenceSteps", 9); // rate 1 for the 9 scored steps: exact
        m.put("rate", 1.0);
        m.put("lr", 1e-2);
        m.put("ensemble", 3);
        m.put("generated", 100);
        return Json.MAPPER.convertValue(m, PcConfig.class);
    }

    @Test void fixedPredictionMplLearnsTheLetterRules() {
        PcConfig c = quick("fixed");
        try (NDManager manager = Engines.newManager(1)) {
            PcTrainer.Outcome o = PcTrainer.train(c, PcRuns.task(c, null), manager, e -> {});
            assertTrue(o.last().score() > 0.6, "rule fraction " + o.last().score() + " (chance 0.154)");
        }
    }
}
