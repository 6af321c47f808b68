package dev.engram.pc;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.core.Json;
import dev.engram.core.UserError;
import dev.engram.pc.PcConfig.Method;
import dev.engram.pc.PcConfig.Task;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config record: the recipe's defaults, a JSON round trip, and errors naming the field. */
class PcConfigTest {
    @Test void recipeDefaultsAndSchedule() {
        PcConfig c = PcConfig.defaults(Task.SMNIST, Method.MPL);
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
        PcConfig c = PcConfig.defaults(Task.LETTERS, Method.PC).toBuilder().epochs(7).trainSize(300).seed(42).build();
        assertEquals(c, Json.MAPPER.convertValue(Json.MAPPER.convertValue(c, Map.class), PcConfig.class));
    }

    /** JSON names the task, method and inference in lowercase; a run.json's "config" reads as the config itself. */
    @Test void lowercaseNamesAndRunJson() {
        PcConfig c = PcConfig.defaults(Task.TEXT, Method.BPTT);
        ObjectNode json = Json.MAPPER.valueToTree(c);
        assertEquals("text", json.get("task").asText());
        assertEquals("bptt", json.get("method").asText());
        assertEquals("fixed", json.get("inference").asText());
        ObjectNode run = Json.MAPPER.createObjectNode();
        run.set("config", json);
        run.putObject("provenance").put("seed", 1);
        assertEquals(c, PcConfig.fromJson(run, "run.json"));
        json.put("task", "Text");
        UserError e = assertThrows(UserError.class, () -> PcConfig.fromJson(json, "test"));
        assertEquals("config field task = Text: use smnist, letters or text", e.getMessage());
    }

    /** Text with fixed inference runs rate 1 for as many steps as the window; the other defaults keep 100/200 steps at 0.1. */
    @Test void textDefaultsFollowTheWindow() {
        PcConfig mpl = PcConfig.defaults(Task.TEXT, Method.MPL), pc = PcConfig.defaults(Task.TEXT, Method.PC);
        assertEquals(mpl.textLength(), mpl.inferenceSteps());
        assertEquals(mpl.textLength(), mpl.laterInferenceSteps());
        assertEquals(1.0, mpl.rate());
        assertEquals(PcConfig.Inference.STANDARD, pc.inference());
        assertEquals(100, pc.inferenceSteps());
        assertEquals(0.1, pc.rate());
        assertEquals(2000, PcConfig.defaults(Task.LETTERS, Method.MPL).trainSize());
    }

    @Test void badFieldsAreNamed() {
        PcConfig d = PcConfig.defaults(Task.LETTERS, Method.MPL);
        ObjectNode sgd = Json.MAPPER.valueToTree(d);
        sgd.put("method", "sgd");
        UserError e = assertThrows(UserError.class, () -> PcConfig.fromJson(sgd, "test"));
        assertTrue(e.getMessage().contains("method"), e.getMessage());
        e = assertThrows(UserError.class, () -> d.toBuilder().pi0(1.5).build());
        assertTrue(e.getMessage().contains("pi0"), e.getMessage());
    }
}
