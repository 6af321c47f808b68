// Sequential (random=false) CCM by the real cppEDM, to compare with `engram edm ccm --sequential` (issue 3).
// None of cppEDM's code is in this repository: build_cppedm.sh links this driver against a copy of cppEDM's src/.
// It only calls cppEDM's public API (API.h: the DataFrame CSV loader and CCM() with random = false, sample 1).
// Usage: seq_ccm_cppedm FILE.csv E TAU TP COLUMN TARGET "START STOP INC" [...more size triples]
//   cppEDM's size string is "start stop increment"; for one size L pass "L L 2" (with increment 1 cppEDM's size
//   count formula yields L and L+1).
// Prints LibSize,COLUMN:TARGET,TARGET:COLUMN with 17 significant digits.
#include <iomanip>
#include <iostream>
#include <string>
#include "API.h"

int main(int argc, char **argv) {
    if (argc < 8) { std::cerr << "usage: seq_ccm_cppedm FILE.csv E TAU TP COLUMN TARGET \"START STOP INC\" ...\n"; return 2; }
    std::string csv = argv[1];
    std::string::size_type slash = csv.find_last_of('/');
    std::string dir = slash == std::string::npos ? "./" : csv.substr(0, slash + 1);
    std::string name = slash == std::string::npos ? csv : csv.substr(slash + 1);
    DataFrame<double> data(dir, name);
    int E = std::stoi(argv[2]), tau = std::stoi(argv[3]), Tp = std::stoi(argv[4]);
    std::string column = argv[5], target = argv[6];
    std::cout << "LibSize," << column << ":" << target << "," << target << ":" << column << "\n" << std::setprecision(17);
    for (int a = 7; a < argc; a++) {
        CCMValues v = CCM(data, "./", "", E, Tp, 0, tau, column, target, argv[a], 1, false, false, 0, false, false);
        for (size_t r = 0; r < v.AllLibStats.NRows(); r++)
            std::cout << v.AllLibStats(r, 0) << "," << v.AllLibStats(r, 1) << "," << v.AllLibStats(r, 2) << "\n";
    }
    return 0;
}
