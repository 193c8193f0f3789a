// The original design's example, for reference. Build with the Rust wasm target installed:
//   rustc --target wasm32-unknown-unknown --crate-type cdylib -O add.rs -o add.wasm
// (scripts/build-examples.sh does this when the target is available, else builds add.c.)
#[no_mangle]
pub extern "C" fn add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}
