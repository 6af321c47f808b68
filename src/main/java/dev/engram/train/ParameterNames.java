package dev.engram.train;

import dev.engram.core.UserError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Selects parameters by exact name or glob ("h.*.attn.*", "wte.weight"), in the model's order. */
final class ParameterNames {
    private ParameterNames() {}

    /** The names matched by any of {@code patterns}; a pattern that matches nothing is an error naming {@code option}. */
    static List<String> select(Collection<String> names, List<String> patterns, String option) {
        var out = new LinkedHashSet<String>();
        for (String p : patterns) {
            Pattern re = Pattern.compile(("\\Q" + p + "\\E").replace("*", "\\E.*\\Q"));
            List<String> hit = names.stream().filter(n -> re.matcher(n).matches()).toList();
            if (hit.isEmpty()) {
                List<String> some = new ArrayList<>(names).subList(0, Math.min(6, names.size()));
                throw new UserError(option + " " + p + ": matches no parameter (names look like " + some + "; * matches any text)");
            }
            out.addAll(hit);
        }
        return List.copyOf(out);
    }
}
