package dev.engram.brain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.engram.linalg.EncodingModel;
import dev.engram.linalg.NativeBlas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The virtual listener's planted answer is recovered by `brain score` (small, seconds). */
class PhantomRecoveryTest {
    @TempDir Path tmp;

    @BeforeAll static void blas() { assumeTrue(NativeBlas.available(), "no OpenBLAS (apt-get install -y libopenblas0-pthread)"); }

    /** A plain story of n words with varied lengths and punctuation (timing comes from Phantom.timeStory). */
    static String story(int n) {
        String[] vocab = {"the", "river", "was", "quiet,", "and", "she", "listened", "to", "distant", "bells.", "Nobody", "came;",
                "a", "lantern", "swung", "slowly", "over", "water", "while", "old", "stories", "returned!"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append(vocab[(i * 7 + i / 5) % vocab.length]).append(' ');
        return sb.toString();
    }

    static ScoreConfig scoreConfig(Path dir, double tr, int from, int to, Integer layer) {
        return ScoreConfig.builder().features(dir.resolve("features.npy")).words(dir.resolve("align.csv"))
                .bold(List.of(dir.resolve("bold.npy"))).tr(tr).delays(6).forecastFrom(from).forecastTo(to).window(1)
                .alphas(EncodingModel.logspace(-1, 8, 10)).innerFolds(0).folds(5).layer(layer).bootstrap(0).permutations(0).seed(1)
                .truth(dir.resolve("truth.csv")).threads(1).build();
    }

    @Test void megLikePhantomRecoversPlantedDistances() {
        Words w = Phantom.timeStory(story(700));
        BrainScore.Features f = Phantom.syntheticFeatures(w.size(), 1, 8, 7);
        var regions = Phantom.Region.parse("temporal:d=2,n=6;parietal:d=5,n=6;frontal:d=8,n=6");
        var c = new Phantom.Config(regions, Phantom.Modality.MEG, 0.1, 1.0, 7, null, 1.0);
        Phantom.Result r = Phantom.simulate(c, w, f);
        Path dir = tmp.resolve("meg");
        Phantom.write(dir, c, r, w, f, true);
        BrainScore.Summary s = BrainScore.run(scoreConfig(dir, 0.1, 0, 12, null), tmp.resolve("meg-score"));
        assertNotNull(s.recoveryWithin1());
        assertTrue(s.recoveryWithin1() >= 0.9, "d* within 1 of the planted d for " + s.recoveryWithin1() + " of channels");
        assertTrue(Files.exists(tmp.resolve("meg-score/confusion.png")));
    }

    @Test void layeredPhantomOrdersRegionsByDepth() {
        Words w = Phantom.timeStory(story(600));
        BrainScore.Features f = Phantom.syntheticFeatures(w.size(), 4, 8, 11);
        var regions = Phantom.Region.parse("shallow:d=3,depth=0,n=6;deep:d=3,depth=3,n=6");
        var c = new Phantom.Config(regions, Phantom.Modality.MEG, 0.1, 1.0, 11, 1, 1.0);
        Phantom.Result r = Phantom.simulate(c, w, f);
        Path dir = tmp.resolve("layers");
        Phantom.write(dir, c, r, w, f, true);
        BrainScore.Summary s = BrainScore.run(scoreConfig(dir, 0.1, 2, 4, 1), tmp.resolve("layers-score"));
        assertEquals(1.0, s.depthOrderCorrect(), "median k* of the deep region exceeds the shallow one's");
        assertTrue(Files.exists(tmp.resolve("layers-score/depth.csv")));
    }

    @Test void fmriPhantomReportsItsConfusionMatrix() throws Exception {
        Words w = Phantom.timeStory(story(500));
        BrainScore.Features f = Phantom.syntheticFeatures(w.size(), 1, 6, 3);
        var c = new Phantom.Config(Phantom.Region.parse("a:d=1,n=4;b:d=6,n=4"), Phantom.Modality.FMRI, 1.5, 2.0, 3, null, 20);
        Phantom.Result r = Phantom.simulate(c, w, f);
        Path dir = tmp.resolve("fmri");
        Phantom.write(dir, c, r, w, f, true);
        BrainScore.Summary s = BrainScore.run(scoreConfig(dir, 1.5, 0, 8, null), tmp.resolve("fmri-score"));
        String html = Files.readString(tmp.resolve("fmri-score/report.html"));
        assertTrue(html.contains("planted d vs recovered d*") && html.contains("planted d=6"), "confusion matrix in the report");
        assertTrue(s.meanR() > 0.2, "the current-word response is found at fMRI resolution, r=" + s.meanR());
        assertTrue(Files.exists(dir.resolve("bold.nii.gz")));
    }

    @Test void hrfAndKernelShapes() {
        double peak = 0, at = 0;
        for (double t = 0; t < 30; t += 0.01) if (Phantom.hrf(t) > peak) { peak = Phantom.hrf(t); at = t; }
        assertEquals(5.0, at, 0.05, "double-gamma HRF peaks at 5 s");
        assertTrue(Phantom.hrf(15) < 0, "undershoot");
        assertEquals(1.0, Phantom.evoked(0.2), 1e-12);
        assertTrue(Phantom.evoked(0.1) < 1 && Phantom.evoked(0.3) < 1);
    }
}
