package dev.engram.edm;

import dev.engram.core.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The bench's call-by-call protocol with pyEDM, driven by a stand-in server script with known call times and a fake
 * clock for the Engram side: the test checks the call order and the arithmetic of the report, never real time.
 */
class InterleavedBenchTest {
    @org.junit.jupiter.api.BeforeEach
    void needsPython() { assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "the bench runs /usr/bin/python3"); }

    /**
     * Five rounds with known times: the Engram call advances a fake clock by 100, 50, 200, 25, 80 ms and the
     * stand-in server reports 0.5, 0.4, 0.6, 0.1, 2.0 s. The per-round ratios are 5, 8, 3, 4, 25, so their median
     * is 5.0x; best over best is 0.1 / 0.025 = 4.0x, and pairing the sorted times instead of each round's own
     * would give a median of 6.25x. Nothing sleeps and no real time is measured.
     */
    @Test
    void alternatesCallsAndReportsTheMedianOfThePerRoundRatios(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("calls.log");
        Path server = dir.resolve("server.py");
        Files.writeString(server, """
                import sys
                def note(s):
                    with open(%s, "a") as f:
                        f.write(s + "\\n")
                note("server " + " ".join(sys.argv[1:]))
                print("pyEDM stand-in")
                print("ready", flush=True)
                seconds = ["0.5", "0.4", "0.6", "0.1", "2.0"]
                n = 0
                for line in sys.stdin:
                    if line.strip() != "run":
                        note("server got " + line.strip())
                        break
                    n += 1
                    note(f"pyEDM call {n}")
                    print(seconds[n - 1], flush=True)
                """.formatted("'" + log + "'"));
        long[] engramNanos = {100_000_000, 50_000_000, 200_000_000, 25_000_000, 80_000_000};
        long[] now = {1_000_000_000_000L};
        int[] engramCalls = {0};
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        EdmBench.interleavedSimplex(server, () -> {
            engramCalls[0]++;
            try {
                Files.writeString(log, "engram call " + engramCalls[0] + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            now[0] += engramNanos[engramCalls[0] - 1];
        }, 5, new PrintStream(buf, true, StandardCharsets.UTF_8), () -> now[0]);
        String out = buf.toString(StandardCharsets.UTF_8);

        assertEquals(5, engramCalls[0]);
        // Strictly alternating, Engram first: each Engram call waits for the previous pyEDM answer.
        List<String> calls = Files.readAllLines(log);
        assertEquals(List.of("server --serve-simplex",
                "engram call 1", "pyEDM call 1", "engram call 2", "pyEDM call 2", "engram call 3", "pyEDM call 3",
                "engram call 4", "pyEDM call 4", "engram call 5", "pyEDM call 5"), calls.subList(0, Math.min(11, calls.size())));
        // After the last round the bench asks the server to quit (it may be stopped before it logs that).
        assertTrue(calls.size() == 11 || calls.subList(11, calls.size()).equals(List.of("server got quit")), calls.toString());

        assertEquals("Simplex interleaved with pyEDM (5 rounds of one Engram call, then one pyEDM call): "
                + "Engram best 0.025 s, median 0.080 s; pyEDM best 0.100 s, median 0.500 s; "
                + "Java faster: 4.0x best over best, per-round median 5.0x (range 3.0-25.0x)", out.lines().findFirst().orElseThrow(), out);
        assertEquals(List.of("      pyEDM stand-in"), out.lines().skip(1).toList(), "the server's lines before 'ready', indented");
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
