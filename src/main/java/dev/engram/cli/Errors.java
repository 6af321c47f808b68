package dev.engram.cli;

import dev.engram.core.UserError;
import picocli.CommandLine;

/** Turns exceptions into one clear message; a stack trace only for bugs, and only with ENGRAM_DEBUG=1. */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        var err = cl.getErr();
        if (e instanceof UserError u) {
            err.println("error: " + u.getMessage());
            return 2;
        }
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof UserError)) root = root.getCause();
        if (root instanceof UserError u) {
            err.println("error: " + u.getMessage());
            return 2;
        }
        err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        if ("1".equals(System.getenv("ENGRAM_DEBUG"))) e.printStackTrace(err);
        else err.println("(set ENGRAM_DEBUG=1 to see the stack trace, and please report it)");
        return 1;
    }
}
