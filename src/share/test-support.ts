// Test-only helpers: fast-check arbitraries of valid states, and hand-made links for the
// bad-link tests. Imported by *.test.ts only, never by the page.
import zlib from "node:zlib";
import fc from "fast-check";
import { ERROR_KINDS } from "../sandbox/types";
import { MAX_FUEL } from "../sandbox/config";
import { CLANG_OPT_LEVELS } from "../sandbox/toolchain/clang/options";
import { decodeBase64Url, encodeBase64Url } from "./base64url";
import { deflate, inflateWithCap } from "./compression";
import { LINK_PREFIX } from "./format";
import { packFrame, readVarint, unpackFrame, writeVarint } from "./frame";
import { V1_DEFAULTS, type PlaygroundState, type ResultSummary } from "./state-schema";

/** fc.record makes null-prototype objects; decoded states are plain objects. */
function plainRecord<T>(model: { [K in keyof T]: fc.Arbitrary<T[K]> }): fc.Arbitrary<T> {
  return fc.record(model, { noNullPrototype: true });
}

/** Any UTF-16 text, lone surrogates included. */
const anyText = (maxLength = 60) => fc.string({ unit: "binary", maxLength });
const orDefault = <T>(value: T, arb: fc.Arbitrary<T>) => fc.oneof(fc.constant(value), arb);

const importName = fc
  .tuple(
    fc.stringMatching(/^[a-z_]{1,8}$/),
    fc.oneof(fc.constant("*"), fc.stringMatching(/^[a-z_]{1,8}$/)),
  )
  .map(([module, name]) => `${module}.${name}`);

const resultArb: fc.Arbitrary<ResultSummary> = fc.record(
  {
    errorKind: fc.constantFrom(...ERROR_KINDS),
    value: anyText(30),
    fuelConsumed: fc.bigInt({ min: 0n, max: MAX_FUEL }).map(String),
    outputSha256: fc.stringMatching(/^[0-9a-f]{64}$/),
    outputPreview: anyText(200),
  },
  { requiredKeys: [], noNullPrototype: true },
);

/** Paths as decoding leaves them: normalised ("/a/b"), no "." or ".." segment, no NUL. */
const pathArb = fc
  .array(
    anyText(12).filter((s) => s !== "" && s !== "." && s !== ".." && !/[/\0]/.test(s)),
    { minLength: 1, maxLength: 3 },
  )
  .map((parts) => `/${parts.join("/")}`);

