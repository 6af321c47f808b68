package dev.engram.train;

import dev.engram.core.UserError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed {@code NAME:key=value,key=value} mechanism spec. Its {@link #toString} is the canonical text saved in
 * run.json and the checkpoint. The typed getters fail with a {@link UserError} naming the mechanism and the key.
 */
public record MechanismSpec(String name, Map<String, String> values) {
    public MechanismSpec {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static MechanismSpec parse(String text) {
        String s = text.strip();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).strip();
        if (name.isEmpty() || !name.matches("[a-z][a-z0-9-]*"))
            throw new UserError("--mechanism '" + text + "': expected NAME:key=value,... with a lower-case NAME (e.g. forecast:layer=3,distance=8,weight=0.5)");
        var values = new LinkedHashMap<String, String>();
        if (colon >= 0 && !s.substring(colon + 1).isBlank()) {
            for (String kv : s.substring(colon + 1).split(",")) {
                String[] p = kv.split("=", 2);
                if (p.length != 2 || p[0].isBlank() || p[1].isBlank())
                    throw new UserError("--mechanism " + name + ": '" + kv + "' is not key=value (e.g. " + name + ":every=1000)");
                if (values.put(p[0].strip(), p[1].strip()) != null)
                    throw new UserError("--mechanism " + name + ": key '" + p[0].strip() + "' is given twice");
            }
        }
        return new MechanismSpec(name, values);
    }

    /** Fails unless every key is one of {@code allowed}. */
    public void allowOnly(String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (String k : values.keySet())
            if (!ok.contains(k)) throw new UserError("--mechanism " + name + ": unknown key '" + k + "' (known: " + String.join(", ", new TreeSet<>(ok)) + ")");
    }

    public String string(String key) {
        String v = values.get(key);
        if (v == null) throw new UserError("--mechanism " + name + ": missing " + key + "=... (see `engram train --help`)");
        return v;
    }

    public String string(String key, String fallback) { return values.getOrDefault(key, fallback); }

    public int integer(String key) {
        String v = string(key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UserError("--mechanism " + name + ": " + key + "=" + v + " is not an integer");
        }
    }

    public int integer(String key, int fallback) { return values.containsKey(key) ? integer(key) : fallback; }

    public double number(String key) {
        String v = string(key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UserError("--mechanism " + name + ": " + key + "=" + v + " is not a number");
        }
    }

    public double number(String key, double fallback) { return values.containsKey(key) ? number(key) : fallback; }

    /** A list value written with '+' between items (commas separate keys), e.g. params=wte.weight+wpe.weight. */
    public List<String> list(String key) { return List.of(string(key).split("\\+")); }

    /** Fails with {@code message} (prefixed with the mechanism's name) unless {@code ok}. */
    public void require(boolean ok, String message) {
        if (!ok) throw new UserError("--mechanism " + name + ": " + message);
    }

    @Override public String toString() {
        if (values.isEmpty()) return name;
        var sb = new StringBuilder(name).append(':');
        values.forEach((k, v) -> sb.append(k).append('=').append(v).append(','));
        return sb.substring(0, sb.length() - 1);
    }
}
