import { describe, expect, it } from "vitest";
import { wat } from "../testing/wat";
import { raisedIn } from "./wasm-frames";

async function thrownBy(source: string, imports: WebAssembly.Imports = {}): Promise<unknown> {
  const module = await WebAssembly.compile((await wat(source)) as Uint8Array<ArrayBuffer>);
  const instance = await WebAssembly.instantiate(module, imports);
  try {
    (instance.exports.main as () => void)();
  } catch (thrown) {
    return thrown;
  }
  throw new Error("main did not throw");
}

describe("raisedIn", () => {
  it("names the wasm function whose code trapped, not its callers", async () => {
    const thrown = await thrownBy(`(module
      (func $caller (export "main") (call $trapping))
      (func $trapping unreachable))`);
    expect(raisedIn(thrown)).toBe(1);
  });

  it('says "host" when a host function threw, even one called from wasm', async () => {
    const thrown = await thrownBy(
      `(module (import "env" "fail" (func $fail)) (func (export "main") (call $fail)))`,
      { env: { fail: () => { throw new WebAssembly.RuntimeError("from the host"); } } }, // prettier-ignore
    );
    expect(raisedIn(thrown)).toBe("host");
  });

  it("does not guess without a stack", () => {
    expect(raisedIn("a string")).toBeUndefined();
    const bare = new Error("no frames");
    bare.stack = "Error: no frames";
    expect(raisedIn(bare)).toBeUndefined();
  });
});
