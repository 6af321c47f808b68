package dev.engram.core;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of a long loop on stderr: a bar redrawn in place on a terminal, a plain line every ~10% (or 30 s)
 * otherwise, always with rate and ETA.
 */
public final class Progress {
    private final String label;
    private final long total;
    private final PrintWriter out;
    private final boolean tty;
    private final long start = System.nanoTime();
    private long lastPrint;
    private long lastDone = -1;

    public Progress(String label, long total) {
        this(label, total, new PrintWriter(System.err));
    }

    /** To {@code out}, e.g. a command's error stream (which tests capture), instead of System.err. */
    public Progress(String label, long total, PrintWriter out) {
        this(label, total, out, System.console() != null && System.getenv("CI") == null);
    }

    Progress(String label, long total, PrintWriter out, boolean tty) {
        this.label = label;
        this.total = Math.max(1, total);
        this.out = out;
        this.tty = tty;
    }

    /** Reports {@code done} of total; {@code note} is appended (e.g. the current loss). */
    public void update(long done, String note) {
        long now = System.nanoTime();
        boolean tenth = done * 10 / total != lastDone * 10 / total;
        boolean due = tty ? now - lastPrint > 200_000_000L : (tenth || now - lastPrint > 30_000_000_000L);
        if (!due && done < total) return;
        lastPrint = now;
        lastDone = done;
        double secs = (now - start) / 1e9;
        double rate = done / Math.max(secs, 1e-9);
        double eta = rate > 0 ? (total - done) / rate : 0;
        String line = String.format(Locale.ROOT, "%s %s %d/%d %.1f/s eta %s %s", label, bar(done), done, total, rate, time(eta), note);
        if (tty) out.print("\r" + line + "\u001b[K" + (done >= total ? "\n" : ""));
        else out.println(line);
        out.flush();
    }

    private String bar(long done) {
        int width = 24, fill = (int) (width * done / total);
        return "[" + "=".repeat(fill) + " ".repeat(width - fill) + "]";
    }

    static String time(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format("%dh%02dm", t / 3600, t / 60 % 60) : String.format("%dm%02ds", t / 60, t % 60);
    }
}
