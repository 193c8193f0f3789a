#!/usr/bin/env bash
# Rebuilds the benchmark kernels with Debian's clang (apt-get install clang lld).
# The .wasm files are committed, so running the benchmarks needs no C toolchain.
set -euo pipefail
cd "$(dirname "$0")"
for src in *.c; do
  clang --target=wasm32-unknown-unknown -O2 -nostdlib -mbulk-memory \
    -Wl,--no-entry -Wl,--export=run -Wl,--strip-all -o "${src%.c}.wasm" "$src"
done
ls -l *.wasm
