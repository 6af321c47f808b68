package dev.engram.cli;

import dev.engram.core.UserError;
import dev.engram.edm.*;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** `engram edm ...`: empirical dynamic modeling commands with pyEDM's conventions. Parsing and wiring only. */
@Command(name = "edm", mixinStandardHelpOptions = true,
        description = {"Empirical dynamic modeling: Simplex, S-map, sweeps, CCM (pyEDM 2.x conventions).",
                "lib/pred are 1-based inclusive row ranges; the first CSV column is the time; NaN is written as NaN."},
        subcommands = {EdmCommand.SimplexCmd.class, EdmCommand.SMapCmd.class, EdmCommand.EmbedDimensionCmd.class,
                EdmCommand.PredictIntervalCmd.class, EdmCommand.PredictNonlinearCmd.class, EdmCommand.CcmCmd.class,
                EdmCommand.CcmLaggedCmd.class, EdmCommand.CcmMatrixCmd.class, EdmCommand.DemoCmd.class,
                EdmCommand.BenchCmd.class},
        footer = {"", "Examples:",
                "  engram edm simplex --data lorenz.csv --columns x --target x --lib 1,500 --pred 501,800 --E 3 --out s.csv",
                "  engram edm ccm --data logistic.csv --columns x --target y --E 2 --lib-sizes 10,400,30 --sample 100 --out c.csv"})
