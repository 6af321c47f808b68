package dev.engram.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Where a run came from, saved in every run.json: Engram's version and git commit (when the launcher's folder
 * is a git checkout), the command line, the Java and engine versions, the threads, the machine and the seed.
 *
 * @param engram       Engram's version
 * @param gitCommit    the checkout's commit (40 hex digits), or null when it is not known
 * @param commandLine  the arguments after `engram`, as given
 * @param java         the Java runtime's version and vendor
 * @param engine       the tensor engine and its version, or null for commands that do not start it
 * @param threads      the engine's intra-op threads (0 when the engine is not used)
 * @param machine      host name, operating system and available cores
 * @param seed         the run's one seed
 * @param startedAt    when the run (or this resumed part of it) started, ISO-8601 UTC
 */
public record Provenance(String engram, String gitCommit, List<String> commandLine, String java, String engine, int threads,
                         String machine, long seed, String startedAt) {
    public static final String VERSION = "0.1.0";
    private static volatile List<String> arguments = List.of();

    /** Called once by the command-line entry point with the arguments it received. */
    public static void recordCommandLine(String[] args) { arguments = List.of(args); }

    /** The provenance of a run started now in this process. */
    public static Provenance of(long seed, String engine, int threads) {
        return new Provenance(VERSION, readGitCommit(), arguments, System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                engine, threads, describeMachine(), seed, Instant.now().toString());
    }

    /** HEAD's commit of the launcher's folder (-Dengram.home, else the working directory), read from .git without running git. */
    static String readGitCommit() {
        Path git = Path.of(System.getProperty("engram.home", ".")).resolve(".git");
        try {
            if (Files.isRegularFile(git)) { // a worktree: ".git" names its git folder ("gitdir: PATH"), whose commondir holds the refs
                Path wt = git.resolveSibling(Files.readString(git, StandardCharsets.UTF_8).strip().replaceFirst("^gitdir: ", ""));
                String head = Files.readString(wt.resolve("HEAD"), StandardCharsets.UTF_8).strip();
                if (!head.startsWith("ref: ")) return head;
                Path common = Files.isRegularFile(wt.resolve("commondir"))
                        ? wt.resolve(Files.readString(wt.resolve("commondir"), StandardCharsets.UTF_8).strip()) : wt;
                return resolveRef(common, head.substring(5));
            }
            if (!Files.isDirectory(git)) return null;
            String head = Files.readString(git.resolve("HEAD"), StandardCharsets.UTF_8).strip();
            if (!head.startsWith("ref: ")) return head;
            return resolveRef(git, head.substring(5));
        } catch (IOException | RuntimeException e) {
            return null; // provenance is best effort: an unreadable .git never stops a run
        }
    }

    private static String resolveRef(Path git, String ref) throws IOException {
        Path loose = git.resolve(ref);
        if (Files.isRegularFile(loose)) return Files.readString(loose, StandardCharsets.UTF_8).strip();
        Path packed = git.resolve("packed-refs");
        if (!Files.isRegularFile(packed)) return null;
        for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8))
            if (line.endsWith(" " + ref)) return line.substring(0, line.indexOf(' '));
        return null;
    }

    static String describeMachine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        return host + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores";
    }
}
