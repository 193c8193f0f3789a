// Hostile bytes: instrument() never throws and never returns a module V8 rejects, whatever it
// is given. Random byte edits of a real module; the ones V8 still accepts reach the passes.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { expect, test } from "vitest";
import { instrument } from "./index";
import { AMPLE, wat } from "./test-helpers";

const source = readFileSync(new URL("./fixtures/semantics.wat", import.meta.url), "utf8");
const original = await wat(source);

test("random byte edits: a typed outcome every time, valid output when ok", async () => {
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.nat(original.length - 1), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 4,
      }),
      async (edits) => {
        const bytes = original.slice();
        for (const [at, value] of edits) bytes[at] = value;
        const outcome = await instrument(bytes, AMPLE);
        if (outcome.ok) {
          accepted++;
          expect(WebAssembly.validate(outcome.bytes as Uint8Array<ArrayBuffer>)).toBe(true);
        } else {
          expect(["invalid_module", "memory_limit"]).toContain(outcome.kind);
          expect(outcome.message).not.toMatch(/a bug in the sandbox/);
        }
      },
    ),
    { numRuns: 300, seed: 7 },
  );
  expect(accepted).toBeGreaterThan(20);
});
