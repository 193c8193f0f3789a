export const FILE_ACCEPT = ".wasm,.wat,.wast,.ts,.wasmplay,application/wasm";
