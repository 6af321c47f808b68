package dev.engram.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.engram.core.Engines;
import dev.engram.data.KnownWords;
import dev.engram.data.LanguageIdentifier;
import dev.engram.data.Tokenizer;
import dev.engram.data.Tokenizers;
import dev.engram.nn.ModelFiles;
import dev.engram.nn.Sampler;
import dev.engram.nn.TransformerLM;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 4-layer model on the English part of Europarl learns well beyond unigram statistics and writes English. */
class RealCorpusTrainingTest {
    @Test void fourLayerModelBeatsTheUnigramBaselineAndWritesEnglish(@TempDir Path out) {
        var c = TrainConfig.builder().corpus("europarl:en").tokenizer("bpe:1024").layers(4).heads(4).dim(64).ctx(64).batch(8).steps(400)
                .lr(3e-3).warmup(40).dropout(0.0).evalEvery(400).evalBatches(16).checkpointEvery(400).seed(7).build();
        try (NDManager m = Engines.newManager(1)) {
            var s = TrainRun.execute(c, out, TrainRun.Start.FRESH, m, List.of(), true);
            double val = s.result().finalValidationLoss(), uni = s.unigramCrossEntropy();
            assertTrue(val < uni - 0.6, "validation " + val + " vs unigram " + uni);
            Path dir = Checkpoints.dir(out);
            Tokenizer tok = Tokenizers.forModel(dir);
            int english = 0;
            var known = new KnownWords(dev.engram.data.Corpora.load("europarl:en").documents());
            double realWords = 0;
            try (TransformerLM lm = ModelFiles.load(dir, m)) {
                String[] prompts = {"The Commission ", "Mr President, ", "We must "};
                StringBuilder all = new StringBuilder();
                for (int i = 0; i < prompts.length; i++) {
                    String text = tok.decode(Sampler.generate(lm, tok.encode(prompts[i]), new Sampler.Settings(100, 0.5, 0, 1.0),
                            new SplittableRandom(i), m));
                    all.append(text).append('\n');
                    if (LanguageIdentifier.identify(text).equals("en")) english++;
                    realWords += known.share(text.substring(prompts[i].length())) / prompts.length;
                }
                // Words of 4+ letters found in Europarl: measured 0.69 here (0.5 at temperature 0.7); a 20-step model's
                // letter salad at temperature 0.8 scored 0.06-0.25.
                assertTrue(realWords > 0.4, "share of real words " + realWords + ":\n" + all);
                assertTrue(english >= 2, english + " of 3 samples identified as English:\n" + all);
            }
        }
    }
}
