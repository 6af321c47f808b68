/**
 * The foundation every package stands on: errors meant for the user ({@link dev.engram.core.UserError}), the one
 * JSON mapper, atomic file writes, seeds split per purpose, the tensor engine set-up, progress lines on stderr,
 * and the run-folder layout (run.json with its provenance, metrics.jsonl, checkpoint/, report.html).
 *
 * <p>Imports no other Engram package.
 */
package dev.engram.core;
