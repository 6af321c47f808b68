package dev.engram.train;

import dev.engram.core.Seeds;
import dev.engram.data.TokenData;

/** Random windows of a token stream's training part; step s draws from Seeds.random(seed, "batch", s). */
public record TokenBatchSource(TokenData data, int batch, int ctx, long seed) implements BatchSource {
    @Override public Batch batch(int step) {
        long[][] xy = data.sample(batch, ctx, Seeds.random(seed, "batch", step));
        return new TokenBatch(xy[0], xy[1], batch, ctx);
    }

    @Override public String describe() { return data.train().length + " training tokens, " + batch + " windows of " + ctx; }
}
