package dev.engram.pc;

import static org.junit.jupiter.api.Assertions.*;

import dev.engram.core.Json;
import dev.engram.core.UserError;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config record: the recipe's defaults, a JSON round trip, and errors naming the field. */
class PcConfigTest {
    @Test void recipeDefaultsAndSchedule() {
        PcConfig c = PcConfig.defaults("smnist", "mpl");
        assertEquals(128, c.batch());
        assertEquals(0.1, c.rate());
        assertEquals(0.99, c.piMax());
        assertEquals(100, c.inferenceStepsAt(39));
        assertEquals(200, c.inferenceStepsAt(40));
        assertEquals(1e-2, c.lrAt(39), 1e-15);
        assertEquals(5e-3, c.lrAt(40), 1e-15);
        assertEquals(2.5e-3, c.lrAt(80), 1e-15);
    }

    @Test void jsonRoundTrip() {
        PcConfig c = PcConfig.defaults("letters", "pc").with(7, 300, 42);
        assertEquals(c, Json.MAPPER.convertValue(Json.MAPPER.convertValue(c, Map.class), PcConfig.class));
    }

    @Test void badFieldsAreNamed() {
        PcConfig d = PcConfig.defaults("letters", "mpl");
        UserError e = assertThrows(UserError.class, () -> new PcConfig(d.task(), "sgd", d.inference(), d.epochs(), d.trainSize(), d.testSize(), d.batch(),
                d.hidden(), d.inferenceSteps(), d.laterInferenceSteps(), d.laterFrom(), d.rate(), d.lr(), d.lrHalfEvery(), d.weightDecay(),
                d.clip(), d.pi0(), d.xi0(), d.m0(), d.piMax(), d.fanInLr(), d.detPi(), d.detXi(), d.ensemble(), d.letterLength(), d.branches(),
                d.generated(), d.corpus(), d.vocab(), d.embedding(), d.textLength(), d.seed()));
        assertTrue(e.getMessage().contains("method"), e.getMessage());
        e = assertThrows(UserError.class, () -> new PcConfig(d.task(), d.method(), d.inference(), d.epochs(), d.trainSize(), d.testSize(), d.batch(),
                d.hidden(), d.inferenceSteps(), d.laterInferenceSteps(), d.laterFrom(), d.rate(), d.lr(), d.lrHalfEvery(), d.weightDecay(),
                d.clip(), 1.5, d.xi0(), d.m0(), d.piMax(), d.fanInLr(), d.detPi(), d.detXi(), d.ensemble(), d.letterLength(), d.branches(),
                d.generated(), d.corpus(), d.vocab(), d.embedding(), d.textLength(), d.seed()));
        assertTrue(e.getMessage().contains("pi0"), e.getMessage());
    }
}
