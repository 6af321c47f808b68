package dev.engram.cli;

import ai.djl.ndarray.NDManager;
import dev.engram.core.UserError;
import dev.engram.data.Tokenizer;
import dev.engram.data.Tokenizers;
import dev.engram.nn.ModelFiles;
import dev.engram.nn.Sampler;
import dev.engram.nn.TransformerLM;
import dev.engram.train.Checkpoints;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Continue a prompt with a trained model (temperature, top-k and nucleus sampling).",
        footer = {"", "Examples:",
                "  engram generate --model runs/en --prompt \"The Commission\" --max-tokens 200",
                "  engram generate --model runs/en --prompt \"Mr President,\" --temperature 0.7 --top-k 40 --top-p 0.95 --seed 3",
                "  engram generate --model runs/en --prompt \"The\" --temperature 0     # greedy"})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A run folder or a Hugging Face GPT-2 folder.") Path model;
    @Option(names = "--prompt", required = true, description = "Text to continue.") String prompt;
    @Option(names = "--max-tokens", description = "Tokens to generate (default: ${DEFAULT-VALUE}).") int maxTokens = 200;
    @Option(names = "--temperature", description = "Softmax temperature, 0 = greedy (default: ${DEFAULT-VALUE}).") double temperature = 0.8;
    @Option(names = "--top-k", description = "Keep the K most likely tokens, 0 = all (default: ${DEFAULT-VALUE}).") int topK = 0;
    @Option(names = "--top-p", description = "Keep the smallest set with this much probability (default: ${DEFAULT-VALUE}).") double topP = 1.0;
    @Option(names = "--seed", description = "Sampling seed (default: ${DEFAULT-VALUE}).") long seed = 1;
    @Mixin EngineOptions engine;

    @Override public Integer call() {
        Path dir = Checkpoints.modelDir(model);
        Tokenizer tok = Tokenizers.forModel(dir);
        int[] ids = tok.encode(prompt);
        if (ids.length == 0) throw new UserError("--prompt is empty: give at least one character");
        Sampler.Settings s;
        try {
            s = new Sampler.Settings(maxTokens, temperature, topK, topP);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().replace("maxTokens", "--max-tokens").replace("temperature", "--temperature")
                    .replace("topK", "--top-k").replace("topP", "--top-p"));
        }
        try (NDManager m = engine.manager(); TransformerLM lm = ModelFiles.load(dir, m)) {
            if (Arrays.stream(ids).anyMatch(i -> i >= lm.config().vocabSize()))
                throw new UserError("the prompt has token ids beyond the model's vocab_size " + lm.config().vocabSize());
            int[] out = Sampler.generate(lm, ids, s, new SplittableRandom(seed), m);
            System.out.println(tok.decode(out));
        }
        return 0;
    }
}
