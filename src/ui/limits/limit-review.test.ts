import { describe, expect, it } from "vitest";
import { DEFAULT_ALLOW_LIST, DEFAULT_LIMITS, initialState } from "../state/defaults";
import { importAboveDefault, limitAsks, limitChanges, needsConfirmation } from "./limit-review";

const io = initialState().io;
const page = { limits: DEFAULT_LIMITS, allowList: DEFAULT_ALLOW_LIST, io };

describe("limitAsks", () => {
  it("lists nothing for the page's defaults", () => {
    expect(limitAsks(page)).toEqual([]);
    expect(needsConfirmation(page)).toBe(false);
  });

  it("names every raised limit and permission in the page's words, with the default", () => {
    const asks = limitAsks({
      limits: { memoryMiB: 4096, fuel: null, timeoutMs: 600_000, outputKiB: 262_144 },
      allowList: [...DEFAULT_ALLOW_LIST, "env.*"],
      io: { ...io, deterministic: false },
    });
    expect(asks.map((a) => a.text)).toEqual([
      "Fuel budget unlimited (default 100M)",
      "Memory cap 4 GiB (default 64 MiB)",
      "Timeout 600 s (default 5 s)",
      "Output cap 256 MiB (default 1 MiB)",
      "Imports also allowed: env.*",
      "Real clocks and randomness (default deterministic)",
    ]);
    expect(asks.every((a) => a.above)).toBe(true);
  });

  it("shows lower values without asking for confirmation", () => {
    const lower = { ...page, limits: { memoryMiB: 1, fuel: 10n, timeoutMs: 100, outputKiB: 1 } };
    expect(limitAsks(lower)).toHaveLength(4);
    expect(needsConfirmation(lower)).toBe(false);
  });

  it("counts an import as above the default only when the default list does not grant it", () => {
    expect(importAboveDefault("env.log")).toBe(false);
    expect(importAboveDefault("wasi_snapshot_preview1.fd_write")).toBe(false);
    expect(importAboveDefault("wasi_snapshot_preview1.*")).toBe(false);
    expect(importAboveDefault("env.*")).toBe(true);
    expect(importAboveDefault("env.memcpy")).toBe(true);
  });
});

describe("limitChanges", () => {
  it("says what changed, old value last", () => {
    expect(limitChanges(DEFAULT_LIMITS, { ...DEFAULT_LIMITS, timeoutMs: 60_000 })).toEqual([
      "Timeout 60 s (was 5 s)",
    ]);
    expect(limitChanges(DEFAULT_LIMITS, DEFAULT_LIMITS)).toEqual([]);
  });
});
