package dev.engram.tour;

import ai.djl.ndarray.NDManager;
import dev.engram.report.Report;
import java.nio.file.Path;

/** One experiment of the tour: runs on embedded defaults, writes its files under {@code dir}, adds to the report. */
public interface TourPart {
    String title();

    void run(Path dir, NDManager manager, Report report);
}
