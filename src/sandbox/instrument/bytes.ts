// The error of a module the instrumentation refuses on purpose, and (for the passes written
// before the wasm/ layer) the reader and encoders it re-exports.
export {
  MalformedError,
  Reader,
  Writer,
  concat,
  encodeName,
  encodeS64,
  encodeU32,
} from "../wasm/reader";

/** A module the passes refuse on purpose (unsupported feature, limit exceeded). */
export class RefusedError extends Error {
  override name = "RefusedError";
  constructor(
    readonly kind: "invalid_module" | "memory_limit",
    message: string,
  ) {
    super(message);
  }
}
