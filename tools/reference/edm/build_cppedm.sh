#!/usr/bin/env bash
# Builds the real cppEDM (the Sugihara lab's C++ EDM library) and bench_cppedm.cc, the driver that times it on
# the work of `engram edm bench` (issue 3).
#
# cppEDM's source is NOT part of this repository: pass a folder holding a copy of cppEDM's src/ directory
# (API.h, API.cc, CCM.cc, ...). The translation units are those of cppEDM's own makefile (SRCS below), compiled
# one at a time with -O3 -march=native and -DCCM_THREADED (cppEDM's default: the two CCM directions run on two
# threads). Eval.cc (EmbedDimension, PredictInterval, PredictNonlinear) is compiled when present; the benchmark
# never calls it, so a copy without it still builds and times the same code.
# SMap.cc calls LAPACK's dgelss_, so -llapack is needed at link time (Debian: liblapack-dev).
#
# Usage: build_cppedm.sh CPPEDM_SRC_DIR [BUILD_DIR]     (BUILD_DIR defaults to /tmp/cppedm-build)
# Produces BUILD_DIR/libEDM.a, BUILD_DIR/bench_cppedm and BUILD_DIR/seq_ccm_cppedm (sequential CCM outputs, see
# src/test/resources/edm/official/README.md). Then, for example:
#   /usr/bin/python3 tools/reference/edm/make_bench_csv.py /tmp/cppedm-data
#   BUILD_DIR/bench_cppedm ccm /tmp/cppedm-data/lorenz10k.csv 100
#   BUILD_DIR/bench_cppedm simplex /tmp/cppedm-data/lorenz100k.csv 50000 100000 3
set -euo pipefail

src=${1:?usage: build_cppedm.sh CPPEDM_SRC_DIR [BUILD_DIR]}
out=${2:-/tmp/cppedm-build}
here=$(cd "$(dirname "$0")" && pwd)
CXX=${CXX:-g++}
FLAGS=(-std=c++11 -O3 -march=native -DCCM_THREADED)

required=(API.cc CCM.cc Common.cc DateTime.cc EDM.cc EDM_Formatting.cc EDM_Neighbors.cc Multiview.cc
          Parameter.cc Simplex.cc SMap.cc)
optional=(Eval.cc)
for h in API.h CCM.h Common.h DataFrame.h DateTime.h EDM.h EDM_Neighbors.h Multiview.h Parameter.h Simplex.h \
         SMap.h Version.h "${required[@]}"; do
  [[ -f "$src/$h" ]] || { echo "build_cppedm.sh: $src/$h is missing" >&2; exit 1; }
done

mkdir -p "$out"
objs=()
for f in "${required[@]}" "${optional[@]}"; do
  if [[ ! -f "$src/$f" ]]; then
    echo "skip $f (not in $src; not used by Simplex or CCM)"
    continue
  fi
  o="$out/${f%.cc}.o"
  echo "$CXX ${FLAGS[*]} -c $f"
  "$CXX" "${FLAGS[@]}" -c "$src/$f" -o "$o"
  objs+=("$o")
done
rm -f "$out/libEDM.a"
ar -rcs "$out/libEDM.a" "${objs[@]}"

"$CXX" "${FLAGS[@]}" -I"$src" -c "$here/bench_cppedm.cc" -o "$out/bench_cppedm.o"
"$CXX" -O3 "$out/bench_cppedm.o" -L"$out" -lEDM -llapack -lpthread -o "$out/bench_cppedm"
"$CXX" "${FLAGS[@]}" -I"$src" -c "$here/seq_ccm_cppedm.cc" -o "$out/seq_ccm_cppedm.o"
"$CXX" -O3 "$out/seq_ccm_cppedm.o" -L"$out" -lEDM -llapack -lpthread -o "$out/seq_ccm_cppedm"
echo "built $out/bench_cppedm and $out/seq_ccm_cppedm"
