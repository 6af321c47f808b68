package dev.engram.train;

/**
 * {@code batch} windows of {@code ctx} tokens: inputs [batch*ctx] and the next tokens as targets [batch*ctx],
 * row-major.
 */
public record TokenBatch(long[] inputs, long[] targets, int batch, int ctx) implements Batch {
    public TokenBatch {
        if (inputs.length != (long) batch * ctx || targets.length != inputs.length)
            throw new IllegalArgumentException("token batch of " + batch + " x " + ctx + " holds " + inputs.length + " inputs and " + targets.length + " targets");
    }

    @Override public long items() { return (long) batch * ctx; }
}
