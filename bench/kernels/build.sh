#!/usr/bin/env bash
# Rebuilds the benchmark kernels: C with Debian's clang (apt-get install clang lld), the
# AssemblyScript kernels in as/ with the asc of the npm package (npm ci first).
# The .wasm files are committed, so running the benchmarks needs no toolchain.
set -euo pipefail
cd "$(dirname "$0")"
for src in *.c; do
  clang --target=wasm32-unknown-unknown -O2 -nostdlib -mbulk-memory \
    -Wl,--no-entry -Wl,--export=run -Wl,--strip-all -o "${src%.c}.wasm" "$src"
done
# --runtime stub: no GC; --use abort=: no host import (a failed check is a trap).
for src in as/*.ts; do
  name="as-$(basename "${src%.ts}")"
  ../../node_modules/.bin/asc "$src" -O3 --runtime stub --noAssert --use abort= -o "$name.wasm"
done
ls -l *.wasm
