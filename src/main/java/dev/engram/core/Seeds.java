package dev.engram.core;

import java.util.SplittableRandom;

/**
 * One seed per run, split downward: each component derives its own stream from the run seed, a purpose and
 * an index (e.g. the step), so a resumed run draws exactly what the uninterrupted run would have drawn.
 */
public final class Seeds {
    private Seeds() {}

    /** A well-mixed 64-bit seed for (seed, purpose, index). */
    public static long derive(long seed, String purpose, long index) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (int i = 0; i < purpose.length(); i++) h = mix(h ^ purpose.charAt(i));
        return mix(h ^ mix(index + 0x632BE59BD9B4E019L));
    }

    public static SplittableRandom random(long seed, String purpose, long index) {
        return new SplittableRandom(derive(seed, purpose, index));
    }

    /** A non-negative int seed for engines that take one (PyTorch's dropout generator). */
    public static int intSeed(long seed, String purpose, long index) {
        return (int) (derive(seed, purpose, index) >>> 33);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
