package dev.engram.data;

/** Text to token ids and back. Implementations are immutable and thread-safe. */
public interface Tokenizer {
    int[] encode(String text);

    String decode(int[] ids);

    int vocabSize();

    /** The name that selects this tokenizer again: "byte", "gpt2" or "bpe:SIZE". */
    String name();
}
