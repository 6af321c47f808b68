package dev.engram.train;

/** Linear warm-up to the peak, then a cosine decay to peak * minRatio at the last step. */
public record LrSchedule(double peak, int warmup, int total, double minRatio) {
    /** Learning rate for 1-based step {@code step}. */
    public double at(int step) {
        if (warmup > 0 && step <= warmup) return peak * step / warmup;
        if (total <= warmup) return peak;
        double progress = Math.min(1.0, (double) (step - warmup) / (total - warmup));
        double min = peak * minRatio;
        return min + 0.5 * (peak - min) * (1 + Math.cos(Math.PI * progress));
    }
}
