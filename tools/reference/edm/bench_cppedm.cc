// Times the real cppEDM (the Sugihara lab's C++ EDM library) on the work of `engram edm bench` (issue 3).
//
// None of cppEDM's code is in this repository: build_cppedm.sh compiles a copy of its src/ directory kept
// outside the repository and links this driver against it. The driver only calls cppEDM's public API
// (API.h: the DataFrame CSV loader, CCM() and Simplex()) and reads the time series that
// make_bench_csv.py writes (the same Lorenz series as dev.engram.edm.Systems.lorenz).
//
// Usage:
//   bench_cppedm ccm     FILE.csv SAMPLES [SIZES]   columns x -> target y, E 3, Tp 0, tau -1, seed 1;
//                                                   SIZES is cppEDM's "start stop increment" string
//                                                   (default "1000 9000 1000" plus a second call at 9997,
//                                                   the largest size cppEDM allows without replacement)
//   bench_cppedm simplex FILE.csv LIB_END PRED_END REPEATS
//                                                   column x -> target x, E 3, Tp 1, tau -1,
//                                                   lib 1..LIB_END, pred LIB_END+1..PRED_END;
//                                                   one warm-up call, then best of REPEATS
// Prints wall seconds, process CPU seconds (all threads; CPU/wall near 2 means both CCM directions ran
// in parallel), and the values to compare with Engram (CCM mean rho per library size, Simplex rho).

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iomanip>
#include <iostream>
#include <string>
#include <sys/resource.h>

#include "API.h"

namespace {

double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + 1e-6 * (u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

double wallSeconds() {
    using clock = std::chrono::steady_clock;
    return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

long peakRssMiB() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024;  // Linux reports KiB
}

// Splits "dir/name.csv" into the (path, file) pair cppEDM's DataFrame loader takes.
DataFrame<double> load(const std::string &csv) {
    std::string::size_type slash = csv.find_last_of('/');
    std::string dir = slash == std::string::npos ? "./" : csv.substr(0, slash + 1);
    std::string name = slash == std::string::npos ? csv : csv.substr(slash + 1);
    return DataFrame<double>(dir, name);
}

void printLibStats(const DataFrame<double> &stats) {
    for (size_t r = 0; r < stats.NRows(); r++) {
        std::cout << "  L=" << std::setw(5) << (long) stats(r, 0) << std::fixed << std::setprecision(5)
                  << "  x:y " << stats(r, 1) << "  y:x " << stats(r, 2) << "\n";
    }
}

int runCcm(const std::string &csv, int samples, const std::string &sizes) {
    DataFrame<double> data = load(csv);
    std::cout << "cppEDM CCM: " << data.NRows() << " rows, columns x -> target y, E 3, Tp 0, tau -1, seed 1, "
              << samples << " samples per library size\n";
    // The default splits the sizes 1000..10000 into two calls: cppEDM samples without
    // replacement only below the number of embedded rows (9998), so 10000 becomes 9997.
    std::string calls[2] = {sizes.empty() ? "1000 9000 1000" : sizes, sizes.empty() ? "9997 9997 2" : ""};
    double wallTotal = 0, cpuTotal = 0;
    for (const std::string &libSizes : calls) {
        if (libSizes.empty()) continue;
        double w0 = wallSeconds(), c0 = cpuSeconds();
        CCMValues v = CCM(data, "./", "", 3, 0, 0, -1, "x", "y", libSizes, samples, true, false, 1, false, false);
        double wall = wallSeconds() - w0, cpu = cpuSeconds() - c0;
        wallTotal += wall;
        cpuTotal += cpu;
        std::cout << "ccm call libSizes \"" << libSizes << "\": wall " << std::fixed << std::setprecision(2) << wall
                  << " s, cpu " << cpu << " s (cpu/wall " << cpu / wall << ")\n";
        printLibStats(v.AllLibStats);
    }
    std::cout << "ccm " << std::fixed << std::setprecision(4) << wallTotal << "\n";
    std::cout << "ccm_cpu " << cpuTotal << "  cpu/wall " << std::setprecision(2) << cpuTotal / wallTotal
              << "  peak RSS " << peakRssMiB() << " MiB\n";
    return 0;
}

int runSimplex(const std::string &csv, long libEnd, long predEnd, int repeats) {
    DataFrame<double> data = load(csv);
    std::string lib = "1 " + std::to_string(libEnd);
    std::string pred = std::to_string(libEnd + 1) + " " + std::to_string(predEnd);
    std::cout << "cppEDM Simplex: " << data.NRows() << " rows, column x -> target x, E 3, Tp 1, tau -1, lib "
              << lib << ", pred " << pred << "\n";
    DataFrame<double> out = Simplex(data, "./", "", lib, pred, 3, 1, 0, -1, 0, "x", "x", false, false, false);
    double best = 1e300, bestCpu = 0;
    for (int i = 0; i < repeats; i++) {
        double w0 = wallSeconds(), c0 = cpuSeconds();
        out = Simplex(data, "./", "", lib, pred, 3, 1, 0, -1, 0, "x", "x", false, false, false);
        double wall = wallSeconds() - w0;
        std::cout << "simplex run " << i + 1 << ": " << std::fixed << std::setprecision(3) << wall << " s\n";
        if (wall < best) {
            best = wall;
            bestCpu = cpuSeconds() - c0;
        }
    }
    VectorError err = ComputeError(out.VectorColumnName("Observations"), out.VectorColumnName("Predictions"));
    std::cout << "simplex " << std::fixed << std::setprecision(4) << best << "\n";
    std::cout << "simplex_cpu " << bestCpu << "  peak RSS " << peakRssMiB() << " MiB\n";
    std::cout << "check Simplex rho " << std::setprecision(6) << err.rho << "  RMSE " << err.RMSE << "  MAE "
              << err.MAE << "\n";
    return 0;
}

}  // namespace

int main(int argc, char **argv) {
    std::string mode = argc > 1 ? argv[1] : "";
    try {
        if (mode == "ccm" && (argc == 4 || argc == 5))
            return runCcm(argv[2], std::atoi(argv[3]), argc == 5 ? argv[4] : "");
        if (mode == "simplex" && argc == 6)
            return runSimplex(argv[2], std::atol(argv[3]), std::atol(argv[4]), std::atoi(argv[5]));
    } catch (const std::exception &e) {
        std::cerr << "cppEDM error: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "usage: bench_cppedm ccm FILE.csv SAMPLES [\"start stop increment\"]\n"
                 "       bench_cppedm simplex FILE.csv LIB_END PRED_END REPEATS\n";
    return 2;
}
