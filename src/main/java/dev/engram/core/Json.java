package dev.engram.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one JSON mapper of the project (records in and out, pretty output). */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {}

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line, for JSON-lines files. */
    public static String line(Object value) {
        try {
            return MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeFile(Path path, Object value) {
        AtomicFiles.write(path, (write(value) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads {@code path} as {@code type}; a malformed file is a {@link UserError} naming it. */
    public static <T> T read(Path path, Class<T> type) {
        try {
            return MAPPER.readValue(Files.readAllBytes(path), type);
        } catch (IOException e) {
            throw new UserError(path + ": not valid JSON for " + type.getSimpleName() + " (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }
}
