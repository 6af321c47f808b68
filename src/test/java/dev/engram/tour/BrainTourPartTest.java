package dev.engram.tour;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import dev.engram.core.Engines;
import dev.engram.linalg.NativeBlas;
import dev.engram.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tour section runs end to end and its report shows per-region F(d) curves and the MEG recovery. */
class BrainTourPartTest {
    @TempDir Path tmp;

    @Test void tourSectionRuns() throws Exception {
        assumeTrue(NativeBlas.available(), "no OpenBLAS");
        Report r = new Report("t");
        try (NDManager m = Engines.newManager(1)) {
            new BrainTourPart(null, 300).run(tmp.resolve("brain"), m, r);
        }
        Path html = r.write(tmp);
        String s = Files.readString(html);
        assertTrue(s.contains("MEG: d* within 1 word of the truth") && s.contains("brain_meg_fd.png"), "report section");
        assertTrue(Files.exists(tmp.resolve("brain_fmri_fd.png")));
        assertTrue(Files.exists(tmp.resolve("brain/fmri-scores/confusion.png")));
        assertTrue(BrainTourPart.story(50).split(" ").length >= 50);
    }
}
