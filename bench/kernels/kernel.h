// Shared by the benchmark kernels: freestanding wasm32, one exported entry `run(n)`.
#define EXPORT __attribute__((visibility("default")))
