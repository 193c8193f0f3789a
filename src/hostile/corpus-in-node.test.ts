// The hostile corpus through the real engine pipeline in Node (real instrument(), real runner
// core, no workers), for the cases that need neither the watchdog nor WASI: a fast net under the
// browser suite (e2e/hostile.spec.ts), and where a regression shows up first.
import { describe, expect, it } from "vitest";
import { WasmSandbox } from "../sandbox/sandbox";
import { nodeRuntime } from "../sandbox/testing/node-runtime";
import type { HostileCase } from "./case-types";
import { HOSTILE_CASES, NORMAL } from "./cases";

/** Node 20's V8 validates 200k distinct types in minutes (see cases.test.ts). */
const SLOW_IN_NODE_20 = new Set(["bomb-types-200k"]);

function runsInNode(c: HostileCase): boolean {
  const needsWatchdog = "kind" in c.expect && c.expect.kind === "timeout";
  const needsWasi = (c.config.allowedImports ?? []).some((i) => i.startsWith("wasi_"));
  return !needsWatchdog && !needsWasi && !SLOW_IN_NODE_20.has(c.id);
}

describe("hostile corpus, engine pipeline in Node", () => {
  for (const c of HOSTILE_CASES.filter(runsInNode)) {
    it(`${c.id}: ${c.why}`, async () => {
      await using sandbox = new WasmSandbox(c.config, nodeRuntime());
      const r = await sandbox.execute(await c.bytes(), { entry: c.entry, args: c.args });
      const e = c.expect;
      if ("success" in e) {
        expect(r, r.error).toMatchObject({ success: true });
        if (e.value !== undefined) expect(r.value).toBe(e.value);
      } else {
        expect({ kind: r.errorKind, error: r.error }).toMatchObject({ kind: e.kind });
        for (const pattern of e.message ?? []) expect(r.error).toMatch(pattern);
        if (e.outputPrefix !== undefined) expect(r.output.startsWith(e.outputPrefix)).toBe(true);
      }
      const normal = await sandbox.execute(await NORMAL.bytes());
      expect(normal).toMatchObject({ success: true, value: NORMAL.value });
    });
  }
});
