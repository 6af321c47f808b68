package dev.engram.train;

import dev.engram.core.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * metrics.jsonl: one JSON object per step with step, train_loss, the listeners' measurements (val_loss on
 * evaluation steps), the throughput (e.g. tokens_per_s), lr and grad_norm. On resume, lines past the checkpoint's step are dropped so the file tells one history.
 */
final class MetricsLog implements AutoCloseable {
    private final Path file;
    private final String rateName;
    private BufferedWriter out;

    MetricsLog(Path file, String rateName) {
        this.file = file;
        this.rateName = rateName;
    }

    /** Keeps the lines with step <= {@code step} (0: starts the file anew) and opens it for appending. */
    void truncateAfter(int step) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            List<String> keep = new ArrayList<>();
            if (step > 0 && Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) continue;
                    try {
                        if (Json.MAPPER.readTree(line).path("step").asInt(Integer.MAX_VALUE) <= step) keep.add(line);
                    } catch (IOException e) {
                        break; // a line cut by a kill: everything after it is dropped
                    }
                }
            }
            Files.write(file, keep.isEmpty() ? List.of() : keep, StandardCharsets.UTF_8);
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** step, train_loss, the listeners' measurements (val_loss, ...), the throughput, lr, grad_norm. */
    void log(StepRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", r.step());
        m.put("train_loss", r.loss());
        m.putAll(r.valuesView());
        m.put(rateName, Math.round(r.itemsPerSecond()));
        m.put("lr", r.lr());
        m.put("grad_norm", r.gradNorm());
        try {
            out.write(Json.line(m));
            out.newLine();
            out.flush(); // readable while the run goes on
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void close() {
        try {
            if (out != null) out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
