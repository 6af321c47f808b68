package dev.engram.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Runs the `engram` command line in-process, as a user would, capturing its exit code, stdout and stderr. */
public final class CliRun {
    private CliRun() {}

    /** What one command printed and returned. */
    public record Result(int code, String out, String err) {}

    /** Arguments are turned into strings, so paths and numbers can be passed as they are. */
    public static Result run(Object... args) {
        String[] a = Arrays.stream(args).map(String::valueOf).toArray(String[]::new);
        var out = new ByteArrayOutputStream();
        var err = new StringWriter();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            var cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            code = cl.execute(a);
        } finally {
            System.setOut(old);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString());
    }
}
