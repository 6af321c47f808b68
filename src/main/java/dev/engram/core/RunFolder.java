package dev.engram.core;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one layout of a run folder, for every command: {@code run.json} (the resolved configuration and its
 * provenance, plus the run's facts), {@code metrics.jsonl} (one JSON object per step or epoch),
 * {@code checkpoint/} (what a resumed run needs) and {@code report.html} (where the run draws charts).
 */
public final class RunFolder {
    public static final String RUN = "run.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String CHECKPOINT = "checkpoint";
    public static final String REPORT = "report.html";

    private RunFolder() {}

    public static Path runJson(Path dir) { return dir.resolve(RUN); }

    public static Path metrics(Path dir) { return dir.resolve(METRICS); }

    public static Path checkpoint(Path dir) { return dir.resolve(CHECKPOINT); }

    public static Path report(Path dir) { return dir.resolve(REPORT); }

    /**
     * Writes run.json atomically: {"config": config, "provenance": provenance, ...facts}. Facts are what the run
     * found out (the corpus's size, token counts, baselines); their keys must not be "config" or "provenance".
     */
    public static void writeRunJson(Path dir, Object config, Provenance provenance, Map<String, ?> facts) {
        var run = new LinkedHashMap<String, Object>();
        run.put("config", config);
        run.put("provenance", provenance);
        facts.forEach((k, v) -> {
            if (k.equals("config") || k.equals("provenance")) throw new IllegalArgumentException("run.json fact named " + k);
            run.put(k, v);
        });
        Json.writeFile(runJson(dir), run);
    }
}
