#!/bin/sh
# Rebuilds every prebuilt binary under public/examples from the source beside it, with Debian's
# tools (clang, lld, wabt): apt-get install clang lld wabt. (The WASI examples under
# public/examples/wasi have their own script, build-wasi-examples.sh; the Wasm 3.0 ones under
# public/examples/wasm3 theirs, build-wasm3-examples.mjs.)
# The .wasm files are committed, so the page and the tests never need these tools.
#   add.wasm         add.c (or add.rs, when rustc's wasm32-unknown-unknown target is installed
#                    and USE_RUST=1 is set: the committed binary is built from C)
#   <name>.wasm      <name>.wat, for every WAT source (kept equal to src/examples/wat-sources.ts
#                    by src/examples/sources.test.ts)
set -eu
cd "$(dirname "$0")/../public/examples"

need() {
  command -v "$1" >/dev/null 2>&1 || { echo "build-examples: '$1' not found; $2" >&2; exit 1; }
}
need clang "apt-get install clang lld"
need wasm-ld "apt-get install lld"
need wat2wasm "apt-get install wabt"
need wasm-strip "apt-get install wabt"

if [ "${USE_RUST:-0}" = 1 ]; then
  rustc --target wasm32-unknown-unknown --crate-type cdylib -O add.rs -o add.wasm
else
  clang --target=wasm32-unknown-unknown -nostdlib -Wl,--no-entry -Wl,--export=add -O2 \
    add.c -o add.wasm
fi

# Drop the custom sections (name, producers): the same bytes whoever builds it, whatever clang.
wasm-strip add.wasm

for wat in *.wat; do
  # --debug-names keeps $names for disassembly and trap messages, as the in-browser compiler does.
  wat2wasm --debug-names "$wat" -o "${wat%.wat}.wasm"
done

wc -c ./*.wasm
