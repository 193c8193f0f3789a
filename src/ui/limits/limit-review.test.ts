import { describe, expect, it } from "vitest";
import { DEFAULT_ALLOW_LIST, DEFAULT_LIMITS, initialState, RUBY_LIMITS } from "../state/defaults";
import type { LoadedBinary } from "../state/types";
import {
  importAboveDefault,
  limitAsks,
  limitChanges,
  needsConfirmation,
  withinDefaults,
} from "./limit-review";

const io = initialState().io;
const page = {
  limits: DEFAULT_LIMITS,
  allowList: DEFAULT_ALLOW_LIST,
  io,
  language: "wat" as const,
  binary: null,
};

describe("limitAsks", () => {
  it("lists nothing for the page's defaults", () => {
    expect(limitAsks(page)).toEqual([]);
    expect(needsConfirmation(page)).toBe(false);
  });

  it("names every raised limit and permission in the page's words, with the default", () => {
    const asks = limitAsks({
      ...page,
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

describe("a Ruby program's limits", () => {
  // What the Ruby link journey carries: 2 G fuel (CRuby's start-up alone is 0.52 G), 256 MiB.
  const rubyLink = {
    ...page,
    language: "ruby" as const,
    limits: { ...RUBY_LIMITS, fuel: 2_000_000_000n },
  };

  it("are reviewed against Ruby's defaults, not the page's general ones", () => {
    expect(needsConfirmation(rubyLink)).toBe(false);
    expect(limitAsks(rubyLink).map((a) => a.text)).toEqual(["Fuel budget 2.00G (default 10.0G)"]);
    const more = { ...rubyLink, limits: { ...RUBY_LIMITS, memoryMiB: 1024 } };
    expect(limitAsks(more)).toEqual([
      { key: "memory", text: "Memory cap 1 GiB (default 256 MiB)", above: true },
    ]);
  });

  it("come down to Ruby's defaults on 'Use default limits', so puts still has its fuel", () => {
    const unlimited = {
      ...rubyLink,
      limits: { memoryMiB: 2048, fuel: null, timeoutMs: 120_000, outputKiB: 64 },
    };
    expect(withinDefaults(unlimited).limits).toEqual({ ...RUBY_LIMITS, outputKiB: 64 });
    expect(withinDefaults(rubyLink).limits).toEqual(rubyLink.limits);
  });

  it("do not apply to a binary on show: a module has the page's general defaults", () => {
    const binary = { name: "m.wasm", bytes: new Uint8Array(8) } as unknown as LoadedBinary;
    const shown = { ...rubyLink, binary };
    expect(needsConfirmation(shown)).toBe(true);
    expect(withinDefaults(shown).limits).toEqual(DEFAULT_LIMITS);
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
