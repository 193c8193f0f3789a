// Fuzzing the decoders that read untrusted input on the page: the module inspector (dropped
// files), instrument()'s front end, and the share-link decoder (pasted links). Random and
// mutated inputs: nothing may throw, and every failure must be one of the expected, worded ones.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HOSTILE_CASES } from "../hostile/cases";
import { inspect } from "../sandbox/inspect/inspect";
import { instrument } from "../sandbox/instrument";
import { decodeHash, encodeState } from "../share";
import { DECODE_ERROR_CODES } from "../share/errors";
import { defaultState } from "../share/state-schema";
import { linkWithDeflated, linkWithJson } from "../share/test-support";
import { mutate } from "./mutate";
import { Rng } from "./rng";

const RUNS = Number(process.env.DECODER_FUZZ_RUNS ?? 1000);
/** decodeHash's last-resort catch: reaching it means an exception escaped the real checks. */
const CATCH_ALL = /^The link could not be read/;

/** Small valid modules of the corpus (the multi-megabyte bombs are checked once, below). */
async function corpusModules(): Promise<Uint8Array[]> {
  const small = HOSTILE_CASES.filter((c) => c.area !== "compile-bomb");
  const bytes = await Promise.all(small.map((c) => c.bytes()));
  return bytes.filter((b) => WebAssembly.validate(b as Uint8Array<ArrayBuffer>));
}

function expectCleanInspect(bytes: Uint8Array): void {
  const r = inspect(bytes);
  if (!r.ok) expect(r.message.length).toBeGreaterThan(0);
  // A module V8 accepts must be readable: the page shows its imports before running it.
  if (WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>))
    expect(r, r.ok ? "" : r.message).toMatchObject({ ok: true });
}

describe("inspect() on hostile bytes", () => {
  it("never throws on random bytes, with or without a valid header", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), fc.boolean(), (tail, header) => {
        const bytes = header ? Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...tail]) : tail;
        expectCleanInspect(bytes);
      }),
      { numRuns: RUNS },
    );
  });

  it("never throws on mutants of real modules, and reads every mutant V8 accepts", async () => {
    const modules = await corpusModules();
    const rng = new Rng(0xdec0de);
    for (let i = 0; i < RUNS * 5; i++) expectCleanInspect(mutate(rng.pick(modules), rng));
  });

  it("reads every case of the hostile corpus, bombs included, without throwing", async () => {
    for (const c of HOSTILE_CASES) {
      if (c.id === "bomb-types-200k") continue; // validate() in Node 20 is quadratic on it
      expectCleanInspect(await c.bytes());
    }
  });
});

describe("instrument() on hostile bytes", () => {
  it("never throws, and never accepts what V8 rejects", async () => {
    const modules = await corpusModules();
    const rng = new Rng(0x1257);
    for (let i = 0; i < RUNS; i++) {
      const bytes = mutate(rng.pick(modules), rng);
      const r = await instrument(bytes, { maxFuel: 1000, maxMemoryBytes: 1 << 20 });
      const valid = WebAssembly.validate(bytes as Uint8Array<ArrayBuffer>);
      if (!valid) expect(r).toMatchObject({ ok: false, kind: "invalid_module" });
      if (r.ok) expect(WebAssembly.validate(r.bytes as Uint8Array<ArrayBuffer>)).toBe(true);
      else expect(r.message).not.toMatch(/bug in the sandbox/);
    }
  });
});

describe("decodeHash() on hostile links", () => {
  const expectClean = async (hash: string) => {
    const r = await decodeHash(hash);
    if (!r.ok) {
      expect(DECODE_ERROR_CODES).toContain(r.code);
      expect(r.message).not.toMatch(CATCH_ALL);
    }
  };

  it("answers random text with a typed error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: "binary", maxLength: 300 }),
          fc.string({ maxLength: 300 }).map((s) => `#s1/${s}`),
        ),
        expectClean,
      ),
      { numRuns: RUNS },
    );
  });

  it("answers random compressed payloads and random JSON with a typed error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) =>
        expectClean(linkWithDeflated(bytes)),
      ),
      { numRuns: RUNS / 4 },
    );
    await fc.assert(
      fc.asyncProperty(fc.json({ maxDepth: 4 }), async (json) =>
        expectClean(await linkWithJson(json)),
      ),
      { numRuns: RUNS / 4 },
    );
  });

  it("answers every mutant of a real link (cut, flipped, spliced) with a state or a typed error", async () => {
    const encoded = await encodeState(
      defaultState("wat", '(module (func (export "main") (result i32) i32.const 42))'),
    );
    if (!encoded.ok) throw new Error(encoded.message);
    const link = encoded.hash;
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/%#";
    const rng = new Rng(0x11c);
    for (let i = 0; i < RUNS; i++) {
      let text = link;
      for (let e = 1 + rng.int(3); e > 0; e--) {
        const at = 1 + rng.int(text.length - 1);
        const op = rng.int(4);
        if (op === 0) text = text.slice(0, at);
        else if (op === 1)
          text = text.slice(0, at) + alphabet[rng.int(alphabet.length)] + text.slice(at + 1);
        else if (op === 2) text = text.slice(0, at) + text.slice(at + 1);
        else text = text.slice(0, at) + text.slice(rng.int(text.length));
      }
      await expectClean(text);
    }
  });
});
