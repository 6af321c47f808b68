package dev.engram.linalg;

import dev.engram.core.UserError;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The system's OpenBLAS through Java's foreign-function API: single-precision GEMM (the ridge's hot loop) and
 * LAPACK's symmetric eigensolver dsyevd. Calls are "critical" so Java arrays are passed without copies; every
 * entry point checks its array bounds first because native code would not. The library is found once, by
 * path; without it its callers stop with an apt-get hint ({@link #available()} lets tests skip).
 */
public final class NativeBlas {
    private static final int ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112;
    private static final String[] CANDIDATES = {
            "/usr/lib/x86_64-linux-gnu/libopenblas.so.0", "/lib/x86_64-linux-gnu/libopenblas.so.0",
            "/usr/lib/aarch64-linux-gnu/libopenblas.so.0", "/usr/lib64/libopenblas.so.0", "/usr/lib/libopenblas.so.0"};
    private static final MethodHandle SGEMM, DGEMM, DSYEVD, SSYEVD, SET_THREADS;
    private static final String PROBLEM;

    static {
        MethodHandle sgemm = null, dgemm = null, dsyevd = null, ssyevd = null, threads = null;
        String problem = null;
        try {
            Path lib = null;
            for (String c : CANDIDATES) if (Files.exists(Path.of(c))) { lib = Path.of(c); break; }
            if (lib == null) throw new IllegalStateException("libopenblas.so.0 not found");
            Linker linker = Linker.nativeLinker();
            SymbolLookup l = SymbolLookup.libraryLookup(lib, Arena.global());
            var I = ValueLayout.JAVA_INT;
            var A = ValueLayout.ADDRESS;
            Linker.Option critical = Linker.Option.critical(true);
            sgemm = linker.downcallHandle(l.find("cblas_sgemm").orElseThrow(),
                    FunctionDescriptor.ofVoid(I, I, I, I, I, I, ValueLayout.JAVA_FLOAT, A, I, A, I, ValueLayout.JAVA_FLOAT, A, I), critical);
            dgemm = linker.downcallHandle(l.find("cblas_dgemm").orElseThrow(),
                    FunctionDescriptor.ofVoid(I, I, I, I, I, I, ValueLayout.JAVA_DOUBLE, A, I, A, I, ValueLayout.JAVA_DOUBLE, A, I), critical);
            // Fortran: every argument by reference, then the hidden lengths of the two character arguments.
            dsyevd = linker.downcallHandle(l.find("dsyevd_").orElseThrow(),
                    FunctionDescriptor.ofVoid(A, A, A, A, A, A, A, A, A, A, A, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), critical);
            ssyevd = linker.downcallHandle(l.find("ssyevd_").orElseThrow(),
                    FunctionDescriptor.ofVoid(A, A, A, A, A, A, A, A, A, A, A, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), critical);
            threads = linker.downcallHandle(l.find("openblas_set_num_threads").orElseThrow(), FunctionDescriptor.ofVoid(I));
        } catch (Throwable t) {
            problem = t.getMessage();
        }
        SGEMM = sgemm;
        DGEMM = dgemm;
        DSYEVD = dsyevd;
        SSYEVD = ssyevd;
        SET_THREADS = threads;
        PROBLEM = problem;
    }

    private NativeBlas() {}

    public static boolean available() { return PROBLEM == null; }

    /** Stops with a {@link UserError} naming the package to install when OpenBLAS is missing. */
    public static void require() {
        if (PROBLEM != null)
            throw new UserError("ridge regression and PCA need the system's OpenBLAS (" + PROBLEM + "): apt-get install -y libopenblas0-pthread (or libopenblas-dev)");
    }

    /** Sets OpenBLAS's thread count (0 = leave as configured). */
    public static void threads(int n) {
        require();
        if (n <= 0) return;
        try {
            SET_THREADS.invokeExact(n);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * C[m x n] = alpha * op(A) * op(B) + beta * C, all row-major with leading dimensions equal to their row
     * widths; op(A) is [m x k] (A stored [k x m] when transA), op(B) is [k x n].
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, float[] b, float beta, float[] c) {
        require();
        if ((long) m * k > a.length || (long) k * n > b.length || (long) m * n > c.length)
            throw new IllegalArgumentException("sgemm: arrays smaller than m=" + m + " n=" + n + " k=" + k);
        if (c == a || c == b) throw new IllegalArgumentException("sgemm: output aliases an input");
        if (m == 0 || n == 0) return;
        int lda = transA ? m : k, ldb = transB ? k : n;
        try {
            SGEMM.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha,
                    MemorySegment.ofArray(a), lda, MemorySegment.ofArray(b), ldb, beta, MemorySegment.ofArray(c), n);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The float64 twin of {@link #sgemm}, for Gram matrices whose small eigenvalues matter. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, double[] b, double beta, double[] c) {
        require();
        if ((long) m * k > a.length || (long) k * n > b.length || (long) m * n > c.length)
            throw new IllegalArgumentException("dgemm: arrays smaller than m=" + m + " n=" + n + " k=" + k);
        if (c == a || c == b) throw new IllegalArgumentException("dgemm: output aliases an input");
        if (m == 0 || n == 0) return;
        int lda = transA ? m : k, ldb = transB ? k : n;
        try {
            DGEMM.invokeExact(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS, m, n, k, alpha,
                    MemorySegment.ofArray(a), lda, MemorySegment.ofArray(b), ldb, beta, MemorySegment.ofArray(c), n);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * Eigen-decomposition of the symmetric n x n matrix {@code a} (row-major; overwritten): eigenvalues ascending
     * into {@code w}; afterwards row j of {@code a} holds the unit eigenvector of w[j].
     */
    public static void eigh(int n, double[] a, double[] w) {
        if ((long) n * n > a.length || w.length < n) throw new IllegalArgumentException("eigh: arrays too small for n=" + n);
        syevd(DSYEVD, "dsyevd", n, MemorySegment.ofArray(a), MemorySegment.ofArray(w), false);
    }

    /** The float32 twin of {@link #eigh(int, double[], double[])} (ssyevd), as scikit-learn's eigh on float32 kernels. */
    public static void eigh(int n, float[] a, float[] w) {
        if ((long) n * n > a.length || w.length < n) throw new IllegalArgumentException("eigh: arrays too small for n=" + n);
        syevd(SSYEVD, "ssyevd", n, MemorySegment.ofArray(a), MemorySegment.ofArray(w), true);
    }

    /** LAPACK's ?syevd: a workspace query, then the call; Fortran takes every argument by reference. */
    private static void syevd(MethodHandle h, String name, int n, MemorySegment a, MemorySegment w, boolean single) {
        require();
        byte[] jobz = {'V'}, uplo = {'U'};
        int[] nn = {n}, lwork = {-1}, liwork = {-1}, info = {0}, iq = new int[1];
        MemorySegment wq = single ? MemorySegment.ofArray(new float[1]) : MemorySegment.ofArray(new double[1]);
        try {
            h.invokeExact(MemorySegment.ofArray(jobz), MemorySegment.ofArray(uplo), MemorySegment.ofArray(nn), a,
                    MemorySegment.ofArray(nn), w, wq, MemorySegment.ofArray(lwork),
                    MemorySegment.ofArray(iq), MemorySegment.ofArray(liwork), MemorySegment.ofArray(info), 1L, 1L);
            int lw = (int) (single ? wq.get(ValueLayout.JAVA_FLOAT, 0) : wq.get(ValueLayout.JAVA_DOUBLE, 0)) + 1;
            MemorySegment work = single ? MemorySegment.ofArray(new float[lw]) : MemorySegment.ofArray(new double[lw]);
            int[] iwork = new int[iq[0] + 1];
            lwork[0] = lw;
            liwork[0] = iwork.length;
            h.invokeExact(MemorySegment.ofArray(jobz), MemorySegment.ofArray(uplo), MemorySegment.ofArray(nn), a,
                    MemorySegment.ofArray(nn), w, work, MemorySegment.ofArray(lwork),
                    MemorySegment.ofArray(iwork), MemorySegment.ofArray(liwork), MemorySegment.ofArray(info), 1L, 1L);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (info[0] != 0) throw new IllegalStateException(name + " failed with info=" + info[0]);
    }
}
