package dev.engram.core;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;

/**
 * Sets up DJL's PyTorch engine once per process: offline, with the thread counts and the unpack cache chosen
 * here. Must run before the first call to {@link Engine#getInstance()}; later calls with other settings are
 * ignored because PyTorch reads them only at start-up.
 */
public final class Engines {
    private static volatile boolean started;

    private Engines() {}

    /** Number of threads to use when the user gave none: every core, as PyTorch itself would. */
    public static int defaultThreads() { return Runtime.getRuntime().availableProcessors(); }

    /** Starts the engine with {@code threads} intra-op threads (0 = keep what is configured). */
    public static synchronized Engine start(int threads) {
        if (!started) {
            System.setProperty("ai.djl.offline", "true");
            if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
                System.setProperty("DJL_CACHE_DIR",
                        Path.of(System.getProperty("user.home"), ".cache", "engram", "djl").toString());
            }
            if (threads > 0) {
                System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            }
            try {
                Engine e = Engine.getEngine("PyTorch");
                started = true;
                return e;
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                throw new UserError("cannot start the PyTorch engine (" + e.getMessage() + "). The native library is "
                        + "unpacked into DJL_CACHE_DIR (" + System.getProperty("DJL_CACHE_DIR")
                        + "): check that it is writable and has ~500 MB free, and that target/lib holds "
                        + "pytorch-native-cpu (rebuild with ./engram).", e);
            }
        }
        return Engine.getEngine("PyTorch");
    }

    /** The engine and its version, e.g. "PyTorch 2.7.1", for provenance (starts the engine if needed). */
    public static String describe() {
        Engine e = start(0);
        return e.getEngineName() + " " + e.getVersion();
    }

    /** PyTorch's intra-op threads as the engine runs them (set once per process, at the engine's start). */
    public static int threads() {
        start(0);
        return ai.djl.pytorch.jni.JniUtils.getNumThreads();
    }

    /** A new root manager on the CPU; the caller closes it. */
    public static NDManager newManager(int threads) {
        return start(threads).newBaseManager();
    }
}
