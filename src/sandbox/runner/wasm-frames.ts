// Finds which guest function an error came from, by reading V8's stack text:
//   "at fib (wasm://wasm/8c5b3f5a:wasm-function[1]:0x3d)" or "at wasm://wasm/…:wasm-function[4]:0x5d"
import type { ModuleInfo } from "../inspect/module-info";

const WASM_FRAME = /wasm-function\[(\d+)\]:(0x[0-9a-f]+)/;

/** Index and code offset of the innermost wasm frame in the error's stack, if any. */
export function innermostWasmFrame(error: unknown): { index: number; offset: number } | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (typeof stack !== "string") return undefined;
  for (const line of stack.split("\n")) {
    const match = WASM_FRAME.exec(line);
    if (match) return { index: Number(match[1]), offset: Number.parseInt(match[2]!, 16) };
  }
  return undefined;
}

/**
 * Where the error was raised: the function index when the innermost frame of its stack is wasm
 * code (a trap), "host" when it is JS (a host function threw it), undefined without a stack.
 */
export function raisedIn(error: unknown): number | "host" | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (typeof stack !== "string") return undefined;
  const top = stack.split("\n").find((line) => line.startsWith("    at "));
  if (top === undefined) return undefined;
  const match = WASM_FRAME.exec(top);
  return match ? Number(match[1]) : "host";
}

/** A person-readable name for a function index: `$name`, `"export" (#N)` or `#N`. */
export function describeFunction(info: ModuleInfo | undefined, index: number): string {
  const name = info?.functionNames?.[index];
  if (name) return `$${name}`;
  const exported = info?.exports.find((e) => e.kind === "function" && e.index === index);
  if (exported) return `"${exported.name}" (function #${index})`;
  return `#${index}`;
}

/** " in function $f" for the error's innermost wasm frame, or "" when there is none. */
export function whereItFailed(error: unknown, info: ModuleInfo | undefined): string {
  const frame = innermostWasmFrame(error);
  return frame ? ` in function ${describeFunction(info, frame.index)}` : "";
}
