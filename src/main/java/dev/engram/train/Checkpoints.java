package dev.engram.train;

import dev.engram.core.AtomicFiles;
import dev.engram.core.Json;
import dev.engram.core.RunFolder;
import dev.engram.core.UserError;
import dev.engram.io.Safetensors;
import dev.engram.nn.ModelFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A checkpoint is the model's own files (for GPT-2 a Hugging Face folder: config.json, model.safetensors, and
 * Engram's tokenizer file) with optimizer.safetensors (Adam moments) and training-state.json beside them. It is
 * staged in a sibling folder and swapped in whole, so a run killed at any moment leaves the previous complete
 * checkpoint.
 */
public final class Checkpoints {
    public static final String DIR = RunFolder.CHECKPOINT;
    public static final String STATE = "training-state.json";
    public static final String OPTIMIZER = "optimizer.safetensors";

    private Checkpoints() {}

    public static Path dir(Path runDir) { return runDir.resolve(DIR); }

    public static void save(Path runDir, Trainable model, AdamW optimizer, TrainingState state) {
        Path staged = runDir.resolve("." + DIR + ".staging");
        try {
            AtomicFiles.deleteRecursively(staged);
            Files.createDirectories(staged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        model.save(staged);
        Safetensors.write(staged.resolve(OPTIMIZER), optimizer.stateTensors(), Map.of("step", Integer.toString(state.step())));
        Json.writeFile(staged.resolve(STATE), state);
        AtomicFiles.replaceDirectory(staged, dir(runDir));
    }

    public static boolean exists(Path runDir) { return Files.isRegularFile(dir(runDir).resolve(STATE)); }

    public static TrainingState readState(Path runDir) {
        Path f = dir(runDir).resolve(STATE);
        if (!Files.isRegularFile(f))
            throw new UserError("--resume: " + runDir + " has no checkpoint (" + f + " is missing); start without --resume");
        return Json.read(f, TrainingState.class);
    }

    /** Loads the optimizer's moments and step counts saved with {@code state}. */
    static void loadOptimizer(Path runDir, AdamW optimizer, TrainingState state) {
        optimizer.load(Safetensors.read(dir(runDir).resolve(OPTIMIZER)).tensors(), state.optimizerSteps());
    }

    /**
     * A model folder given by the user: the folder itself when it holds config.json, else its checkpoint
     * subfolder (so both a run folder and a Hugging Face folder work as --model).
     */
    public static Path modelDir(Path given) {
        if (Files.isRegularFile(given.resolve(ModelFiles.CONFIG))) return given;
        if (Files.isRegularFile(dir(given).resolve(ModelFiles.CONFIG))) return dir(given);
        if (!Files.exists(given)) throw new UserError("--model " + given + ": no such folder");
        throw new UserError("--model " + given + ": neither it nor " + dir(given) + " holds a config.json; give a run folder from "
                + "`engram train --out` or a Hugging Face GPT-2 folder");
    }
}
