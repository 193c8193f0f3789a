// deferStart: the start section removed and its function exported as START_EXPORT, so the
// runner can call it on an instance it can read fuel from. Off by default: the default output
// still runs its start function on instantiation, in any host.
import { describe, expect, test } from "vitest";
import { FUEL_REMAINING_EXPORT, START_EXPORT, instrument, readFuel } from "./index";
import { AMPLE, instrumentOk, wat } from "./test-helpers";

const startModule = () =>
  wat(`(module
    (global $ran (export "ran") (mut i32) (i32.const 0))
    (func $init (global.set $ran (i32.add (global.get $ran) (i32.const 1))))
    (start $init)
    (func (export "main") (result i32) (global.get $ran)))`);

/** The section ids of a binary, in order. */
function sections(bytes: Uint8Array): number[] {
  const ids: number[] = [];
  for (let at = 8; at < bytes.length;) {
    ids.push(bytes[at]);
    let size = 0;
    let shift = 0;
    let b: number;
    at++;
    do {
      b = bytes[at++];
      size |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    at += size;
  }
  return ids;
}

describe("deferStart", () => {
  test("default: the start section stays and runs on instantiation; no start export", async () => {
    const out = await instrumentOk(await startModule());
    expect(sections(out.bytes)).toContain(8);
    const { instance } = await WebAssembly.instantiate(out.bytes as Uint8Array<ArrayBuffer>);
    expect(START_EXPORT in instance.exports).toBe(false);
    expect((instance.exports.main as () => number)()).toBe(1);
  });

  test("on: no start section; the start function is exported, runs once when called, metered", async () => {
    const out = await instrumentOk(await startModule(), { ...AMPLE, deferStart: true });
    expect(sections(out.bytes)).not.toContain(8);
    const { instance } = await WebAssembly.instantiate(out.bytes as Uint8Array<ArrayBuffer>);
    const main = instance.exports.main as () => number;
    expect(main()).toBe(0);
    const before = readFuel(instance, out.fuelLimit).consumed;
    (instance.exports[START_EXPORT] as () => void)();
    expect(main()).toBe(1);
    expect(readFuel(instance, out.fuelLimit).consumed).toBeGreaterThan(before);
  });

  test("on, for a module without a start function: nothing is exported", async () => {
    const plain = await wat(`(module (func (export "main")))`);
    const out = await instrumentOk(plain, { ...AMPLE, deferStart: true });
    const { instance } = await WebAssembly.instantiate(out.bytes as Uint8Array<ArrayBuffer>);
    expect(START_EXPORT in instance.exports).toBe(false);
    expect(FUEL_REMAINING_EXPORT in instance.exports).toBe(true);
  });

  test("a start function that exhausts the fuel: the instance exists, the fuel reads exhausted", async () => {
    const spin = await wat(
      `(module (func $s (loop $l (br $l))) (start $s) (func (export "main")))`,
    );
    const out = await instrumentOk(spin, {
      maxMemoryBytes: 65_536,
      maxFuel: 1000,
      deferStart: true,
    });
    const { instance } = await WebAssembly.instantiate(out.bytes as Uint8Array<ArrayBuffer>);
    expect(() => (instance.exports[START_EXPORT] as () => void)()).toThrow(
      WebAssembly.RuntimeError,
    );
    expect(readFuel(instance, out.fuelLimit)).toEqual({ consumed: 1000n, exhausted: true });
  });

  test("a module exporting the reserved name is refused", async () => {
    const taken = await wat(`(module (func (export "${START_EXPORT}")))`);
    const outcome = await instrument(taken, AMPLE);
    expect(outcome).toMatchObject({ ok: false, kind: "invalid_module" });
    expect(!outcome.ok && outcome.message).toContain(START_EXPORT);
  });
});
