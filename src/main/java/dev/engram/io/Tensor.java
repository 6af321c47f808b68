package dev.engram.io;

import java.util.Arrays;

/** A named dense float tensor on the heap: row-major values and their shape. */
public record Tensor(long[] shape, float[] values) {
    public Tensor {
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            n = Math.multiplyExact(n, d);
        }
        if (n != values.length)
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, got " + values.length);
    }

    public long size() { return values.length; }

    public String shapeString() { return Arrays.toString(shape); }
}
