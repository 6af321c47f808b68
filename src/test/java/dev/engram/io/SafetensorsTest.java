package dev.engram.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.engram.core.UserError;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir Path dir;

    /** A file with a hand-written header and data section. */
    Path file(String header, byte[] data) throws Exception {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        var out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).array());
        out.writeBytes(h);
        out.writeBytes(data);
        Path p = dir.resolve("t.safetensors");
        Files.write(p, out.toByteArray());
        return p;
    }

    @Test void roundTripKeepsNamesShapesValuesAndMetadata() {
        var t = new LinkedHashMap<String, Tensor>();
        t.put("b", new Tensor(new long[] {2, 3}, new float[] {1, -2, 3.5f, Float.MIN_VALUE, 1e30f, 0}));
        t.put("a", new Tensor(new long[] {}, new float[] {7}));
        t.put("empty", new Tensor(new long[] {0, 4}, new float[0]));
        Path p = dir.resolve("x.safetensors");
        Safetensors.write(p, t, Map.of("format", "pt"));
        var c = Safetensors.read(p);
        assertEquals(Map.of("format", "pt"), c.metadata());
        for (var e : t.entrySet()) {
            assertArrayEquals(e.getValue().shape(), c.tensors().get(e.getKey()).shape());
            assertArrayEquals(e.getValue().values(), c.tensors().get(e.getKey()).values());
        }
    }

    @Test void readsHalfAndBfloat16() throws Exception {
        // 1.0, -2.0 in F16 (0x3C00, 0xC000); 1.0, 0.5 in BF16 (0x3F80, 0x3F00)
        byte[] data = {0x00, 0x3C, 0x00, (byte) 0xC0, (byte) 0x80, 0x3F, 0x00, 0x3F};
        Path p = file("{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[4,8]}}", data);
        var c = Safetensors.read(p).tensors();
        assertArrayEquals(new float[] {1f, -2f}, c.get("h").values());
        assertArrayEquals(new float[] {1f, 0.5f}, c.get("b").values());
    }

    void refused(String header, byte[] data, String expected) throws Exception {
        Path p = file(header, data);
        var e = assertThrows(UserError.class, () -> Safetensors.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test void refusesBadHeadersAndRanges() throws Exception {
        refused("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", new byte[4], "outside");
        refused("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8], "needs 12");
        refused("{\"x\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8], "dtype I64");
        refused("{\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new byte[4], "invalid shape");
        refused("{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[2,6]}}",
                new byte[8], "overlap");
        refused("{\"x\": [1, 2", new byte[0], "not valid JSON");
        refused("[1]", new byte[0], "not a JSON object");
        refused("{\"x\":{\"dtype\":\"F32\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,4]}}", new byte[4], "too large");
    }

    @Test void refusesHugeOrTruncatedHeaderLengthBeforeAllocating() throws Exception {
        Path p = dir.resolve("huge.safetensors");
        Files.write(p, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE).array());
        assertTrue(assertThrows(UserError.class, () -> Safetensors.read(p)).getMessage().contains("header length"));
        Path q = dir.resolve("short.safetensors");
        Files.write(q, ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(1000).array());
        assertTrue(assertThrows(UserError.class, () -> Safetensors.read(q)).getMessage().contains("runs past the end"));
        Path r = dir.resolve("tiny.safetensors");
        Files.write(r, new byte[3]);
        assertTrue(assertThrows(UserError.class, () -> Safetensors.read(r)).getMessage().contains("fewer than"));
    }

    @Test void truncatedDataIsRefused() throws Exception {
        var t = Map.of("w", new Tensor(new long[] {10}, new float[10]));
        Path p = dir.resolve("w.safetensors");
        Safetensors.write(p, t, Map.of());
        byte[] all = Files.readAllBytes(p);
        Files.write(p, Arrays.copyOf(all, all.length - 3));
        assertTrue(assertThrows(UserError.class, () -> Safetensors.read(p)).getMessage().contains("outside"));
    }
}
