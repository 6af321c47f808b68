package dev.engram.data;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

/** GPT-2's byte-level BPE (50,257 tokens), as jtokkit's r50k_base encoding. */
public final class Gpt2Tokenizer implements Tokenizer {
    private static final Encoding ENCODING = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.R50K_BASE);

    @Override public int[] encode(String text) {
        return ENCODING.encodeOrdinary(text).toArray();
    }

    @Override public String decode(int[] ids) {
        IntArrayList list = new IntArrayList(ids.length);
        for (int id : ids) list.add(id);
        return ENCODING.decode(list);
    }

    @Override public int vocabSize() { return 50257; }

    @Override public String name() { return "gpt2"; }
}
