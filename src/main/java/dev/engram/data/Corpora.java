package dev.engram.data;

import dev.engram.core.UserError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Stream;

/** Loads corpora: a UTF-8 text file, a folder of .txt files, or {@code europarl:LANG}. */
public final class Corpora {
    /** A single file is cut into documents of about this many characters, at line ends. */
    static final int CHUNK_CHARS = 4000;

    private Corpora() {}

    public static Corpus load(String source) {
        if (source.startsWith("europarl:")) return Europarl.language(source.substring("europarl:".length()));
        Path p = Path.of(source);
        if (!Files.exists(p))
            throw new UserError("--corpus " + source + ": no such file or folder (give a UTF-8 text file, a folder of .txt files, or europarl:LANG such as europarl:en)");
        List<String> docs = new ArrayList<>();
        if (Files.isDirectory(p)) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(p)) {
                files = s.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".txt")).sorted().toList();
            } catch (IOException e) {
                throw new UserError(source + ": cannot list the folder (" + e.getMessage() + ")");
            }
            if (files.isEmpty()) throw new UserError("--corpus " + source + ": the folder holds no .txt files");
            for (Path f : files) docs.add(readUtf8(f));
        } else {
            docs.addAll(chunks(readUtf8(p), CHUNK_CHARS));
        }
        docs.removeIf(String::isBlank);
        if (docs.isEmpty()) throw new UserError("--corpus " + source + ": no text in it");
        var info = new LinkedHashMap<String, Object>();
        info.put("source", source);
        return new Corpus(p.getFileName().toString(), docs, info);
    }

    /** Cuts text into pieces of at least {@code size} characters, ending at a line end where there is one. */
    static List<String> chunks(String text, int size) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = Math.min(text.length(), start + size);
            if (end < text.length()) {
                int nl = text.indexOf('\n', end);
                end = nl < 0 ? text.length() : nl + 1;
            }
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }

    static String readUtf8(Path f) {
        try {
            byte[] b = Files.readAllBytes(f);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new UserError(f + ": not UTF-8 text (convert it, e.g. iconv -t UTF-8)");
        } catch (IOException e) {
            throw new UserError(f + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