public final class EdmCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    /** Input table options shared by every data command. */
    static final class Input {
        @Option(names = "--data", required = true, description = "CSV with a header; the first column is the time.")
        Path data;
        @Option(names = "--no-time", description = "Every CSV column is data; the time is the row number 1..N.")
        boolean noTime;

        EdmData read() { return EdmCsv.read(data, noTime); }
    }

    /** Forecast options (Simplex, S-map and the sweeps). */
    static final class Forecasting {
        @Mixin Input input;
        @Option(names = "--columns", required = true, split = ",", description = "Column to delay-embed (or, with --embedded, the state columns a,b,c).") List<String> columns;
        @Option(names = "--target", description = "Column to predict (default: the first of --columns).") String target;
        @Option(names = "--embedded", description = "Use --columns as the state coordinates as they are (pyEDM's embedded=True; E = their number).") boolean embedded;
        @Option(names = "--lib", required = true, description = "Library rows start,end (1-based, inclusive); more pairs for a disjoint library.") String lib;
        @Option(names = "--pred", required = true, description = "Prediction rows start,end (1-based, inclusive).") String pred;
        @Option(names = "--E", description = "Embedding dimension (default ${DEFAULT-VALUE}).") int E = PredictionConfig.EMBEDDING_DIMENSION;
        @Option(names = "--tau", description = "Embedding lag, negative for the past (default ${DEFAULT-VALUE}).") int tau = PredictionConfig.TAU;
        @Option(names = "--Tp", description = "Prediction horizon in rows (default ${DEFAULT-VALUE}).") int Tp = PredictionConfig.TP;
        @Option(names = "--knn", description = "Neighbours; 0 = default (Simplex E+1, S-map all but one).") int knn = PredictionConfig.KNN;
        @Option(names = "--exclusion-radius", description = "Exclude library rows this close in time (default ${DEFAULT-VALUE}: the row itself).") int excl = PredictionConfig.EXCLUSION_RADIUS;
        @Option(names = "--out", required = true, description = "Output CSV.") Path out;

        String target() { return target == null ? columns.get(0) : target; }

        PredictionConfig config() {
            return PredictionConfig.builder().E(E).tau(tau).Tp(Tp).knn(knn).exclusionRadius(excl).lib(RowRange.parseList("--lib", lib))
                    .pred(RowRange.parse("--pred", pred)).embedded(embedded).build();
        }
    }

    @Command(name = "simplex", mixinStandardHelpOptions = true, description = "Simplex projection; writes Time,Observations,Predictions,Pred_Variance.",
            footer = {"", "Example:", "  engram edm simplex --data F.csv --columns X --target X --lib 1,500 --pred 501,800 --E 3 --Tp 1 --tau -1 --out OUT.csv"})
    static final class SimplexCmd implements Callable<Integer> {
        @Mixin Forecasting f;

        @Override public Integer call() {
            Forecast r = Simplex.predict(f.input.read(), f.columns, f.target(), f.config());
            r.table().write(f.out);
            System.out.printf("rho %.6f, %d rows -> %s%n", r.rho(), r.time().length, f.out);
            return 0;
        }
    }

    @Command(name = "smap", mixinStandardHelpOptions = true, description = "S-map (locally weighted linear regression); optional coefficients table.",
            footer = {"", "Examples:", "  engram edm smap --data F.csv --columns X --target X --lib 1,500 --pred 501,800 --E 3 --theta 2 --out OUT.csv --coefficients COEF.csv",
                    "  engram edm smap --data F.csv --columns x,y,z --embedded --target x --lib 1,500 --pred 501,800 --theta 4 --out OUT.csv --coefficients COEF.csv"})
    static final class SMapCmd implements Callable<Integer> {
        @Mixin Forecasting f;
        @Option(names = "--theta", defaultValue = "0", description = "Localisation; 0 is a global linear map (default ${DEFAULT-VALUE}).") double theta;
        @Option(names = "--coefficients", description = "Also write Time,C0,∂target/∂x(t-0),... here.") Path coefficients;

        @Override public Integer call() {
            Forecast r = SMap.predict(f.input.read(), f.columns, f.target(), f.config(), theta);
            r.table().write(f.out);
            if (coefficients != null) r.coefficientTable().write(coefficients);
            System.out.printf("rho %.6f, %d rows -> %s%n", r.rho(), r.time().length, f.out);
            return 0;
        }
    }

    @Command(name = "embed-dimension", mixinStandardHelpOptions = true, description = "Simplex skill for E = 1..max-E; writes E,rho.",
            footer = {"", "Example:", "  engram edm embed-dimension --data F.csv --columns X --target X --lib 1,100 --pred 201,500 --max-E 10 --Tp 1 --out OUT.csv"})
    static final class EmbedDimensionCmd implements Callable<Integer> {
        @Mixin Forecasting f;
        @Option(names = "--max-E", defaultValue = "10", description = "Largest E (default ${DEFAULT-VALUE}).") int maxE;

        @Override public Integer call() {
            Table t = Sweeps.embedDimension(f.input.read(), f.columns, f.target(), f.config(), maxE);
            t.write(f.out);
            printBest(t, "E");
            return 0;
        }
    }

    @Command(name = "predict-interval", mixinStandardHelpOptions = true, description = "Simplex skill for Tp = 1..max-Tp; writes Tp,rho.",
            footer = {"", "Example:", "  engram edm predict-interval --data F.csv --columns X --lib 1,100 --pred 201,500 --E 2 --max-Tp 10 --out OUT.csv"})
    static final class PredictIntervalCmd implements Callable<Integer> {
        @Mixin Forecasting f;
        @Option(names = "--max-Tp", defaultValue = "10", description = "Largest Tp (default ${DEFAULT-VALUE}).") int maxTp;

        @Override public Integer call() {
            Table t = Sweeps.predictInterval(f.input.read(), f.columns, f.target(), f.config(), maxTp);
            t.write(f.out);
            printBest(t, "Tp");
            return 0;
        }
    }

    @Command(name = "predict-nonlinear", mixinStandardHelpOptions = true, description = "S-map skill per theta; writes Theta,rho.",
            footer = {"", "Example:", "  engram edm predict-nonlinear --data F.csv --columns X --lib 1,100 --pred 201,500 --E 4 --out OUT.csv",
                    "  (default thetas 0.01,0.1,0.3,0.5,0.75,1,1.5,2,3,4,5,6,7,8,9)"})
    static final class PredictNonlinearCmd implements Callable<Integer> {
        @Mixin Forecasting f;
        @Option(names = "--theta", split = ",", description = "Theta values, comma separated (default: pyEDM's list).") double[] thetas;

        @Override public Integer call() {
            double[] th = thetas == null ? Sweeps.DEFAULT_THETAS : thetas;
            Table t = Sweeps.predictNonlinear(f.input.read(), f.columns, f.target(), f.config(), th);
            t.write(f.out);
            printBest(t, "Theta");
            return 0;
        }
    }

    static void printBest(Table t, String key) {
        double[] k = t.column(key), r = t.column("rho");
        int best = 0;
        for (int i = 1; i < r.length; i++) if (r[i] > r[best] || Double.isNaN(r[best])) best = i;
        System.out.printf("best %s = %s (rho %.6f)%n", key, EdmCsv.format(k[best]), r[best]);
    }

    /** Cross-map options shared by the CCM commands. */
    static final class CrossMapping {
        @Option(names = "--E", required = true, description = "Embedding dimension.") int E;
        @Option(names = "--tau", description = "Embedding lag (default ${DEFAULT-VALUE}).") int tau = CcmConfig.TAU;
        @Option(names = "--exclusion-radius", description = "Exclude library rows this close in time (default ${DEFAULT-VALUE}).") int excl = CcmConfig.EXCLUSION_RADIUS;
        @Option(names = "--surrogate-method", defaultValue = "ebisuzaki", description = "shuffle, ebisuzaki or seasonal (default ${DEFAULT-VALUE}).") String method;
        @Option(names = "--period", defaultValue = "0", description = "Season length in rows, for --surrogate-method seasonal.") int period;
        @Option(names = "--seed", description = "Seed of libraries and surrogates (default ${DEFAULT-VALUE}).") long seed = CcmConfig.SEED;
    }

    @Command(name = "ccm", mixinStandardHelpOptions = true,
            description = {"Convergent cross mapping over library sizes; writes LibSize,x:y,y:x.",
                    "x:y is the skill of estimating y from x's embedding: high and converging means y drives x.",
                    "With --surrogates, also a significance test of both directions at the full library."},
            footer = {"", "Examples:",
                    "  engram edm ccm --data F.csv --columns x --target y --E 2 --tau -1 --Tp 0 --lib-sizes 10,400,30 --sample 100 --seed 1 --out OUT.csv",
                    "  engram edm ccm ... --sequential          (the first L library vectors, as cppEDM's random=false)",
                    "  engram edm ccm ... --surrogates 200      (adds p-values of x:y and y:x against Ebisuzaki surrogates)"})
    static final class CcmCmd implements Callable<Integer> {
        @Mixin Input input;
        @Mixin CrossMapping cm;
        @Option(names = "--columns", required = true, description = "First series (x).") String x;
        @Option(names = "--target", required = true, description = "Second series (y).") String y;
        @Option(names = "--Tp", description = "Cross-map horizon (default ${DEFAULT-VALUE}).") int Tp = CcmConfig.TP;
        @Option(names = "--knn", description = "Neighbours; 0 = E+1.") int knn = CcmConfig.KNN;
        @Option(names = "--lib-sizes", required = true, description = "start,stop,increment (or a list of sizes).") String libSizes;
        @Option(names = "--sample", description = "Random libraries per size (default ${DEFAULT-VALUE}).") int sample = CcmConfig.SAMPLE;
        @Option(names = "--sequential", description = "Deterministic libraries: the first L valid library vectors.") boolean sequential;
        @Option(names = "--samples-out", description = "Also write every sample's rho (LibSize,Sample,x:y,y:x).") Path samplesOut;
        @Option(names = "--surrogates", defaultValue = "0", description = "Surrogates for p-values at the full library (0 = none).") int surrogates;
        @Option(names = "--out", required = true, description = "Output CSV.") Path out;

        @Override public Integer call() {
            EdmData d = input.read();
            CcmConfig c = CcmConfig.builder().E(cm.E).tau(cm.tau).Tp(Tp).knn(knn).exclusionRadius(cm.excl)
                    .libSizes(CcmConfig.parseLibSizes(libSizes)).sample(sample).seed(cm.seed).sequential(sequential).build();
            CcmResult r = Ccm.run(d, x, y, c);
            r.table().write(out);
            if (samplesOut != null) r.samplesTable().write(samplesOut);
            double[] a = r.meanXY(), b = r.meanYX();
            System.out.printf("%s:%s %.4f -> %.4f   %s:%s %.4f -> %.4f  (smallest -> largest library) -> %s%n",
                    x, y, a[0], a[a.length - 1], y, x, b[0], b[b.length - 1], out);
            if (surrogates > 0) {
                var s = new CcmSignificance.Settings(cm.E, cm.tau, Tp, cm.excl, SurrogateMethod.parse(cm.method), surrogates, cm.period, cm.seed);
                var fwd = CcmSignificance.test(d.series(x), d.series(y), s);
                var rev = CcmSignificance.test(d.series(y), d.series(x), s);
                System.out.printf("full library: %s:%s rho %.4f p %.4g   %s:%s rho %.4f p %.4g  (%d %s surrogates)%n",
                        x, y, fwd.rho(), fwd.pValue(), y, x, rev.rho(), rev.pValue(), surrogates, cm.method);
            }
            return 0;
        }
    }

    @Command(name = "ccm-lagged", mixinStandardHelpOptions = true,
            description = {"Extended CCM: full-library cross-map skill for Tp in a range; writes Tp,x:y,y:x.",
                    "A driver is best recovered at Tp <= 0; a peak at Tp > 0 suggests synchrony, not causation."},
            footer = {"", "Example:", "  engram edm ccm-lagged --data F.csv --columns x --target y --E 2 --Tp-range -8,8 --out OUT.csv"})
    static final class CcmLaggedCmd implements Callable<Integer> {
        @Mixin Input input;
        @Mixin CrossMapping cm;
        @Option(names = "--columns", required = true, description = "First series (x).") String x;
        @Option(names = "--target", required = true, description = "Second series (y).") String y;
        @Option(names = "--Tp-range", defaultValue = "-8,8", description = "from,to (default ${DEFAULT-VALUE}).") String range;
        @Option(names = "--out", required = true, description = "Output CSV.") Path out;

        @Override public Integer call() {
            String[] p = range.split(",");
            if (p.length != 2) throw new UserError("--Tp-range '" + range + "': give from,to such as -8,8.");
            int from, to;
            try {
                from = Integer.parseInt(p[0].trim());
                to = Integer.parseInt(p[1].trim());
            } catch (NumberFormatException e) {
                throw new UserError("--Tp-range '" + range + "': give integers, from,to such as -8,8.");
            }
            EdmData d = input.read();
            Table t = LaggedCcm.run(d.series(x), d.series(y), x, y, cm.E, cm.tau, cm.excl, from, to);
            t.write(out);
            System.out.printf("best Tp: %s:%s at %d, %s:%s at %d -> %s%n", x, y, LaggedCcm.bestTp(t, x + ":" + y),
                    y, x, LaggedCcm.bestTp(t, y + ":" + x), out);
            return 0;
        }
    }

    @Command(name = "ccm-matrix", mixinStandardHelpOptions = true,
            description = {"CCM between every ordered pair of columns (full library), with surrogate p-values, in parallel.",
                    "Writes ccm_rho.csv and ccm_pvalue.csv (row i, column j: i:j, j's influence on i) and ccm_pairs.csv."},
            footer = {"", "Example:", "  engram edm ccm-matrix --data F.csv --E 3 --surrogates 200 --out DIR",
                    "  engram edm ccm-matrix --data F.csv --columns a,b,c --E 3 --surrogates 200 --surrogate-method seasonal --period 12 --out DIR"})
    static final class CcmMatrixCmd implements Callable<Integer> {
        @Mixin Input input;
        @Mixin CrossMapping cm;
        @Option(names = "--columns", split = ",", description = "Columns to include (default: all but the time).") List<String> columns;
        @Option(names = "--Tp", description = "Cross-map horizon (default ${DEFAULT-VALUE}).") int Tp = CcmConfig.TP;
        @Option(names = "--surrogates", defaultValue = "100", description = "Surrogates per pair (default ${DEFAULT-VALUE}).") int surrogates;
        @Option(names = "--alpha", defaultValue = "0.05", description = "Level for the 'significant' column (default ${DEFAULT-VALUE}).") double alpha;
        @Option(names = "--out", required = true, description = "Output directory.") Path out;

        @Override public Integer call() {
            EdmData d = input.read();
            List<String> names = columns == null ? d.names() : columns;
            List<double[]> series = names.stream().map(d::series).toList();
            var s = new CcmSignificance.Settings(cm.E, cm.tau, Tp, cm.excl, SurrogateMethod.parse(cm.method), surrogates, cm.period, cm.seed);
            CcmMatrix m = CcmMatrix.run(names, series, s);
            m.write(out, alpha);
            long sig = 0;
            for (int i = 0; i < names.size(); i++) for (int j = 0; j < names.size(); j++) if (i != j && m.pValue()[i][j] <= alpha) sig++;
            System.out.printf("%d series, %d of %d ordered pairs significant at %.3g -> %s%n", names.size(), sig,
                    names.size() * (names.size() - 1), alpha, out);
            return 0;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true, description = "CCM on coupled logistic maps (Sugihara 2012): table and PNG chart.",
            footer = {"", "Example:", "  engram edm demo --out runs/ccm-demo"})
    static final class DemoCmd implements Callable<Integer> {
        @Option(names = "--out", defaultValue = "runs/ccm-demo", description = "Output directory (default ${DEFAULT-VALUE}).") Path out;

        @Override public Integer call() {
            CcmDemo.Result r = CcmDemo.run(out);
            System.out.println("x drives y recovered: " + r.xDrivesY() + "; " + r.csv() + ", " + r.chart());
            return r.xDrivesY() ? 0 : 1;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Times CCM on a 10,000-row Lorenz series (E 3, 10 library sizes x 100 samples) and Simplex on 100,000 rows.",
            footer = {"", "Example:", "  engram edm bench", "  engram edm bench --samples 20 --numpy tools/reference/edm/bench_numpy.py --calibration 400",
                    "  PYTHONPATH=/path/to/pyEDM/src engram edm bench --pyedm tools/reference/edm/bench_pyedm.py"})
    static final class BenchCmd implements Callable<Integer> {
        @Option(names = "--samples", defaultValue = "100", description = "Random libraries per size (default ${DEFAULT-VALUE}).") int samples;
        @Option(names = "--numpy", description = "Also time this NumPy/SciPy script on the same work and print the ratio.") Path numpy;
        @Option(names = "--pyedm", description = "Also time pyEDM itself with this script (tools/reference/edm/bench_pyedm.py; pyEDM 2.x must be importable by /usr/bin/python3, e.g. via PYTHONPATH; skipped otherwise). CCM is timed once; Simplex call by call, alternating with Engram's, with the per-round ratio.") Path pyedm;
        @Option(names = "--calibration", defaultValue = "0", description = "Also run this many surrogate false-positive trials per method (e.g. 400).") int calibration;

        @Override public Integer call() {
            EdmBench.run(samples, numpy, pyedm, System.out);
            if (calibration > 0) EdmBench.calibration(calibration, System.out);
            return 0;
        }
    }

}
