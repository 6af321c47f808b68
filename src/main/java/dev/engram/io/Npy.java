package dev.engram.io;

import dev.engram.core.AtomicFiles;
import dev.engram.core.UserError;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy .npy files (format versions 1, 2 and 3) holding float32 or float64 in either byte order, C or Fortran
 * order. The header is a Python dict literal; it is parsed strictly (descr, fortran_order and shape, nothing
 * else), bounded in length, and the data must be exactly as long as the shape says. Values come back as float
 * in C (row-major) order. Writing emits version 1.0, '<f4', C order, atomically.
 */
public final class Npy {
    /** numpy itself refuses headers longer than this by default (max_header_size). */
    public static final int MAX_HEADER_BYTES = 10_000;
    public static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DICT = Pattern.compile(
            "\\{\\s*(?:'descr'|'fortran_order'|'shape')\\s*:.*\\}\\s*", Pattern.DOTALL);
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fiu])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    public static Tensor read(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long size = Files.size(file);
            byte[] magic = in.readNBytes(8);
            if (magic.length < 8 || !java.util.Arrays.equals(magic, 0, 6, MAGIC, 0, 6))
                throw bad(file, "it does not start with the .npy magic \\x93NUMPY (save it with numpy.save)");
            int major = magic[6];
            int headerLen;
            if (major == 1) {
                byte[] l = in.readNBytes(2);
                if (l.length < 2) throw new EOFException();
                headerLen = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
            } else if (major == 2 || major == 3) {
                byte[] l = in.readNBytes(4);
                if (l.length < 4) throw new EOFException();
                headerLen = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt();
            } else throw bad(file, "format version " + major + " is not 1, 2 or 3");
            if (headerLen < 0 || headerLen > MAX_HEADER_BYTES) throw bad(file, "header length " + headerLen + " is outside [0, " + MAX_HEADER_BYTES + "]");
            byte[] hb = in.readNBytes(headerLen);
            if (hb.length < headerLen) throw new EOFException();
            String header = new String(hb, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
            if (!DICT.matcher(header).matches()) throw bad(file, "the header is not a dict: " + header);
            Matcher d = DESCR.matcher(header), f = FORTRAN.matcher(header), s = SHAPE.matcher(header);
            if (!d.find()) throw bad(file, "the header has no dtype descr Engram reads (float32 '<f4' or float64 '<f8'): " + header);
            if (!d.group(2).equals("f") || !(d.group(3).equals("4") || d.group(3).equals("8")))
                throw bad(file, "dtype '" + d.group(1) + d.group(2) + d.group(3) + "' is not float32 or float64; convert with arr.astype(np.float32)");
            if (!f.find()) throw bad(file, "the header has no fortran_order");
            if (!s.find()) throw bad(file, "the header has no shape tuple");
            int width = Integer.parseInt(d.group(3));
            ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            boolean fortran = f.group(1).equals("True");
            List<Long> dims = new ArrayList<>();
            for (String part : s.group(1).split(",")) {
                String p = part.strip();
                if (p.isEmpty()) continue;
                if (!p.matches("\\d{1,12}")) throw bad(file, "shape entry '" + p + "' is not a non-negative integer");
                dims.add(Long.parseLong(p));
            }
            long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
            long count = 1;
            for (long x : shape) {
                count = Math.multiplyExact(count, x);
                if (count > MAX_VALUES) throw bad(file, "shape " + dims + " holds more values than Engram reads at once (" + MAX_VALUES + ")");
            }
            long dataStart = 8 + (major == 1 ? 2 : 4) + headerLen;
            if (size - dataStart != count * width)
                throw bad(file, "the data section has " + (size - dataStart) + " bytes but shape " + dims + " of float" + 8 * width
                        + " needs " + count * width + (size - dataStart < count * width ? " (truncated?)" : " (trailing bytes)"));
            float[] raw = new float[(int) count];
            byte[] buf = new byte[1 << 16];
            int done = 0;
            while (done < count) {
                int n = (int) Math.min(buf.length / width, count - done);
                int got = in.readNBytes(buf, 0, n * width);
                if (got < n * width) throw new EOFException();
                ByteBuffer b = ByteBuffer.wrap(buf, 0, n * width).order(order);
                for (int i = 0; i < n; i++) raw[done + i] = width == 4 ? b.getFloat() : (float) b.getDouble();
                done += n;
            }
            return new Tensor(shape, fortran && shape.length > 1 ? fortranToC(raw, shape) : raw);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (EOFException e) {
            throw bad(file, "the file ends early (truncated?)");
        } catch (ArithmeticException e) {
            throw bad(file, "the shape overflows");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static float[] fortranToC(float[] f, long[] shape) {
        int nd = shape.length;
        float[] c = new float[f.length];
        long[] cStride = new long[nd], fStride = new long[nd];
        cStride[nd - 1] = 1;
        for (int i = nd - 2; i >= 0; i--) cStride[i] = cStride[i + 1] * shape[i + 1];
        fStride[0] = 1;
        for (int i = 1; i < nd; i++) fStride[i] = fStride[i - 1] * shape[i - 1];
        int[] idx = new int[nd];
        for (int k = 0; k < c.length; k++) {
            long off = 0;
            for (int i = 0; i < nd; i++) off += idx[i] * fStride[i];
            c[k] = f[(int) off];
            for (int i = nd - 1; i >= 0; i--) {
                if (++idx[i] < shape[i]) break;
                idx[i] = 0;
            }
        }
        return c;
    }

    /** Writes float32, C order, format 1.0. */
    public static void write(Path file, Tensor t) { write(file, t.shape(), t.values(), null); }

    /** Writes float64, C order, format 1.0 (for values whose precision matters, e.g. references). */
    public static void writeDouble(Path file, long[] shape, double[] values) { write(file, shape, null, values); }

    private static void write(Path file, long[] shape, float[] f, double[] d) {
        long count = 1;
        for (long x : shape) count *= x;
        if (count != (f != null ? f.length : d.length)) throw new IllegalArgumentException("shape does not match the values");
        StringBuilder sh = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) sh.append(shape[i]).append(shape.length == 1 || i < shape.length - 1 ? ", " : "");
        String dict = "{'descr': '" + (f != null ? "<f4" : "<f8") + "', 'fortran_order': False, 'shape': " + sh.toString().replaceAll(", $", ",") + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer head = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
        head.flip();
        AtomicFiles.write(file, ch -> {
            while (head.hasRemaining()) ch.write(head);
            int width = f != null ? 4 : 8;
            ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            int n = f != null ? f.length : d.length;
            for (int i = 0; i < n; ) {
                b.clear();
                while (i < n && b.remaining() >= width) {
                    if (f != null) b.putFloat(f[i]); else b.putDouble(d[i]);
                    i++;
                }
                b.flip();
                while (b.hasRemaining()) ch.write(b);
            }
        });
    }

    private static UserError bad(Path file, String what) {
        return new UserError(file + ": not a valid .npy file: " + what);
    }
}
