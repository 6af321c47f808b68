package dev.engram.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.Json;
import dev.engram.core.UserError;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NIfTI, GIfTI, .npy and CSV readers against numpy/nibabel-written fixtures (tools/reference/brain/io_fixtures.py). */
class BrainFormatsTest {
    @TempDir Path tmp;

    static Path res(String name) {
        try {
            return Path.of(BrainFormatsTest.class.getResource("/brain/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode fixtures() throws IOException { return Json.MAPPER.readTree(Files.readAllBytes(res("io/fixtures.json"))); }

    @Test void npyAllLayoutsMatchNumpy() throws IOException {
        JsonNode m = fixtures().get("matrix");
        for (String f : new String[] {"m_f8_c.npy", "m_f4_c.npy", "m_f4_f.npy", "m_f8_be.npy"}) {
            Tensor t = Npy.read(res("io/" + f));
            assertArrayEquals(new long[] {7, 5}, t.shape(), f);
            for (int i = 0; i < 7; i++)
                for (int j = 0; j < 5; j++) assertEquals(m.get(i).get(j).asDouble(), t.values()[i * 5 + j], 1e-6, f + " [" + i + "," + j + "]");
        }
        Tensor v = Npy.read(res("io/v_f4.npy"));
        assertArrayEquals(new long[] {5}, v.shape());
        Tensor t3 = Npy.read(res("io/t_f4_f.npy"));
        JsonNode e = fixtures().get("tensor");
        assertArrayEquals(new long[] {2, 7, 5}, t3.shape());
        assertEquals(e.get(1).get(3).get(4).asDouble(), t3.values()[35 + 3 * 5 + 4], 1e-6);
        assertEquals(e.get(0).get(6).get(1).asDouble(), t3.values()[6 * 5 + 1], 1e-6);
    }

    @Test void npyRoundTripAndRefusals() throws IOException {
        Tensor t = new Tensor(new long[] {3, 2}, new float[] {1, 2, 3, 4, 5, 6});
        Path p = tmp.resolve("a.npy");
        Npy.write(p, t);
        assertEquals(0, (Files.size(p) - 6 * 4) % 64, "header padded to 64 bytes as numpy does");
        assertArrayEquals(t.values(), Npy.read(p).values());
        Npy.writeDouble(tmp.resolve("d.npy"), new long[] {2}, new double[] {0.1, 0.2});
        assertEquals(0.2f, Npy.read(tmp.resolve("d.npy")).values()[1]);
        var e = assertThrows(UserError.class, () -> Npy.read(res("io/m_i8.npy")));
        assertTrue(e.getMessage().contains("not float32 or float64"), e.getMessage());
        byte[] b = Files.readAllBytes(p);
        Files.write(tmp.resolve("cut.npy"), Arrays.copyOf(b, b.length - 3));
        e = assertThrows(UserError.class, () -> Npy.read(tmp.resolve("cut.npy")));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test void giftiEncodingsMatchNibabel() throws IOException {
        JsonNode s = fixtures().get("series");
        for (String enc : new String[] {"ascii", "b64bin", "b64gz"}) {
            Gifti.Series g = Gifti.read(res("io/s_" + enc + ".func.gii"));
            assertEquals(4, g.rows(), enc);
            assertEquals(6, g.vertices(), enc);
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 6; j++) assertEquals(s.get(i).get(j).asDouble(), g.values()[i * 6 + j], 1e-6, enc);
        }
        var e = assertThrows(UserError.class, () -> Gifti.read(res("io/external.func.gii")));
        assertTrue(e.getMessage().contains("external file"), e.getMessage());
        Gifti.Series g = Gifti.read(res("io/s_b64gz.func.gii"));
        Path w = tmp.resolve("w.func.gii");
        Gifti.write(w, g.rows(), g.vertices(), g.values(), "NIFTI_INTENT_NONE");
        assertArrayEquals(g.values(), Gifti.read(w).values());
        String text = Files.readString(res("io/s_b64gz.func.gii"));
        Files.writeString(tmp.resolve("cut.func.gii"), text.substring(0, text.length() / 2));
        assertThrows(UserError.class, () -> Gifti.read(tmp.resolve("cut.func.gii")));
    }

    @Test void niftiFixturesScalingFloat64Mask() throws IOException {
        JsonNode fx = fixtures();
        Nifti.Image s = Nifti.read(res("io/scaled_i16.nii"));
        assertEquals(5, s.volumes());
        JsonNode vals = fx.get("scaled_i16").get("values");
        int n = s.geometry().voxels();
        for (int t = 0; t < 5; t++)
            for (int i = 0; i < n; i++) assertEquals(vals.get(t * n + i).asDouble(), s.values()[t][i], 1e-4);
        JsonNode aff = fx.get("scaled_i16").get("affine");
        for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) assertEquals(aff.get(i).get(j).asDouble(), s.affine()[i][j], 1e-6);
        Nifti.Image f = Nifti.read(res("io/f64_3d.nii.gz"));
        assertEquals(1, f.volumes());
        for (int i = 0; i < 24; i++) assertEquals(fx.get("f64_3d").get("values").get(i).asDouble(), f.values()[0][i], 1e-6);
        Nifti.Image m = Nifti.read(res("io/mask_u8.nii.gz"));
        int[] idx = Nifti.maskIndices(Path.of("mask"), m, s.geometry());
        int[] want = new int[fx.get("mask_u8").get("indices").size()];
        for (int i = 0; i < want.length; i++) want[i] = fx.get("mask_u8").get("indices").get(i).asInt();
        assertArrayEquals(want, idx);
        var e = assertThrows(UserError.class, () -> Nifti.maskIndices(Path.of("mask.nii"), m, f.geometry()));
        assertTrue(e.getMessage().contains("same grid"), e.getMessage());
    }

    /** Real files from Debian packages, against nibabel's reading (tools/reference/brain/nifti_expect.py). */
    @Test void realNiftiFilesMatchNibabel() throws IOException {
        JsonNode exp = Json.MAPPER.readTree(Files.readAllBytes(res("nifti_expect.json")));
        Path nib = Path.of("/usr/lib/python3/dist-packages/nibabel/tests/data");
        assumeTrue(Files.isDirectory(nib), "python3-nibabel is not installed (apt-get install -y python3-nibabel)");
        int checked = 0;
        for (var it = exp.fields(); it.hasNext(); ) {
            var e = it.next();
            Path file = e.getKey().equals("fmri1.nii.gz") ? Path.of("/tmp/fmri1.nii.gz") : nib.resolve(e.getKey());
            if (!Files.isRegularFile(file)) continue;
            checkAgainst(file, e.getValue());
            checked++;
        }
        assertTrue(checked >= 4, "checked " + checked + " files");
    }

    static void checkAgainst(Path file, JsonNode x) {
        Nifti.Image img = Nifti.read(file);
        JsonNode shape = x.get("shape");
        Nifti.Geometry g = img.geometry();
        int[] dims = {g.nx(), g.ny(), g.nz(), img.volumes()};
        for (int i = 0; i < shape.size(); i++) assertEquals(shape.get(i).asInt(), dims[i], file + " dim " + i);
        assertEquals(x.get("datatype").asInt(), img.datatype());
        double[][] a = img.affine();
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) assertEquals(x.get("affine").get(i).get(j).asDouble(), a[i][j], 1e-4, file + " affine " + i + "," + j);
        for (JsonNode v : x.get("values")) {
            JsonNode ix = v.get("index");
            int t = ix.size() > 3 ? ix.get(3).asInt() : 0;
            assertEquals(v.get("value").asDouble(), img.value(ix.get(0).asInt(), ix.get(1).asInt(), ix.get(2).asInt(), t), 1e-3, file + " value at " + ix);
        }
        double sum = 0, sq = 0;
        for (float[] vol : img.values()) for (float f : vol) { sum += f; sq += (double) f * f; }
        assertEquals(x.get("sum").asDouble(), sum, 1e-9 * Math.abs(x.get("sum").asDouble()) + 1e-6, file + " sum");
        assertEquals(x.get("sum_sq").asDouble(), sq, 1e-9 * Math.abs(x.get("sum_sq").asDouble()) + 1e-6, file + " sum of squares");
    }

    @Test void truncatedGzipAndWrongFilesAreUserErrors() throws IOException {
        Path src = Path.of("/usr/lib/python3/dist-packages/nibabel/tests/data/example4d.nii.gz");
        assumeTrue(Files.isRegularFile(src), "python3-nibabel is not installed");
        byte[] b = Files.readAllBytes(src);
        Path cut = tmp.resolve("cut.nii.gz");
        Files.write(cut, Arrays.copyOf(b, b.length / 2));
        var e = assertThrows(UserError.class, () -> Nifti.read(cut));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        Files.writeString(tmp.resolve("x.nii"), "hello");
        assertThrows(UserError.class, () -> Nifti.read(tmp.resolve("x.nii")));
        assertThrows(UserError.class, () -> Nifti.read(tmp.resolve("missing.nii")));
    }

    @Test void niftiWriteRoundTripKeepsGeometry() {
        Nifti.Image s = Nifti.read(res("io/scaled_i16.nii"));
        for (String name : new String[] {"w.nii", "w.nii.gz"}) {
            Path p = tmp.resolve(name);
            Nifti.write(p, s.geometry(), s.values());
            Nifti.Image r = Nifti.read(p);
            assertEquals(16, r.datatype());
            for (int t = 0; t < s.volumes(); t++) assertArrayEquals(s.values()[t], r.values()[t]);
            for (int i = 0; i < 4; i++) assertArrayEquals(s.affine()[i], r.affine()[i], 1e-6);
        }
        assertFalse(Files.exists(tmp.resolve("w.nii.tmp")));
    }

    @Test void csvMatrix() throws IOException {
        Files.writeString(tmp.resolve("a.csv"), "v0,v1\n1,2\n3,nan\n\n");
        var m = CsvMatrix.read(tmp.resolve("a.csv"));
        assertEquals(2, m.rows());
        assertEquals(2, m.cols());
        assertTrue(Float.isNaN(m.values()[3]));
        Files.writeString(tmp.resolve("b.csv"), "1,2\n3\n");
        var e = assertThrows(UserError.class, () -> CsvMatrix.read(tmp.resolve("b.csv")));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
