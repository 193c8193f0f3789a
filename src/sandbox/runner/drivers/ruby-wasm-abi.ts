// What makes a module a ruby.wasm reactor (npm @ruby/*-wasm-wasi): the exports the "ruby-wasm"
// driver calls. Plain data and a pure check, so the page can recognise a dropped CRuby without
// loading the runner (src/sandbox/inspect/recognise.ts).
import type { ExportInfo } from "../../inspect/module-info";

export const RUBY_WASM_EXPORTS = {
  init: "_initialize",
  rubyInit: "ruby-init: func(args: list<string>) -> ()",
  rubyInitLoadpath: "ruby-init-loadpath: func() -> ()",
  /** Followed by the function's wit signature, which differs between releases. */
  evalPrefix: "rb-eval-string-protect:",
  realloc: "cabi_realloc",
} as const;

/** The exports a ruby.wasm reactor lacks ("rb-eval-string-protect" for the eval export); [] when it has them all. */
export function missingRubyWasmExports(exports: readonly ExportInfo[]): string[] {
  const has = (name: string, kind: ExportInfo["kind"]) =>
    exports.some((e) => e.kind === kind && e.name === name);
  const { init, rubyInit, rubyInitLoadpath, evalPrefix, realloc } = RUBY_WASM_EXPORTS;
  const missing: string[] = [init, rubyInit, rubyInitLoadpath, realloc].filter(
    (name) => !has(name, "function"),
  );
  if (!exports.some((e) => e.kind === "function" && e.name.startsWith(evalPrefix))) {
    missing.push("rb-eval-string-protect");
  }
  if (!has("memory", "memory")) missing.push("memory");
  return missing;
}
