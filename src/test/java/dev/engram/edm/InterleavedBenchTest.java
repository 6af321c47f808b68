package dev.engram.edm;

import dev.engram.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The bench's call-by-call protocol with pyEDM, driven by a stand-in server script with known call times. */
class InterleavedBenchTest {
    @org.junit.jupiter.api.BeforeEach
    void needsPython() { assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "the bench runs /usr/bin/python3"); }

    @Test
    void alternatesCallsAndReportsTheRatioOfEachRound(@TempDir Path dir) throws Exception {
        // The stand-in answers every 'run' with 0.5 s; the Java side sleeps about 50 ms, so each ratio is near 10x.
        Path server = dir.resolve("server.py");
        Files.writeString(server, """
                import sys
                print("pyEDM stand-in")
                print("ready", flush=True)
                n = 0
                for line in sys.stdin:
                    if line.strip() != "run":
                        break
                    n += 1
                    print("0.5", flush=True)
                sys.stderr.write(f"calls {n}\\n")
                """);
        int[] engramCalls = {0};
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        EdmBench.interleavedSimplex(server, () -> {
            engramCalls[0]++;
            try { Thread.sleep(50); } catch (InterruptedException e) { throw new RuntimeException(e); }
        }, 5, new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(5, engramCalls[0]);
        assertTrue(out.contains("pyEDM best 0.500 s, median 0.500 s"), out);
        assertTrue(out.contains("pyEDM stand-in"), out);
        // 0.5 s over 50 ms plus scheduling: between 5x and 10x per round.
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("per-round median ([0-9.]+)x").matcher(out);
        assertTrue(m.find(), out);
        double ratio = Double.parseDouble(m.group(1));
        assertTrue(ratio > 5 && ratio <= 10, out);
    }

    @Test
    void aServerThatStopsEarlyIsAClearError(@TempDir Path dir) throws Exception {
        Path server = dir.resolve("broken.py");
        Files.writeString(server, "print('pyedm unavailable: ImportError')\n");
        UserError e = assertThrows(UserError.class, () -> EdmBench.interleavedSimplex(server, () -> {}, 3,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("stopped before 'ready'") && e.getMessage().contains("ImportError"), e.getMessage());
    }
}
