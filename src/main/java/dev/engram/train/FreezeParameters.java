package dev.engram.train;

import java.util.List;

/** Keeps the parameters matched by {@code patterns} (names or globs) fixed for the whole run (--freeze). */
final class FreezeParameters implements TrainingListener {
    private final List<String> patterns;

    FreezeParameters(List<String> patterns) { this.patterns = patterns; }

    @Override public void onStart(TrainingContext ctx) {
        ParameterNames.select(ctx.model().parameters().keySet(), patterns, "--freeze").forEach(ctx::freeze);
    }
}
