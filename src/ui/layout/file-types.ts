export const FILE_ACCEPT = ".wasm,.wat,.wast,.ts,application/wasm";
