import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, isImportAllowed, resolveConfig, SandboxConfigError } from "./config";

function refusal(config: unknown): SandboxConfigError {
  try {
    resolveConfig(config as never);
  } catch (error) {
    if (error instanceof SandboxConfigError) return error;
    throw error;
  }
  throw new Error("expected the config to be refused");
}

describe("resolveConfig", () => {
  it("fills in the defaults, with no fuel limit so a timeout can end an endless loop", () => {
    const config = resolveConfig();
    expect(config).toMatchObject({
      maxMemoryBytes: DEFAULT_CONFIG.maxMemoryBytes,
      maxMemoryPages: 1024,
      timeoutMs: 30_000,
      maxFuel: undefined,
      allowedImports: ["env.log", "env.abort"],
      maxStackBytes: 256 * 1024,
      deterministic: true,
    });
  });

  it("rounds the memory cap down to whole 64 KiB pages", () => {
    expect(resolveConfig({ maxMemoryBytes: 3 * 65_536 + 100 })).toMatchObject({
      maxMemoryBytes: 3 * 65_536,
      maxMemoryPages: 3,
    });
  });

  it("accepts fuel as a number or a bigint", () => {
    expect(resolveConfig({ maxFuel: 1_000_000 }).maxFuel).toBe(1_000_000n);
    expect(resolveConfig({ maxFuel: 2n ** 40n }).maxFuel).toBe(2n ** 40n);
  });

  const bad: [string, unknown, RegExp][] = [
    [
      "maxMemoryBytes",
      { maxMemoryBytes: 1000 },
      /maxMemoryBytes must be an integer from 65,536 to/,
    ],
    ["maxMemoryBytes", { maxMemoryBytes: 8 * 1024 ** 3 }, /got 8589934592/],
    ["timeoutMs", { timeoutMs: 0 }, /timeoutMs must be an integer from 1 to 600,000 ms; got 0/],
    ["timeoutMs", { timeoutMs: 1.5 }, /timeoutMs/],
    ["maxFuel", { maxFuel: 0 }, /maxFuel must be a whole number from 1 to/],
    ["maxFuel", { maxFuel: 1.5 }, /maxFuel/],
    ["maxFuel", { maxFuel: 2n ** 63n }, /maxFuel/],
    ["allowedImports", { allowedImports: "env.log" }, /must be an array/],
    ["allowedImports", { allowedImports: ["log"] }, /"module.name" or "module.\*"; got "log"/],
    ["maxOutputBytes", { maxOutputBytes: -1 }, /maxOutputBytes/],
    ["deterministic", { deterministic: "yes" }, /true or false/],
    [
      "maxStackBytes",
      { maxStackBytes: 1024 },
      /maxStackBytes must be an integer from 16,384 to 1,048,576 bytes \(16 KiB to 1 MiB\); got 1024/,
    ],
    ["maxStackBytes", { maxStackBytes: 2 * 1024 * 1024 }, /maxStackBytes/],
    ["timeoutSeconds", { timeoutSeconds: 30 }, /unknown config field "timeoutSeconds"/],
  ];
  for (const [field, config, message] of bad) {
    it(`refuses a bad ${field}, naming it and the allowed range (${JSON.stringify(config, (_k, v) => (typeof v === "bigint" ? `${v}n` : v))})`, () => {
      const error = refusal(config);
      expect(error.kind).toBe("invalid_config");
      expect(error.field).toBe(field);
      expect(error.message).toMatch(message);
    });
  }

  it("refuses a config that is not an object", () => {
    expect(refusal(null).field).toBe("config");
  });
});

describe("isImportAllowed", () => {
  it("matches exact entries and module wildcards only", () => {
    const allowed = ["env.log", "wasi_snapshot_preview1.*"];
    expect(isImportAllowed(allowed, "env", "log")).toBe(true);
    expect(isImportAllowed(allowed, "env", "abort")).toBe(false);
    expect(isImportAllowed(allowed, "wasi_snapshot_preview1", "fd_write")).toBe(true);
    expect(isImportAllowed(allowed, "wasi_snapshot_preview2", "fd_write")).toBe(false);
    expect(isImportAllowed(allowed, "env.log", "")).toBe(false);
  });
});
