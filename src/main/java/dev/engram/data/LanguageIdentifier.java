package dev.engram.data;

import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Identifies the language of a text with optimaize's language-detector (character n-gram profiles of 71
 * languages). Thread-safe; the profiles load once.
 */
public final class LanguageIdentifier {
    public static final String NAME = "optimaize language-detector 0.6 (71 built-in n-gram profiles)";
    private static volatile LanguageDetector detector;
    private static final TextObjectFactory TEXTS = CommonTextObjectFactories.forDetectingOnLargeText();

    private LanguageIdentifier() {}

    /** ISO 639-1 code of the text's language, or "unknown" when no language is clearly ahead. */
    public static String identify(CharSequence text) {
        var d = detector().detect(TEXTS.forText(text));
        return d.isPresent() ? d.get().getLanguage() : "unknown";
    }

    private static LanguageDetector detector() {
        if (detector == null) {
            synchronized (LanguageIdentifier.class) {
                if (detector == null) {
                    try {
                        detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                                .withProfiles(new LanguageProfileReader().readAllBuiltIn()).build();
                    } catch (IOException e) {
                        throw new UncheckedIOException("the language identifier's built-in profiles cannot be read", e);
                    }
                }
            }
        }
        return detector;
    }
}
