package dev.engram.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The fields in which two configurations of one type differ, compared as JSON (for refusing or recording a change on resume). */
public final class ConfigDiff {
    private ConfigDiff() {}

    /** One differing field, with both values as JSON text. */
    public record Change(String field, String saved, String given) {
        @Override public String toString() { return field + " (saved " + saved + ", given " + given + ")"; }
    }

    public static List<Change> between(Object saved, Object given) {
        JsonNode a = Json.MAPPER.valueToTree(saved), b = Json.MAPPER.valueToTree(given);
        Set<String> fields = new LinkedHashSet<>();
        a.fieldNames().forEachRemaining(fields::add);
        b.fieldNames().forEachRemaining(fields::add);
        List<Change> out = new ArrayList<>();
        for (String f : fields) {
            JsonNode x = a.path(f), y = b.path(f);
            if (!x.equals(y)) out.add(new Change(f, x.isMissingNode() ? "none" : x.toString(), y.isMissingNode() ? "none" : y.toString()));
        }
        return out;
    }
}
