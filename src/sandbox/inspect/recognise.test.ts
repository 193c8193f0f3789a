import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { wat } from "../testing/wat";
import { inspect } from "./inspect";
import { recogniseRuntime } from "./recognise";

async function infoOf(source: string) {
  const result = inspect(await wat(source));
  if (!result.ok) throw new Error(result.message);
  return result.info;
}

/** The exports of a ruby.wasm reactor, as WAT (bodies do nothing); `leave` drops one. */
function reactorWat(leave?: string): string {
  const funcs = [
    "_initialize",
    "ruby-init: func(args: list<string>) -> ()",
    "ruby-init-loadpath: func() -> ()",
    "rb-eval-string-protect: func(str: string) -> tuple<handle<rb-abi-value>, s32>",
    "cabi_realloc",
  ].filter((name) => name !== leave);
  return `(module
    (memory ${leave === "memory" ? "" : '(export "memory")'} 1)
    ${funcs.map((name) => `(func (export ${JSON.stringify(name)}))`).join("\n")})`;
}

function cRubyPath(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve("@ruby/3.4-wasm-wasi/dist/ruby+stdlib.wasm");
  } catch {
    return undefined;
  }
}

describe("recogniseRuntime", () => {
  it("recognises a module with a ruby.wasm reactor's exports as CRuby", async () => {
    expect(recogniseRuntime(await infoOf(reactorWat()))).toEqual({
      driver: "ruby-wasm",
      language: "ruby",
    });
  });

  it.each([
    "_initialize",
    "ruby-init: func(args: list<string>) -> ()",
    "rb-eval-string-protect: func(str: string) -> tuple<handle<rb-abi-value>, s32>",
    "cabi_realloc",
    "memory",
  ])("does not recognise it without %s", async (name) => {
    expect(recogniseRuntime(await infoOf(reactorWat(name)))).toBeUndefined();
  });

  it("does not recognise an ordinary module or a WASI command", async () => {
    expect(recogniseRuntime(await infoOf('(module (func (export "main")))'))).toBeUndefined();
    expect(
      recogniseRuntime(
        await infoOf('(module (memory (export "memory") 1) (func (export "_start")))'),
      ),
    ).toBeUndefined();
  });

  it.skipIf(!cRubyPath())("recognises npm @ruby/3.4-wasm-wasi's ruby+stdlib.wasm", () => {
    const result = inspect(readFileSync(cRubyPath()!), { scanCode: false });
    if (!result.ok) throw new Error(result.message);
    expect(recogniseRuntime(result.info)?.driver).toBe("ruby-wasm");
  });
});
