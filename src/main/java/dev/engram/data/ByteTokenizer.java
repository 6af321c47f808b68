package dev.engram.data;

import java.nio.charset.StandardCharsets;

/** One token per UTF-8 byte: 256 ids, no unknown token, any text round-trips. */
public final class ByteTokenizer implements Tokenizer {
    @Override public int[] encode(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[b.length];
        for (int i = 0; i < b.length; i++) ids[i] = b[i] & 0xFF;
        return ids;
    }

    @Override public String decode(int[] ids) {
        byte[] b = new byte[ids.length];
        for (int i = 0; i < ids.length; i++) b[i] = (byte) ids[i];
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override public int vocabSize() { return 256; }

    @Override public String name() { return "byte"; }
}
