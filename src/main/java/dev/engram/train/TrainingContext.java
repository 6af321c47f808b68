package dev.engram.train;

import ai.djl.ndarray.NDManager;
import dev.engram.data.TokenData;
import dev.engram.data.Tokenizer;
import dev.engram.nn.TransformerLM;
import java.nio.file.Path;

/** What listeners may see and change during training. */
public record TrainingContext(TrainConfig config, TransformerLM model, AdamW optimizer, Tokenizer tokenizer,
                              TokenData data, NDManager manager, Path outDir) {}
