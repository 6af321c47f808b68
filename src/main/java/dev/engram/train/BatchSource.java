package dev.engram.train;

/**
 * Where a run's batches come from. A batch is a pure function of the run's seed and the 1-based step, so a run
 * resumed at step s draws exactly the batches an uninterrupted run would: the step is the whole state. A phase
 * on another corpus (adaptation, sleep) is a new source; a listener may also swap single batches
 * ({@link TrainingListener#batch}).
 */
public interface BatchSource {
    /** The batch of 1-based {@code step}. */
    Batch batch(int step);

    /** What the batches are drawn from, for run.json and messages (e.g. "europarl:en, 1.2M tokens"). */
    String describe();
}
