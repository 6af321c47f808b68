package dev.engram.edm;

import dev.engram.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The `engram edm` commands read CSV, write pyEDM-shaped CSV, and turn bad input into exit code 2 with a message. */
class EdmCliTest {
    @TempDir Path tmp;

    /** Runs a command in-process; its stderr is appended to {@code err}. */
    int run(StringWriter err, String... args) {
        CliRun.Result r = CliRun.run((Object[]) args);
        err.write(r.err());
        return r.code();
    }

    Path logistic() {
        double[][] s = Systems.coupledLogistic(300, 3.8, 3.5, 0.02, 0.1);
        Path p = tmp.resolve("logistic.csv");
        double[] t = new double[300];
        for (int i = 0; i < 300; i++) t[i] = i + 1;
        EdmCsv.write(p, List.of("Time", "x", "y"), t, s[0], s[1]);
        return p;
    }

    @Test
    void simplexSmapSweepsAndCcmWriteTheirTables() throws Exception {
        Path data = logistic();
        StringWriter err = new StringWriter();
        String d = data.toString();
        assertEquals(0, run(err, "edm", "simplex", "--data", d, "--columns", "x", "--lib", "1,150", "--pred", "151,290",
                "--E", "2", "--out", tmp.resolve("s.csv").toString()), err.toString());
        List<String> s = Files.readAllLines(tmp.resolve("s.csv"));
        assertEquals("Time,Observations,Predictions,Pred_Variance", s.get(0));
        assertTrue(s.get(1).endsWith(",NaN,NaN"), "first row has no prediction: " + s.get(1));
        assertEquals(0, run(err, "edm", "smap", "--data", d, "--columns", "x", "--lib", "1,150", "--pred", "151,290",
                "--E", "2", "--theta", "2", "--out", tmp.resolve("m.csv").toString(), "--coefficients", tmp.resolve("c.csv").toString()));
        assertTrue(Files.readAllLines(tmp.resolve("c.csv")).get(0).startsWith("Time,C0,∂x/∂x(t-0)"));
        assertEquals(0, run(err, "edm", "smap", "--data", d, "--columns", "x,y", "--embedded", "--target", "x", "--lib", "1,150",
                "--pred", "151,290", "--theta", "1", "--out", tmp.resolve("me.csv").toString(), "--coefficients", tmp.resolve("ce.csv").toString()));
        assertEquals("Time,C0,∂x/∂x,∂x/∂y", Files.readAllLines(tmp.resolve("ce.csv")).get(0));
        assertEquals(0, run(err, "edm", "embed-dimension", "--data", d, "--columns", "x", "--lib", "1,150", "--pred", "151,290",
                "--max-E", "4", "--out", tmp.resolve("e.csv").toString()));
        assertEquals("E,rho", Files.readAllLines(tmp.resolve("e.csv")).get(0));
        assertEquals(0, run(err, "edm", "predict-interval", "--data", d, "--columns", "x", "--lib", "1,150", "--pred", "151,290",
                "--E", "2", "--max-Tp", "3", "--out", tmp.resolve("i.csv").toString()));
        assertEquals(4, Files.readAllLines(tmp.resolve("i.csv")).size());
        assertEquals(0, run(err, "edm", "predict-nonlinear", "--data", d, "--columns", "x", "--lib", "1,150", "--pred", "151,290",
                "--E", "2", "--theta", "0.5,2", "--out", tmp.resolve("n.csv").toString()));
        assertEquals("Theta,rho", Files.readAllLines(tmp.resolve("n.csv")).get(0));
        assertEquals(0, run(err, "edm", "ccm", "--data", d, "--columns", "x", "--target", "y", "--E", "2", "--lib-sizes", "10,250,60",
                "--sample", "5", "--surrogates", "19", "--out", tmp.resolve("ccm.csv").toString()));
        List<String> c = Files.readAllLines(tmp.resolve("ccm.csv"));
        assertEquals("LibSize,x:y,y:x", c.get(0));
        assertEquals(6, c.size());
        assertEquals(0, run(err, "edm", "ccm-lagged", "--data", d, "--columns", "x", "--target", "y", "--E", "2",
                "--Tp-range", "-2,2", "--out", tmp.resolve("lag.csv").toString()));
        assertEquals("Tp,x:y,y:x", Files.readAllLines(tmp.resolve("lag.csv")).get(0));
        assertEquals(0, run(err, "edm", "ccm-matrix", "--data", d, "--E", "2", "--surrogates", "19", "--out", tmp.resolve("mx").toString()));
        List<String> pairs = Files.readAllLines(tmp.resolve("mx").resolve("ccm_pairs.csv"));
        assertEquals("library,target,rho,p_value,significant", pairs.get(0));
        assertTrue(pairs.get(2).startsWith("y,x,") && pairs.get(2).endsWith(",true"), "y's manifold recovers its driver x: " + pairs.get(2));
    }

    @Test
    void badInputExitsWithCodeTwoAndAMessage() {
        Path data = logistic();
        StringWriter err = new StringWriter();
        int code = run(err, "edm", "simplex", "--data", data.toString(), "--columns", "w", "--lib", "1,150", "--pred", "151,290",
                "--E", "2", "--out", tmp.resolve("s.csv").toString());
        assertEquals(2, code);
        assertTrue(err.toString().startsWith("error: ") && err.toString().contains("no column named 'w'"), err.toString());
        assertTrue(!err.toString().contains("\tat "), "no stack trace");
    }
}