export const stateArb: fc.Arbitrary<PlaygroundState> = plainRecord({
  program: fc.oneof(
    plainRecord({
      language: fc.constantFrom("wat" as const, "assemblyscript" as const, "ruby" as const),
      source: anyText(400),
    }),
    fc.record(
      {
        language: fc.constantFrom("c" as const, "cpp" as const),
        source: anyText(400),
        clang: plainRecord({
          optLevel: fc.constantFrom(...CLANG_OPT_LEVELS),
          flags: fc.array(fc.constantFrom("-Wall", "-DN=3", "-std=c11", "-mexec-model=reactor"), {
            maxLength: 3,
          }),
          exceptions: fc.boolean(),
        }),
      },
      { requiredKeys: ["language", "source"], noNullPrototype: true },
    ),
    plainRecord({
      language: fc.constant("wasm" as const),
      module: fc.uint8Array({ maxLength: 600 }),
      moduleName: orDefault<string>(V1_DEFAULTS.moduleName, anyText(100)),
    }),
  ),
  limits: plainRecord({
    maxMemoryBytes: orDefault<number>(
      V1_DEFAULTS.limits.maxMemoryBytes,
      fc.integer({ min: 65_536, max: 2 ** 32 }),
    ),
    timeoutMs: orDefault<number>(
      V1_DEFAULTS.limits.timeoutMs,
      fc.integer({ min: 1, max: 600_000 }),
    ),
    maxFuel: orDefault(
      V1_DEFAULTS.limits.maxFuel,
      fc.option(fc.bigInt({ min: 1n, max: MAX_FUEL }).map(String), { nil: null }),
    ),
    maxOutputBytes: orDefault<number>(
      V1_DEFAULTS.limits.maxOutputBytes,
      fc.integer({ min: 0, max: 256 * 1024 * 1024 }),
    ),
  }),
  allowedImports: orDefault(
    [...V1_DEFAULTS.allowedImports],
    fc.array(importName, { maxLength: 4 }),
  ),
  stubbedImports: fc.array(importName, { maxLength: 3 }),
  entry: fc.option(anyText(20), { nil: null }),
  args: fc.array(anyText(10), { maxLength: 4 }),
  stdin: anyText(100),
  argv: fc.array(anyText(10), { maxLength: 4 }),
  env: fc.array(fc.tuple(anyText(10), anyText(20)), { maxLength: 4 }),
  files: fc.uniqueArray(
    fc.oneof(
      plainRecord({ path: pathArb, text: anyText(100) }),
      plainRecord({ path: pathArb, bytes: fc.uint8Array({ maxLength: 200 }) }),
    ),
    { maxLength: 3, selector: (file) => file.path },
  ),
  deterministic: fc.boolean(),
  result: fc.option(resultArb, { nil: undefined }),
}).map(({ program, result, ...rest }) => {
  const state = { v: 1 as const, ...rest, ...program } as PlaygroundState;
  // An absent summary is no key at all (not `result: undefined`), as decoding returns it.
  return result === undefined ? state : { ...state, result };
});

/** A link whose JSON is exactly `json` (any text) with these blobs: for bad-content tests. */
export async function linkWithJson(json: string, blobs: Uint8Array[] = []): Promise<string> {
  return linkWithDeflated(await deflate(packFrame(json, blobs)));
}

/** A link around already-compressed bytes (e.g. a hand-built bomb), with a correct length. */
export function linkWithDeflated(deflated: Uint8Array): string {
  const prefix: number[] = [];
  writeVarint(deflated.length, prefix);
  const payload = new Uint8Array(prefix.length + deflated.length);
  payload.set(prefix, 0);
  payload.set(deflated, prefix.length);
  return `#${LINK_PREFIX}${encodeBase64Url(payload)}`;
}

/** The JSON inside a link made by encodeState, to check what a link carries. */
export async function jsonInsideLink(hash: string): Promise<unknown> {
  const decoded = decodeBase64Url(hash.slice(1 + LINK_PREFIX.length));
  const declared = decoded.ok ? readVarint(decoded.bytes, 0) : undefined;
  if (!decoded.ok || !declared) throw new Error("not a link payload");
  const inflated = await inflateWithCap(decoded.bytes.subarray(declared.next), 1 << 30);
  if (!inflated.ok) throw new Error("not inflatable");
  const frame = unpackFrame(inflated.bytes);
  if (!frame.ok) throw new Error("bad frame");
  return JSON.parse(frame.json);
}

const MiB = 1024 * 1024;

/**
 * A zlib stream that inflates to `mebibytes` MiB of zeros from ~1 KB per MiB: a first block
 * with the zlib header, then copies of one self-contained block (a full flush makes blocks
 * independent and byte-aligned, so they can be concatenated). Built without ever holding the
 * inflated bytes. It never ends: a decoder that reads it all fails at the end anyway.
 */
export function zlibBomb(mebibytes: number): Uint8Array {
  const zeros = new Uint8Array(MiB);
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH, level: 9 };
  const first = zlib.deflateSync(zeros, flush);
  const block = zlib.deflateRawSync(zeros, flush);
  const out = new Uint8Array(first.length + block.length * (mebibytes - 1));
  out.set(first, 0);
  for (let i = 0; i < mebibytes - 1; i++) out.set(block, first.length + i * block.length);
  return out;
}
