import { describe, expect, it } from "vitest";
import { parseArg, parseArgs } from "./args";

describe("parseArg", () => {
  it("reads i32 in decimal and hex, wrapping unsigned values", () => {
    expect(parseArg("i32", "42")).toEqual({ ok: true, value: 42 });
    expect(parseArg("i32", "-0x10")).toEqual({ ok: true, value: -16 });
    expect(parseArg("i32", "4294967295")).toEqual({ ok: true, value: -1 });
    expect(parseArg("i32", "1_000")).toEqual({ ok: true, value: 1000 });
  });

  it("refuses what an i32 cannot hold", () => {
    expect(parseArg("i32", "1.5").ok).toBe(false);
    expect(parseArg("i32", "4294967296").ok).toBe(false);
    expect(parseArg("i32", "abc").ok).toBe(false);
    expect(parseArg("i32", "").ok).toBe(false);
  });

  it("reads i64 as bigint, exactly", () => {
    expect(parseArg("i64", "9007199254740993")).toEqual({ ok: true, value: 9007199254740993n });
    expect(parseArg("i64", "18446744073709551615")).toEqual({ ok: true, value: -1n });
    expect(parseArg("i64", "18446744073709551616").ok).toBe(false);
  });

  it("reads floats, including nan and inf, rounding f32", () => {
    expect(parseArg("f64", "0.1")).toEqual({ ok: true, value: 0.1 });
    expect(parseArg("f32", "0.1")).toEqual({ ok: true, value: Math.fround(0.1) });
    expect(parseArg("f64", "-inf")).toEqual({ ok: true, value: -Infinity });
    const nan = parseArg("f32", "nan");
    expect(nan.ok && Number.isNaN(nan.value)).toBe(true);
    expect(parseArg("f64", "1e").ok).toBe(false);
  });

  it("refuses types that cannot be typed in", () => {
    expect(parseArg("externref", "1").ok).toBe(false);
  });
});

describe("parseArgs", () => {
  it("names each bad field and keeps the good ones unflagged", () => {
    expect(parseArgs(["i32", "i32"], ["5", "7"])).toEqual({ ok: true, values: [5, 7] });
    expect(parseArgs(["i32", "f64"], ["x", "1"])).toEqual({
      ok: false,
      errors: ["i32 takes a whole number", null],
    });
  });
});
