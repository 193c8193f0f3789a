import { describe, expect, it } from "vitest";
import type { ImportInfo } from "../inspect/module-info";
import { createEnvModule } from "./env-host";
import { linkImports } from "./link-imports";

const env = createEnvModule({ memory: () => undefined, write: () => {}, deterministic: true });
const policy = { allowedImports: ["env.*"], memoryLimitBytes: 4 * 65_536 };
const memoryImport = (limits: Extract<ImportInfo, { kind: "memory" }>["limits"]): ImportInfo => ({
  module: "env",
  name: "memory",
  kind: "memory",
  limits,
});

describe("linkImports", () => {
  it("links env.log with the exact signature", () => {
    const r = linkImports(
      [
        {
          module: "env",
          name: "log",
          kind: "function",
          signature: { params: ["i32", "i32"], results: [] },
        },
      ],
      policy,
      [env],
    );
    expect(r.ok && typeof (r.imports.env as Record<string, unknown>).log).toBe("function");
  });

  it("does not find Object.prototype members as host functions", () => {
    const r = linkImports(
      [
        {
          module: "env",
          name: "toString",
          kind: "function",
          signature: { params: [], results: ["i32"] },
        },
      ],
      policy,
      [env],
    );
    expect(r).toMatchObject({ ok: false, kind: "import_denied" });
  });

  it("import names like __proto__ and constructor are data: own properties, no prototype touched", () => {
    const fn = (module: string, name: string): ImportInfo => ({
      module,
      name,
      kind: "function",
      signature: { params: [], results: [] },
    });
    const r = linkImports(
      [fn("__proto__", "polluted"), fn("constructor", "toString"), fn("env", "__proto__")],
      { ...policy, stubImports: ["__proto__.*", "constructor.*", "env.__proto__"] },
      [env],
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect("polluted" in {}).toBe(false);
    expect(Object.hasOwn(r.imports, "__proto__")).toBe(true);
    expect(typeof Object.getOwnPropertyDescriptor(r.imports.__proto__, "polluted")?.value).toBe(
      "function",
    );
    expect(Object.hasOwn(r.imports.constructor, "toString")).toBe(true);
    expect(Object.hasOwn(r.imports.env, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(r.imports.env)).toBe(Object.prototype);
  });

  it("provides a shared memory with the cap as maximum, and refuses 64-bit or unbounded shared ones", () => {
    const shared = linkImports(
      [memoryImport({ initial: 1, maximum: 100, shared: true })],
      policy,
      [],
    );
    expect(shared.ok && shared.memory?.buffer).toBeInstanceOf(SharedArrayBuffer);
    if (shared.ok) expect(shared.memory!.grow(3)).toBe(1);
    if (shared.ok) expect(() => shared.memory!.grow(1)).toThrow(RangeError);
    const wide = linkImports([memoryImport({ initial: 1, memory64: true })], policy, []);
    expect(wide).toMatchObject({ ok: false, kind: "import_denied" });
    const unbounded = linkImports([memoryImport({ initial: 1, shared: true })], policy, []);
    expect(!unbounded.ok && unbounded.message).toContain("must declare a maximum");
  });
});
