import { describe, expect, it } from "vitest";
import { moduleFileName } from "./file-names";

const binary = (name: string) => ({ name, bytes: new Uint8Array(), disassembly: null });

describe("moduleFileName", () => {
  it("names downloads after the opened file, the example, or the editor's file", () => {
    expect(moduleFileName({ binary: binary("ruby+stdlib.wasm"), exampleId: null }, "module")).toBe(
      "ruby+stdlib.wasm",
    );
    expect(
      moduleFileName({ binary: binary("ruby+stdlib.wasm"), exampleId: null }, "instrumented"),
    ).toBe("ruby+stdlib.instrumented.wasm");
    expect(moduleFileName({ binary: null, exampleId: "fib" }, "instrumented")).toBe(
      "fib.instrumented.wasm",
    );
    expect(moduleFileName({ binary: null, exampleId: null }, "module")).toBe("main.wasm");
  });

  it("keeps no path or reserved characters from a file name", () => {
    expect(moduleFileName({ binary: binary('a/b:c"d.WASM'), exampleId: null }, "module")).toBe(
      "a_b_c_d.wasm",
    );
    expect(moduleFileName({ binary: binary(".wasm"), exampleId: null }, "module")).toBe(
      "module.wasm",
    );
  });
});
