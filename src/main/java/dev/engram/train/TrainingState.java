package dev.engram.train;

import java.util.Map;

/**
 * What a checkpoint needs besides the weights to continue a run exactly: the step reached, the optimizer's
 * per-parameter step counts (its moments are in optimizer.safetensors), and the run's configuration. Random
 * streams are derived from (seed, purpose, step), so the step is the whole random state.
 */
public record TrainingState(int step, long tokensSeen, double bestValidationLoss, double lowestTrainLoss,
                            Map<String, Integer> optimizerSteps, String randomState, TrainConfig config) {}
