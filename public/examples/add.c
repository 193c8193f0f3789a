// The original design's Rust example, add(a: i32, b: i32) -> i32, written in C with the same
// signature (add.rs beside it is the Rust original). Built by scripts/build-examples.sh:
//   clang --target=wasm32-unknown-unknown -nostdlib -Wl,--no-entry -Wl,--export=add -O2
// Signed overflow is undefined in C, so the sum is done unsigned: it wraps like Rust's
// release build (and i32.add) does.
int add(int a, int b) { return (int)((unsigned)a + (unsigned)b); }
