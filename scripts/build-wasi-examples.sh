#!/bin/sh
# Rebuilds the prebuilt wasm32-wasi examples (public/examples/wasi/*.wasm) and the WASI test
# fixtures from their C sources. The .wasm files are committed, so the page and the tests never
# need clang; run this only after changing a C source.
#
# Needs Debian's toolchain: apt-get install clang lld wasi-libc libclang-rt-dev-wasm32 wabt
set -eu
cd "$(dirname "$0")/.."

CC=${CC:-clang}
# -O2 and a stripped binary keep each example a few KB to a few tens of KB.
CFLAGS="--target=wasm32-wasi -O2 -Wall -Wextra -Werror"

build() {
  src=$1
  out=${src%.c}.wasm
  "$CC" $CFLAGS -o "$out" "$src"
  # Drop the name and producers sections: smaller, and the same bytes whoever builds it.
  wasm-strip "$out"
  chmod 644 "$out" # data, not a program to execute on the host
  printf '%-55s %7d bytes\n' "$out" "$(wc -c < "$out")"
}

for src in public/examples/wasi/*.c src/sandbox/runner/wasi/fixtures/*.c e2e/fixtures/c/*.c; do
  build "$src"
done
