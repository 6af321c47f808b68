package dev.engram.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.engram.core.AtomicFiles;
import dev.engram.core.Json;
import dev.engram.core.UserError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header
 * {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}, then the raw data.
 * Reading is strict: the header's length, every dtype, shape and offset range are checked against the file
 * size before any tensor is allocated, ranges may not overlap, and values are converted to float.
 * Writing emits F32, tensors sorted by name, the header padded with spaces to a multiple of 8 bytes.
 */
public final class Safetensors {
    /** Headers larger than this are refused (the format's own reference implementation uses 100 MB). */
    public static final long MAX_HEADER_BYTES = 100L << 20;

    private Safetensors() {}

    /** What a file holds: tensors in file order and the free-form metadata. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    private record Entry(String name, String dtype, long[] shape, long begin, long end) {}

    public static Contents read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = ch.size();
            if (fileSize < 8) throw bad(file, "the file has " + fileSize + " bytes, fewer than the 8-byte header length");
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen < 2 || headerLen > MAX_HEADER_BYTES)
                throw bad(file, "header length " + Long.toUnsignedString(headerLen) + " is outside [2, " + MAX_HEADER_BYTES + "]");
            if (8 + headerLen > fileSize)
                throw bad(file, "header length " + headerLen + " runs past the end of the " + fileSize + "-byte file (truncated?)");
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, 8);
            JsonNode header;
            try {
                header = Json.MAPPER.readTree(new String(hb.array(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw bad(file, "the header is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            if (header == null || !header.isObject()) throw bad(file, "the header is not a JSON object");
            long dataStart = 8 + headerLen;
            long dataLen = fileSize - dataStart;
            Map<String, String> metadata = new LinkedHashMap<>();
            List<Entry> entries = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                var f = it.next();
                if (f.getKey().equals("__metadata__")) {
                    if (!f.getValue().isObject()) throw bad(file, "__metadata__ must be an object of strings");
                    f.getValue().fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                entries.add(parseEntry(file, f.getKey(), f.getValue(), dataLen));
            }
            checkNoOverlap(file, entries);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : entries) tensors.put(e.name, load(ch, dataStart, e));
            return new Contents(tensors, metadata);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static Entry parseEntry(Path file, String name, JsonNode n, long dataLen) {
        String where = "tensor '" + name + "'";
        if (!n.isObject()) throw bad(file, where + " is not an object");
        JsonNode dt = n.get("dtype"), sh = n.get("shape"), off = n.get("data_offsets");
        if (dt == null || !dt.isTextual()) throw bad(file, where + " has no dtype");
        int width = switch (dt.asText()) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> throw bad(file, where + " has dtype " + dt.asText() + "; supported: F32, F16, BF16");
        };
        if (sh == null || !sh.isArray()) throw bad(file, where + " has no shape array");
        long[] shape = new long[sh.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!sh.get(i).canConvertToLong() || sh.get(i).asLong() < 0) throw bad(file, where + " has an invalid shape " + sh);
            shape[i] = sh.get(i).asLong();
            try {
                count = Math.multiplyExact(count, shape[i]);
            } catch (ArithmeticException e) {
                throw bad(file, where + " has a shape too large: " + sh);
            }
        }
        if (count > Integer.MAX_VALUE - 8) throw bad(file, where + " has " + count + " elements, more than one Java array holds");
        if (off == null || !off.isArray() || off.size() != 2 || !off.get(0).canConvertToLong() || !off.get(1).canConvertToLong())
            throw bad(file, where + " needs data_offsets [begin, end]");
        long begin = off.get(0).asLong(), end = off.get(1).asLong();
        if (begin < 0 || end < begin || end > dataLen)
            throw bad(file, where + " has data_offsets [" + begin + ", " + end + "] outside the " + dataLen + "-byte data section (truncated file?)");
        if (end - begin != count * width)
            throw bad(file, where + ": data_offsets span " + (end - begin) + " bytes but shape " + sh + " x " + dt.asText() + " needs " + count * width);
        return new Entry(name, dt.asText(), shape, begin, end);
    }

    private static void checkNoOverlap(Path file, List<Entry> entries) {
        var sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> Long.compare(a.begin, b.begin));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).begin < sorted.get(i - 1).end)
                throw bad(file, "tensors '" + sorted.get(i - 1).name + "' and '" + sorted.get(i).name + "' overlap in the data section");
        }
    }

    private static Tensor load(FileChannel ch, long dataStart, Entry e) throws IOException {
        int n = Math.toIntExact(e.end - e.begin);
        ByteBuffer buf = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, buf, dataStart + e.begin);
        buf.flip();
        float[] v = new float[switch (e.dtype) { case "F32" -> n / 4; default -> n / 2; }];
        switch (e.dtype) {
            case "F32" -> buf.asFloatBuffer().get(v);
            case "F16" -> { for (int i = 0; i < v.length; i++) v[i] = Float.float16ToFloat(buf.getShort()); }
            default -> { for (int i = 0; i < v.length; i++) v[i] = Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16); }
        }
        return new Tensor(e.shape, v);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) throw new IOException("unexpected end of file");
            pos += r;
        }
    }

    /** Writes {@code tensors} as F32 (names sorted) with {@code metadata}, atomically. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode header = Json.MAPPER.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        TreeMap<String, Tensor> sorted = new TreeMap<>(tensors);
        long offset = 0;
        for (var e : sorted.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", "F32");
            var sh = t.putArray("shape");
            for (long d : e.getValue().shape()) sh.add(d);
            var off = t.putArray("data_offsets");
            off.add(offset);
            offset += 4L * e.getValue().size();
            off.add(offset);
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        AtomicFiles.write(file, ch -> {
            ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(padded).put(json);
            while (head.hasRemaining()) head.put((byte) ' ');
            head.flip();
            while (head.hasRemaining()) ch.write(head);
            for (Tensor t : sorted.values()) {
                ByteBuffer b = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(t.values());
                while (b.hasRemaining()) ch.write(b);
            }
        });
    }

    private static UserError bad(Path file, String what) {
        return new UserError(file + ": not a valid safetensors file: " + what);
    }
}
