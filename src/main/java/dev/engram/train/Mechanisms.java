package dev.engram.train;

import dev.engram.core.UserError;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The registry of named {@link Mechanism}s: every class listed in
 * {@code META-INF/services/dev.engram.train.Mechanism}, found with {@link ServiceLoader} so that {@code train}
 * need not import the packages (brain, forgetting, sleep) that define them.
 */
public final class Mechanisms {
    private Mechanisms() {}

    /** Every registered mechanism by name. */
    public static Map<String, Mechanism> all() {
        var out = new TreeMap<String, Mechanism>();
        for (Mechanism m : ServiceLoader.load(Mechanism.class, Mechanisms.class.getClassLoader()))
            if (out.put(m.name(), m) != null) throw new IllegalStateException("two mechanisms are named " + m.name());
        return out;
    }

    /** The listener of a spec such as "forecast:layer=3,distance=8,weight=0.5"; unknown names list the known ones. */
    public static TrainingListener create(String spec) {
        MechanismSpec s = MechanismSpec.parse(spec);
        Map<String, Mechanism> all = all();
        Mechanism m = all.get(s.name());
        if (m == null) throw new UserError("--mechanism " + s.name() + ": no such mechanism (known: " + String.join(", ", all.keySet()) + ")");
        return m.create(s);
    }

    /** The canonical text of a spec (as saved in run.json). */
    public static String canonical(String spec) { return MechanismSpec.parse(spec).toString(); }
}
