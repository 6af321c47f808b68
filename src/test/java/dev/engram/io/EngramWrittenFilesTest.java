package dev.engram.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.engram.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Files written by Engram open in nibabel: {@link #write} produces a deterministic set of files (in
 * target/engram-written), tools/reference/brain/nibabel_open_engram.py opened them once with nibabel and
 * recorded what it saw in src/test/resources/brain/nibabel_reads_engram.json; this test rewrites the same
 * files and checks that they hold what nibabel read (shape, affine, sums).
 */
class EngramWrittenFilesTest {
    static void write(Path dir) {
        Nifti.Image src = Nifti.read(BrainFormatsTest.res("io/scaled_i16.nii"));
        Nifti.Geometry g = src.geometry();
        float[][] vols = new float[3][g.voxels()];
        for (int t = 0; t < 3; t++) for (int i = 0; i < g.voxels(); i++) vols[t][i] = (float) Math.sin(0.37 * i + t) * (t + 1);
        Nifti.write(dir.resolve("map4d.nii.gz"), g, vols);
        Nifti.write(dir.resolve("map3d.nii"), g, new float[][] {vols[1]});
        Nifti.write(dir.resolve("identity.nii.gz"), Nifti.identityGeometry(7, 1, 1, 0.1f), new float[][] {{1, 2, 3, 4, 5, 6, 7}, {7, 6, 5, 4, 3, 2, 1}});
        float[] s = new float[4 * 5];
        for (int i = 0; i < s.length; i++) s[i] = i * 0.25f - 2;
        Gifti.write(dir.resolve("series.func.gii"), 4, 5, s, "NIFTI_INTENT_NONE");
        Npy.write(dir.resolve("matrix.npy"), new Tensor(new long[] {4, 5}, s));
    }

    @Test void writtenFilesHoldWhatNibabelRead() throws IOException {
        Path dir = Path.of("target", "engram-written");
        Files.createDirectories(dir);
        write(dir);
        JsonNode seen = Json.MAPPER.readTree(Files.readAllBytes(BrainFormatsTest.res("nibabel_reads_engram.json")));
        for (String f : new String[] {"map4d.nii.gz", "map3d.nii", "identity.nii.gz"}) {
            JsonNode x = seen.get(f);
            Nifti.Image img = Nifti.read(dir.resolve(f));
            JsonNode shape = x.get("shape");
            int[] dims = {img.geometry().nx(), img.geometry().ny(), img.geometry().nz(), img.volumes()};
            for (int i = 0; i < shape.size(); i++) assertEquals(shape.get(i).asInt(), dims[i], f + " dim " + i);
            for (int i = 0; i < 4; i++)
                for (int j = 0; j < 4; j++) assertEquals(x.get("affine").get(i).get(j).asDouble(), img.affine()[i][j], 1e-5, f + " affine");
            double sum = 0;
            for (float[] v : img.values()) for (float a : v) sum += a;
            assertEquals(x.get("sum").asDouble(), sum, 1e-4, f + " sum");
        }
        Gifti.Series g = Gifti.read(dir.resolve("series.func.gii"));
        double sum = 0;
        for (float a : g.values()) sum += a;
        assertEquals(seen.get("series.func.gii").get("sum").asDouble(), sum, 1e-5);
        assertEquals(seen.get("series.func.gii").get("arrays").asInt(), g.rows());
        assertEquals(seen.get("matrix.npy").get("sum").asDouble(), sum, 1e-5);
    }
}
