package dev.engram.nn;

import ai.djl.ndarray.NDManager;
import dev.engram.core.Json;
import dev.engram.core.UserError;
import dev.engram.io.Safetensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model folder in Hugging Face GPT-2 form: {@code config.json} and {@code model.safetensors}. Files written
 * here load in the Hugging Face library (GPT2LMHeadModel.from_pretrained) and theirs load here.
 */
public final class ModelFiles {
    public static final String CONFIG = "config.json";
    public static final String WEIGHTS = "model.safetensors";

    private ModelFiles() {}

    public static GptConfig readConfig(Path dir) {
        Path cfg = dir.resolve(CONFIG);
        if (!Files.isRegularFile(cfg))
            throw new UserError(dir + " is not a model folder: " + CONFIG + " is missing (train one with `engram train --out "
                    + dir + "`, or point --model at a Hugging Face GPT-2 folder)");
        var node = readTree(cfg);
        if (node.has("model_type") && !node.get("model_type").asText().equals("gpt2"))
            throw new UserError(cfg + ": model_type is '" + node.get("model_type").asText() + "'; Engram loads GPT-2 models only");
        for (String field : new String[] {"vocab_size", "n_positions", "n_embd", "n_layer", "n_head"})
            if (!node.hasNonNull(field) || !node.get(field).canConvertToInt())
                throw new UserError(cfg + ": field '" + field + "' is missing or not an integer");
        return Json.read(cfg, GptConfig.class);
    }

    public static TransformerLM load(Path dir, NDManager manager) {
        GptConfig c = readConfig(dir);
        Path w = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(w)) throw new UserError(dir + ": " + WEIGHTS + " is missing (only safetensors weights are read)");
        return TransformerLM.fromTensors(c, Safetensors.read(w).tensors(), manager, w.toString());
    }

    /** Writes config.json and model.safetensors into {@code dir} (each atomically). */
    public static void save(TransformerLM model, Path dir) {
        Json.writeFile(dir.resolve(CONFIG), model.config());
        Safetensors.write(dir.resolve(WEIGHTS), model.toTensors(), Map.of("format", "pt", "writer", "engram"));
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(Path p) {
        try {
            return Json.MAPPER.readTree(Files.readAllBytes(p));
        } catch (java.io.IOException e) {
            throw new UserError(p + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }
}
