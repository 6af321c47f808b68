/**
 * The one training loop ({@link dev.engram.train.TrainLoop}) that every model and mechanism plugs into: a
 * {@link dev.engram.train.Trainable} model, a {@link dev.engram.train.BatchSource} (a batch is a function of seed
 * and step, so resume is exact), AdamW with warm-up and cosine decay, clipping, and checkpoints. Everything else
 * is a {@link dev.engram.train.TrainingListener}: the divergence guard, evaluation, metrics.jsonl, progress and
 * checkpoints are the loop's own; mechanisms are named ({@code --mechanism NAME:k=v}) and found by
 * {@link dev.engram.train.Mechanisms} in META-INF/services, so the packages above that define them (brain,
 * forgetting, sleep) are never imported here. GPT-2 is one Trainable ({@link dev.engram.train.LanguageModel},
 * driven by {@link dev.engram.train.Trainer} and {@link dev.engram.train.TrainRun} with phases: --init-from,
 * --reinit, --freeze). The pc package keeps its own epoch loop; its package doc says why.
 *
 * <p>May import core, io, data and nn; nothing above.
 */
package dev.engram.train;
