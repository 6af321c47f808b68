package dev.engram.brain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.engram.cli.CliRun;
import dev.engram.io.Npy;
import dev.engram.io.Tensor;
import dev.engram.linalg.NativeBlas;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `engram brain ...` as a user runs it: outputs, and bad input refused with a clear message and nothing written. */
class BrainCliTest {
    @TempDir Path tmp;

    @BeforeAll static void blas() { assumeTrue(NativeBlas.available(), "no OpenBLAS (apt-get install -y libopenblas0-pthread)"); }

    static CliRun.Result run(Object... args) { return CliRun.run(args); }

    static Path parity(String f) {
        try {
            return Path.of(BrainCliTest.class.getResource("/brain/parity/" + f).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path io(String f) {
        try {
            return Path.of(BrainCliTest.class.getResource("/brain/io/" + f).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs score with bad input: exit 2, message containing {@code expect}, and no output folder. */
    void refused(String expect, Object... args) {
        Path out = tmp.resolve("out-" + Math.abs(expect.hashCode()));
        Object[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--out";
        all[args.length + 1] = out;
        CliRun.Result r = run(all);
        assertEquals(2, r.code(), r.err() + r.out());
        assertTrue(r.err().contains(expect), "message '" + r.err() + "' should mention '" + expect + "'");
        assertFalse(Files.exists(out), "nothing written on error");
    }

    @Test void phantomThenScoreEndToEnd() throws Exception {
        Path ph = tmp.resolve("ph");
        CliRun.Result p = run("brain", "phantom", "--story", PhantomRecoveryTest.story(300), "--regions", "a:d=1,n=3;b:d=4,n=3", "--modality", "meg",
                "--dim", "6", "--seed", "2", "--out", ph);
        assertEquals(0, p.code(), p.err());
        for (String f : List.of("bold.npy", "bold.nii.gz", "truth.csv", "run.json", "align.csv", "features.npy")) assertTrue(Files.exists(ph.resolve(f)), f);
        Path sc = tmp.resolve("sc");
        CliRun.Result s = run("brain", "score", "--features", ph.resolve("features.npy"), "--words", ph.resolve("align.csv"), "--bold", ph.resolve("bold.nii.gz"),
                "--tr", "0.1", "--forecast", "0:5", "--window", "1", "--truth", ph.resolve("truth.csv"), "--out", sc);
        assertEquals(0, s.code(), s.err());
        for (String f : List.of("scores.csv", "forecast.csv", "peaks.csv", "report.html", "run.json", "r.nii.gz", "d_star.nii.gz", "f_star.nii.gz"))
            assertTrue(Files.exists(sc.resolve(f)), f);
        assertEquals(6 * 6 + 1, Files.readAllLines(sc.resolve("forecast.csv")).size());
        // GIfTI in -> GIfTI maps out; several subjects -> group.csv
        Tensor b = Npy.read(ph.resolve("bold.npy"));
        dev.engram.io.Gifti.write(tmp.resolve("s1.func.gii"), (int) b.shape()[0], (int) b.shape()[1], b.values(), "NIFTI_INTENT_TIME_SERIES");
        float[] noisy = b.values().clone();
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(4);
        for (int i = 0; i < noisy.length; i++) noisy[i] += (float) (rnd.nextDouble() - 0.5);
        dev.engram.io.Gifti.write(tmp.resolve("s2.func.gii"), (int) b.shape()[0], (int) b.shape()[1], noisy, "NIFTI_INTENT_TIME_SERIES");
        Path g = tmp.resolve("g");
        CliRun.Result gs = run("brain", "score", "--features", ph.resolve("features.npy"), "--words", ph.resolve("align.csv"), "--bold", tmp.resolve("s1.func.gii"),
                "--bold", tmp.resolve("s2.func.gii"), "--tr", "0.1", "--bootstrap", "50", "--permutations", "50", "--out", g);
        assertEquals(0, gs.code(), gs.err());
        assertTrue(Files.exists(g.resolve("group.csv")) && Files.exists(g.resolve("median_r.func.gii")) && Files.exists(g.resolve("sub-02/r.func.gii")));
    }

    @Test void badInputIsRefusedCleanly() throws Exception {
        Path f = parity("features.npy"), w = parity("align.csv"), bold = parity("bold.npy");
        // mismatched lengths between words and features
        Npy.write(tmp.resolve("short.npy"), new Tensor(new long[] {10, 8}, new float[80]));
        refused("feature rows", "brain", "score", "--features", tmp.resolve("short.npy"), "--words", w, "--bold", bold, "--tr", "1.5");
        // fewer TRs than delays
        Npy.write(tmp.resolve("tiny.npy"), new Tensor(new long[] {5, 3}, new float[15]));
        refused("FIR delays", "brain", "score", "--features", f, "--words", w, "--bold", tmp.resolve("tiny.npy"), "--tr", "1.5");
        // NaN voxels
        Tensor b = Npy.read(bold);
        float[] v = b.values().clone();
        v[7 * (int) b.shape()[1] + 3] = Float.NaN;
        Npy.write(tmp.resolve("nan.npy"), new Tensor(b.shape(), v));
        refused("NaN", "brain", "score", "--features", f, "--words", w, "--bold", tmp.resolve("nan.npy"), "--tr", "1.5");
        // a mask of another shape
        refused("same grid", "brain", "score", "--features", f, "--words", w, "--bold", io("scaled_i16.nii"), "--mask", io("f64_3d.nii.gz"), "--tr", "1.5");
        // a GIfTI with external data
        refused("external file", "brain", "score", "--features", f, "--words", w, "--bold", io("external.func.gii"), "--tr", "1.5");
        // a truncated .nii.gz
        byte[] gz = Files.readAllBytes(io("f64_3d.nii.gz"));
        Files.write(tmp.resolve("cut.nii.gz"), Arrays.copyOf(gz, gz.length - 40));
        refused("truncated", "brain", "score", "--features", f, "--words", w, "--bold", tmp.resolve("cut.nii.gz"), "--tr", "1.5");
        // bad options
        refused("--alphas", "brain", "score", "--features", f, "--words", w, "--bold", bold, "--tr", "1.5", "--alphas", "x:y");
        refused("--alpha-cv", "brain", "score", "--features", f, "--words", w, "--bold", bold, "--tr", "1.5", "--alpha-cv", "gcv");
    }

    @Test void alignCsvWithUntimedWordsIsInterpolated() throws Exception {
        Path a = tmp.resolve("align.csv");
        Files.writeString(a, "Once,,,\nupon,upon,1.0,1.5\n\"a, b\",,,\ntime,,,\nthere,there,4.0,4.5\nwas,,,\nend,,,\n");
        Words w = Words.read(a);
        assertEquals(7, w.size());
        assertEquals(5, w.interpolated());
        assertEquals("a, b", w.words().get(2));
        // pandas 1.5.3 DataFrame.interpolate() on these columns (the brainscore code's rule) gives onsets
        // [NaN, 1, 2, 3, 4, 4, 4] and offsets [NaN, 1.5, 2.5, 3.5, 4.5, 4.5, 4.5]; the leading NaN takes the first timed value.
        assertArrayEquals(new double[] {1, 1, 2, 3, 4, 4, 4}, w.onsets(), 1e-12);
        assertArrayEquals(new double[] {1.5, 1.5, 2.5, 3.5, 4.5, 4.5, 4.5}, w.offsets(), 1e-12);
        Files.writeString(a, "x,x,2.0,2.5\ny,y,1.0,1.2\n");
        assertTrue(run("brain", "score", "--features", parity("features.npy"), "--words", a, "--bold", parity("bold.npy"), "--tr", "1.5",
                "--out", tmp.resolve("o")).err().contains("onsets must not decrease"));
    }

    @Test void forecastObjectiveIsSavedWithTheRunAndKeptOnResume() throws Exception {
        Path text = tmp.resolve("fo.txt");
        Files.writeString(text, "the quick brown fox jumps over the lazy dog.\n".repeat(100));
        Path out = tmp.resolve("fo-run");
        Object[] common = {"--corpus", text, "--tokenizer", "byte", "--layers", "2", "--heads", "2", "--dim", "16", "--ctx", "16",
                "--batch", "2", "--out", out, "--threads", "1"};
        CliRun.Result a = run(concat(new Object[] {"train", "--steps", "3", "--forecast-objective", "layer=1,distance=2,weight=0.5"}, common));
        assertEquals(0, a.code(), a.err());
        String spec = "layer=1,distance=2,weight=0.5";
        assertEquals(spec, dev.engram.core.Json.MAPPER.readTree(out.resolve("run.json").toFile()).at("/config/mechanisms/0").asText().replace("forecast:", ""));
        CliRun.Result other = run(concat(new Object[] {"train", "--resume", "--steps", "5", "--forecast-objective", "layer=2,distance=2,weight=0.5"}, common));
        assertEquals(2, other.code());
        assertTrue(other.err().contains("mechanisms (saved [\"forecast:" + spec + "\"]"), other.err());
        CliRun.Result b = run(concat(new Object[] {"train", "--resume", "--steps", "5", "--override"}, common));
        assertEquals(0, b.code(), b.err());
        assertEquals(List.of("forecast:" + spec), dev.engram.train.Checkpoints.readState(out).config(dev.engram.train.TrainConfig.class).mechanisms());
        assertEquals(5, Files.readAllLines(out.resolve("metrics.jsonl")).size());
    }

    static Object[] concat(Object[] a, Object[] b) {
        Object[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
