package dev.engram.cli;

import ai.djl.ndarray.NDManager;
import dev.engram.core.Json;
import dev.engram.core.UserError;
import dev.engram.data.Tokenizer;
import dev.engram.data.Tokenizers;
import dev.engram.nn.ModelFiles;
import dev.engram.nn.TransformerLM;
import dev.engram.train.Checkpoints;
import dev.engram.train.Evaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score a model on text or token ids: mean next-token cross-entropy (nats) and perplexity.",
                "Input longer than n_positions is scored in consecutive non-overlapping windows of n_positions tokens;",
                "every token after the first is predicted once, so tokens = (number of input tokens) - 1."},
        footer = {"", "Examples:",
                "  engram eval --model runs/en --text held-out.txt --json",
                "  engram eval --model path/to/gpt2 --tokens ids.txt --json      # a Hugging Face GPT-2 folder",
                "  engram eval --model runs/en --text a.txt --tokenizer byte"})
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A run folder or a Hugging Face GPT-2 folder.") Path model;
    @ArgGroup(exclusive = true, multiplicity = "1") Input input;
    @Option(names = "--tokenizer", paramLabel = "NAME", description = "byte | gpt2 (default: the model's own, else gpt2).") String tokenizer;
    @Option(names = "--json", description = "Print one JSON object {tokens, loss, perplexity}.") boolean json;
    @Option(names = "--batch", description = "Windows scored at once (default: ${DEFAULT-VALUE}).") int batch = 8;
    @Mixin EngineOptions engine;

    static final class Input {
        @Option(names = "--text", paramLabel = "FILE", description = "UTF-8 text to score.") Path text;
        @Option(names = "--tokens", paramLabel = "FILE", description = "Whitespace-separated token ids to score.") Path tokens;
    }

    @Override public Integer call() throws IOException {
        Path dir = Checkpoints.modelDir(model);
        var config = ModelFiles.readConfig(dir);
        int[] ids;
        if (input.tokens != null) {
            ids = Tokenizers.readIds(input.tokens, config.vocabSize());
        } else {
            if (!Files.isRegularFile(input.text)) throw new UserError("--text " + input.text + ": no such file");
            Tokenizer tok = tokenizer != null ? Tokenizers.create(tokenizer, null) : Tokenizers.forModel(dir);
            if (tok.vocabSize() > config.vocabSize())
                throw new UserError("tokenizer " + tok.name() + " has " + tok.vocabSize() + " ids but the model's vocab_size is " + config.vocabSize());
            ids = tok.encode(Files.readString(input.text));
        }
        if (ids.length < 2) throw new UserError("the input holds " + ids.length + " token(s); at least 2 are needed to predict one");
        if (batch <= 0) throw new UserError("--batch must be positive");
        Evaluator.Score s;
        try (NDManager m = engine.manager(); TransformerLM lm = ModelFiles.load(dir, m)) {
            s = Evaluator.score(lm, ids, config.nPositions(), batch, 0, m);
        }
        if (json) {
            var out = new LinkedHashMap<String, Object>();
            out.put("tokens", s.tokens());
            out.put("loss", s.loss());
            out.put("perplexity", s.perplexity());
            System.out.println(Json.line(out));
        } else {
            System.out.printf(Locale.ROOT, "tokens %d  loss %.6f nats  perplexity %.4f%n", s.tokens(), s.loss(), s.perplexity());
        }
        return 0;
    }
}
