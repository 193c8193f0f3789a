import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBase64Url, encodeBase64Url } from "./base64url";
import { packFrame, readVarint, unpackFrame, writeVarint } from "./frame";

describe("base64url", () => {
  it("matches Node's base64url and round-trips any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = encodeBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64url"));
        expect(decodeBase64Url(text)).toEqual({ ok: true, bytes, droppedDanglingChar: false });
      }),
    );
  });

  it("names the first character outside the alphabet", () => {
    expect(decodeBase64Url("AB+C")).toEqual({ ok: false, badIndex: 2 });
    expect(decodeBase64Url("ABC=")).toEqual({ ok: false, badIndex: 3 });
    expect(decodeBase64Url("AB€")).toEqual({ ok: false, badIndex: 2 });
  });

  it("flags a dangling character (only a cut-off link has one)", () => {
    expect(decodeBase64Url("AAAAA")).toMatchObject({ ok: true, droppedDanglingChar: true });
  });
});

describe("frame", () => {
  it("round-trips varints up to 2^35", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 35 - 1 }), (n) => {
        const out: number[] = [];
        writeVarint(n, out);
        expect(readVarint(new Uint8Array(out), 0)).toEqual({ value: n, next: out.length });
      }),
    );
  });

  it("round-trips JSON and blobs", () => {
    const blobs = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(300).fill(9)];
    expect(unpackFrame(packFrame('{"a":"é"}', blobs))).toEqual({
      ok: true,
      json: '{"a":"é"}',
      blobs,
    });
  });

  it("refuses frames whose lengths run past the end, and invalid UTF-8", () => {
    const frame = packFrame("{}", [new Uint8Array([1, 2, 3])]);
    expect(unpackFrame(frame.subarray(0, frame.length - 1))).toEqual({
      ok: false,
      reason: "bad_blob",
    });
    expect(unpackFrame(new Uint8Array([5, 123]))).toEqual({ ok: false, reason: "bad_header" });
    expect(unpackFrame(new Uint8Array([2, 0xc3, 0x28]))).toEqual({ ok: false, reason: "bad_utf8" });
  });
});
