package dev.engram.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.core.AtomicFiles;
import dev.engram.core.Json;
import dev.engram.core.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Choosing tokenizers by name and keeping them beside a model, in Engram's own tokenizer file. */
public final class Tokenizers {
    /** Engram's tokenizer file in a model folder. A folder without one is read with GPT-2's BPE. */
    public static final String FILE = "engram-tokenizer.json";

    private Tokenizers() {}

    /** "byte", "gpt2", or "bpe:SIZE" (trained on {@code corpus}, which may be null for the other two). */
    public static Tokenizer create(String spec, String corpus) {
        if (spec.equals("byte")) return new ByteTokenizer();
        if (spec.equals("gpt2")) return new Gpt2Tokenizer();
        if (spec.startsWith("bpe:")) {
            int size;
            try {
                size = Integer.parseInt(spec.substring(4));
            } catch (NumberFormatException e) {
                throw new UserError("--tokenizer " + spec + ": SIZE must be a whole number, e.g. bpe:2048");
            }
            if (size <= 256 || size > 1_000_000) throw new UserError("--tokenizer " + spec + ": SIZE must lie in 257..1000000");
            if (corpus == null) throw new UserError("--tokenizer " + spec + " learns its vocabulary from a corpus; give --corpus");
            return BpeTrainer.train(corpus, size);
        }
        throw new UserError("unknown tokenizer '" + spec + "': use byte, gpt2 or bpe:SIZE (e.g. bpe:2048)");
    }

    public static void save(Tokenizer t, Path modelDir) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        switch (t) {
            case ByteTokenizer b -> n.put("type", "byte");
            case Gpt2Tokenizer g -> n.put("type", "gpt2");
            case BpeTokenizer b -> {
                n.put("type", "bpe");
                n.put("vocab_size", b.vocabSize());
                var arr = n.putArray("merges");
                for (int[] m : b.merges()) arr.addArray().add(m[0]).add(m[1]);
            }
            default -> throw new IllegalArgumentException("cannot save tokenizer " + t.name());
        }
        AtomicFiles.write(modelDir.resolve(FILE), (n.toString() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The tokenizer saved with a model, or GPT-2's BPE when the folder has no Engram tokenizer file. */
    public static Tokenizer forModel(Path modelDir) {
        Path f = modelDir.resolve(FILE);
        if (!Files.exists(f)) return new Gpt2Tokenizer();
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(Files.readAllBytes(f));
        } catch (IOException e) {
            throw new UserError(f + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
        String type = n.path("type").asText("");
        return switch (type) {
            case "byte" -> new ByteTokenizer();
            case "gpt2" -> new Gpt2Tokenizer();
            case "bpe" -> {
                JsonNode ms = n.get("merges");
                if (ms == null || !ms.isArray()) throw new UserError(f + ": field 'merges' is missing");
                int[][] merges = new int[ms.size()][];
                for (int i = 0; i < merges.length; i++) {
                    JsonNode m = ms.get(i);
                    if (!m.isArray() || m.size() != 2) throw new UserError(f + ": merges[" + i + "] must be a pair of ids");
                    merges[i] = new int[] {m.get(0).asInt(), m.get(1).asInt()};
                }
                try {
                    yield new BpeTokenizer(merges);
                } catch (IllegalArgumentException e) {
                    throw new UserError(f + ": " + e.getMessage());
                }
            }
            default -> throw new UserError(f + ": field 'type' is '" + type + "'; expected byte, gpt2 or bpe");
        };
    }

    /** Reads a file of whitespace-separated token ids, each checked against the vocabulary. */
    public static int[] readIds(Path file, int vocabSize) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")");
        }
        String[] parts = text.trim().isEmpty() ? new String[0] : text.trim().split("\\s+");
        int[] ids = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                ids[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new UserError(file + ": token " + (i + 1) + " is '" + parts[i] + "', not a whole number");
            }
            if (ids[i] < 0 || ids[i] >= vocabSize)
                throw new UserError(file + ": token " + (i + 1) + " is " + ids[i] + ", outside the model's vocabulary 0.." + (vocabSize - 1));
        }
        return ids;
    }
}
