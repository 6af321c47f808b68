package dev.engram.train;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.Json;
import dev.engram.core.UserError;
import java.util.Map;

/**
 * What a checkpoint needs besides the weights and the optimizer's moments to continue a run exactly: the step
 * reached, the items seen, the optimizer's per-parameter step counts, every listener's state by name, and the
 * run's configuration. Random streams derive from (seed, purpose, step), so the step is the whole random state.
 */
public record TrainingState(int step, long itemsSeen, Map<String, Integer> optimizerSteps, Map<String, Map<String, Object>> listeners,
                            String randomState, JsonNode config) {
    /** The saved configuration as {@code type}. */
    public <T> T config(Class<T> type) {
        try {
            return Json.MAPPER.treeToValue(config, type);
        } catch (Exception e) {
            Throwable c = e;
            while (c.getCause() != null && !(c instanceof UserError)) c = c.getCause();
            if (c instanceof UserError u) throw u;
            throw new UserError("the checkpoint's configuration is not a valid " + type.getSimpleName() + " (" + e.getMessage() + ")", e);
        }
    }
}
