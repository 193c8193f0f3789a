import { describe, expect, it } from "vitest";
import { groupDigits } from "./digits";

describe("groupDigits", () => {
  it("groups like toLocaleString('en-US') for integers, fractions, negatives and bigints", () => {
    const numbers = [
      0,
      7,
      999,
      1000,
      12_345,
      1_000_000,
      123_456_789,
      -4_567,
      1.5,
      0.25,
      1234.5678,
      -0.0004,
      65_536 / 1024,
      2 ** 53 - 1,
      Number.MAX_SAFE_INTEGER,
    ];
    for (const n of numbers) expect(groupDigits(n), String(n)).toBe(n.toLocaleString("en-US"));
    for (const n of [0n, 999n, 1000n, -1_234_567n, 18_446_744_073_709_551_615n])
      expect(groupDigits(n), String(n)).toBe(n.toLocaleString("en-US"));
  });

  it("says what a non-finite number is", () => {
    expect(groupDigits(Infinity)).toBe("Infinity");
    expect(groupDigits(NaN)).toBe("NaN");
  });
});
