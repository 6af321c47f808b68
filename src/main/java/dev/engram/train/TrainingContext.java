package dev.engram.train;

import ai.djl.ndarray.NDManager;
import dev.engram.core.UserError;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

/**
 * What listeners may see and change during a run. Parameter controls (freeze, own schedule, re-draw) take
 * effect from the next optimizer update; they are not checkpointed, so a listener sets them again in
 * {@link TrainingListener#onStart} (after its state was restored).
 */
public final class TrainingContext {
    private final LoopConfig config;
    private final Trainable model;
    private final AdamW optimizer;
    private final NDManager manager;
    private final Path outDir;
    private final int startStep, lastStep;
    private final Checkpointer checkpointer;
    private final Set<String> frozen = new LinkedHashSet<>();
    private final Map<String, IntToDoubleFunction> schedules = new HashMap<>();

    /** Writes a checkpoint at a step (the loop's own implementation). */
    interface Checkpointer {
        void save(int step);
    }

    TrainingContext(LoopConfig config, Trainable model, AdamW optimizer, NDManager manager, Path outDir, int startStep, int lastStep,
                    Checkpointer checkpointer) {
        this.config = config;
        this.model = model;
        this.optimizer = optimizer;
        this.manager = manager;
        this.outDir = outDir;
        this.startStep = startStep;
        this.lastStep = lastStep;
        this.checkpointer = checkpointer;
    }

    public LoopConfig config() { return config; }

    public Trainable model() { return model; }

    /** The model as {@code type}, or a clear error naming {@code who} needs it. */
    public <T> T model(Class<T> type, String who) {
        if (!type.isInstance(model))
            throw new UserError(who + " works with " + type.getSimpleName() + " models only; this run trains a " + model.getClass().getSimpleName());
        return type.cast(model);
    }

    public AdamW optimizer() { return optimizer; }

    public NDManager manager() { return manager; }

    public Path outDir() { return outDir; }

    /** The step this call started after (0 for a fresh run, the checkpoint's step on resume). */
    public int startStep() { return startStep; }

    /** The last step this call runs (the run's last, or where it was asked to stop). */
    public int lastStep() { return lastStep; }

    /** Writes a checkpoint now, for step {@code step}, holding every listener's state. */
    public void checkpoint(int step) { checkpointer.save(step); }

    /** Fails with the known names when {@code name} is not a parameter of the model. */
    public void requireParameter(String name, String who) {
        if (!model.parameters().containsKey(name)) {
            var names = model.parameters().keySet().stream().limit(6).toList();
            throw new UserError(who + ": the model has no parameter '" + name + "' (it has " + names
                    + (model.parameters().size() > names.size() ? ", ..." : "") + ")");
        }
    }

    /** Stops updating a parameter (its gradient no longer counts toward the clipping norm either). */
    public void freeze(String name) {
        requireParameter(name, "freeze");
        frozen.add(name);
    }

    public void unfreeze(String name) { frozen.remove(name); }

    public Set<String> frozen() { return Collections.unmodifiableSet(frozen); }

    /** Gives a parameter its own learning rate by step, in place of the run's schedule. */
    public void schedule(String name, IntToDoubleFunction lrAtStep) {
        requireParameter(name, "schedule");
        schedules.put(name, lrAtStep);
    }

    /** The learning rate of {@code name} at {@code step}: its own schedule, or the run's {@code base}. */
    double lr(String name, int step, double base) {
        IntToDoubleFunction s = schedules.get(name);
        return s == null ? base : s.applyAsDouble(step);
    }

    boolean hasOwnSchedules() { return !schedules.isEmpty(); }

    /** Re-draws a parameter from the model's initial distribution and forgets its optimizer moments and step count. */
    public void reinitialize(String name, SplittableRandom rng) {
        requireParameter(name, "reinitialize");
        model.reinitialize(name, rng);
        optimizer.reset(name);
    }
}
