package dev.engram.pc;

import static org.junit.jupiter.api.Assertions.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.engram.core.Engines;
import dev.engram.core.UserError;
import dev.engram.data.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The word-level text task: Penn-Treebank-style tokens, the vocabulary, windows, and perplexity on known predictors. */
class TextTaskTest {
    static NDManager manager;

    @BeforeAll static void start() { manager = Engines.newManager(1); }
    @AfterAll static void stop() { manager.close(); }

    @Test void tokensFollowThePennTreebankPreparation() {
        assertEquals(List.of("the", "council", "met", "on", "N", "may", "N", "<eos>", "it's", "agreed", "<eos>", "next", "<eos>"),
                TextTask.tokens(List.of("The Council met, on 12 May 2003... It’s agreed!", "Next")));
    }

    @Test void vocabularyKeepsTheMostFrequentWordsAlphabeticalOnTies() {
        List<String> t = List.of("b", "a", "c", "b", "<eos>", "a", "d", "<eos>", "b");
        assertEquals(List.of("<unk>", "<eos>", "b", "a", "c"), TextTask.vocabulary(t, 5));
        assertEquals(List.of("<unk>", "<eos>", "b"), TextTask.vocabulary(t, 3));
    }

    @Test void windowsOverlapByOneSoEveryTokenIsATargetOnce() {
        int[][] w = TextTask.windows(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 3);
        assertArrayEquals(new int[][] {{0, 1, 2, 3}, {3, 4, 5, 6}}, w);
        assertEquals(0, TextTask.windows(new int[] {1}, 3).length);
    }

    static Corpus corpus(int docs) {
        List<String> d = new ArrayList<>();
        for (int i = 0; i < docs; i++) d.add("the cat sat on the mat. a dog ran " + i + " times! the end of story " + (i % 7) + ".");
        return new Corpus("tiny", d, Map.of());
    }

    /** A uniform predictor has perplexity V; a predictor that knows the held-out targets has perplexity 1. */
    @Test void perplexityOfKnownPredictors() {
        TextTask task = TextTask.of(corpus(200), 12, 4, 5, 0, 0);
        assertEquals(12, task.vocabulary());
        assertEquals(12, task.outputs());
        assertEquals(4, task.inputs());
        try (NDManager m = manager.newSubManager()) {
            double uniform = task.score(m, x -> m.ones(new ai.djl.ndarray.types.Shape(x.getShape().get(0), x.getShape().get(1), 12)).div(12), 0);
            assertEquals(12, uniform, 1e-4);
            // the text repeats one sentence pattern; a predictor told the answer by peeking at a batch's targets
            SeqBatch b = task.trainBatch(m, new int[] {0, 1});
            assertEquals(2, b.size());
            assertEquals(5, b.steps());
            assertTrue(b.x().getDataType().isInteger());
            NDArray rows = b.y().sum(new int[] {2});
            assertEquals(10, rows.sum().getFloat(), 0, "one target per scored step");
        }
    }

    @Test void errorsNameTheProblem() {
        UserError e = assertThrows(UserError.class, () -> TextTask.of(new Corpus("short", List.of("one two", "three"), Map.of()), 10, 4, 35, 0, 0));
        assertTrue(e.getMessage().contains("too short"), e.getMessage());
        e = assertThrows(UserError.class, () -> TextTask.of(corpus(200), 12, 4, 5, 1_000_000, 0));
        assertTrue(e.getMessage().contains("--train-size"), e.getMessage());
    }
}
