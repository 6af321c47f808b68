package dev.engram.edm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every case in src/test/resources/edm/cases.json (written by tools/reference/edm/make_cases.py from an
 * independent NumPy implementation of the published definitions) must be reproduced: Simplex, S-map with
 * coefficients and the sweeps to 1e-6, sequential CCM to 1e-4, including the Time column and NaN layout.
 */
class ReferenceCasesTest {
    static Path dir() {
        try {
            return Path.of(ReferenceCasesTest.class.getResource("/edm/cases.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    List<DynamicTest> cases() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(dir().resolve("cases.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) tests.add(DynamicTest.dynamicTest(c.get("id").asText() + " " + c.get("kind").asText(), () -> check(c)));
        return tests;
    }

    private static void check(JsonNode c) {
        EdmData data = EdmCsv.read(dir().resolve(c.get("data").asText()), false);
        String col = c.get("columns").asText(), tgt = c.get("target").asText();
        Table expected = read(c.get("expected").asText());
        String kind = c.get("kind").asText();
        if (kind.equals("ccm")) {
            int[] sizes = StreamSupport.stream(c.get("libSizes").spliterator(), false).mapToInt(JsonNode::asInt).toArray();
            CcmConfig cc = CcmConfig.builder().E(c.get("E").asInt()).tau(c.get("tau").asInt()).Tp(c.get("Tp").asInt()).knn(0)
                    .exclusionRadius(0).libSizes(sizes).sample(1).seed(0).sequential(true).build();
            assertTables(expected, Ccm.run(data, col, tgt, cc).table(), 1e-4);
            return;
        }
        boolean embedded = c.path("embedded").asBoolean(false);
        PredictionConfig pc = PredictionConfig.builder().E(c.get("E").asInt()).tau(c.get("tau").asInt()).Tp(c.get("Tp").asInt())
                .knn(c.get("knn").asInt()).exclusionRadius(c.get("excl").asInt()).lib(ranges(c.get("lib"))).pred(range(c.get("pred")))
                .embedded(embedded).build();
        List<String> cols = List.of(col.split(","));
        switch (kind) {
            case "simplex" -> assertTables(expected, Simplex.predict(data, cols, tgt, pc).table(), 1e-6);
            case "smap" -> {
                Forecast f = SMap.predict(data, cols, tgt, pc, c.get("theta").asDouble());
                assertTables(expected, f.table(), 1e-6);
                assertTables(read(c.get("coefficients").asText()), f.coefficientTable(), 1e-6);
            }
            case "embed-dimension" -> assertTables(expected, Sweeps.embedDimension(data, List.of(col), tgt, pc, c.get("maxE").asInt()), 1e-6);
            case "predict-interval" -> assertTables(expected, Sweeps.predictInterval(data, List.of(col), tgt, pc, c.get("maxTp").asInt()), 1e-6);
            case "predict-nonlinear" -> assertTables(expected, Sweeps.predictNonlinear(data, List.of(col), tgt, pc, Sweeps.DEFAULT_THETAS), 1e-6);
            default -> throw new AssertionError("unknown kind " + kind);
        }
    }

    private static RowRange range(JsonNode n) { return new RowRange(n.get(0).asInt(), n.get(1).asInt()); }

    /** A flat list of start,end pairs (several pairs: a disjoint library). */
    private static List<RowRange> ranges(JsonNode n) {
        List<RowRange> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i += 2) out.add(new RowRange(n.get(i).asInt(), n.get(i + 1).asInt()));
        return out;
    }

    /** Reads an expected table (every column numeric; the first column is kept as data, not as time). */
    static Table read(String name) {
        EdmData d = EdmCsv.read(dir().resolve(name), true);
        return new Table(d.names(), d.columns());
    }

    static void assertTables(Table expected, Table actual, double tol) {
        assertEquals(expected.header(), actual.header(), "column names");
        assertEquals(expected.rows(), actual.rows(), "row count");
        for (int c = 0; c < expected.columns().length; c++)
            for (int r = 0; r < expected.rows(); r++) {
                double e = expected.columns()[c][r], a = actual.columns()[c][r];
                String where = expected.header().get(c) + " row " + (r + 1);
                if (Double.isNaN(e)) assertTrue(Double.isNaN(a), where + ": expected NaN, got " + a);
                else assertEquals(e, a, tol * Math.max(1, Math.abs(e)), where);
            }
    }
}
