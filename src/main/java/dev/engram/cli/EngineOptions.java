package dev.engram.cli;

import ai.djl.ndarray.NDManager;
import dev.engram.core.Engines;
import dev.engram.core.UserError;
import picocli.CommandLine.Option;

/** --threads, shared by every command that runs the neural engine. */
final class EngineOptions {
    @Option(names = "--threads", paramLabel = "N", description = "PyTorch intra-op threads (default: all cores).")
    int threads = 0;

    NDManager manager() {
        if (threads < 0) throw new UserError("--threads must be >= 0");
        return Engines.newManager(threads == 0 ? Engines.defaultThreads() : threads);
    }
}
