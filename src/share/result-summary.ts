// The sharer's result, carried in the link so the receiver can compare after their own Run:
// fuel is deterministic, so "same fuel as when shared" is a real check, not a guess.
import type { ExecutionResult, WasmValue } from "../sandbox/types";
import type { ResultSummary } from "./state-schema";

/** How much of stdout a link carries verbatim (the hash covers all of it). */
export const OUTPUT_PREVIEW_CHARS = 200;

/** "42", "-0", "NaN", "9007199254740993n" (i64), "[1, 2n]" (multi-value); undefined: no value. */
export function formatWasmValue(value: ExecutionResult["value"]): string | undefined {
  if (value === undefined) return undefined;
  const one = (v: WasmValue) =>
    typeof v === "bigint" ? `${v}n` : Object.is(v, -0) ? "-0" : String(v);
  return Array.isArray(value) ? `[${value.map(one).join(", ")}]` : one(value);
}

/** stdout, NUL, stderr as UTF-8: from the result's Blobs when it has them (the text is a head). */
async function outputBytes(result: ExecutionResult): Promise<BufferSource> {
  if (!result.outputBlob && !result.stderrBlob) {
    return new TextEncoder().encode(`${result.output}\0${result.stderr}`);
  }
  const stdout = result.outputBlob ?? result.output;
  const stderr = result.stderrBlob ?? result.stderr;
  // Read asynchronously: a 64 MiB output is never a string on this thread.
  return new Blob([stdout, "\0", stderr]).arrayBuffer();
}

/** Hex SHA-256 of stdout and stderr, or undefined where WebCrypto is missing (plain http). */
async function hashOutput(result: ExecutionResult): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  const digest = await subtle.digest("SHA-256", await outputBytes(result));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function summarizeResult(result: ExecutionResult): Promise<ResultSummary> {
  const summary: ResultSummary = {};
  if (result.errorKind !== undefined) summary.errorKind = result.errorKind;
  const value = formatWasmValue(result.value);
  if (value !== undefined) summary.value = value.slice(0, 10_000);
  if (result.fuelConsumed !== undefined) summary.fuelConsumed = result.fuelConsumed.toString();
  const sha = await hashOutput(result);
  if (sha !== undefined) summary.outputSha256 = sha;
  if (result.output !== "") summary.outputPreview = result.output.slice(0, OUTPUT_PREVIEW_CHARS);
  return summary;
}

/** true / false where both sides know the fact; undefined where one of them does not. */
export interface ResultComparison {
  sameFuel: boolean | undefined;
  sameValue: boolean;
  sameErrorKind: boolean;
  sameOutput: boolean | undefined;
  /** All the known facts agree. */
  same: boolean;
}

export async function compareWithShared(
  shared: ResultSummary,
  result: ExecutionResult,
): Promise<ResultComparison> {
  const mine = await summarizeResult(result);
  const sameFuel =
    shared.fuelConsumed === undefined || mine.fuelConsumed === undefined
      ? undefined
      : shared.fuelConsumed === mine.fuelConsumed;
  const sameOutput =
    shared.outputSha256 !== undefined && mine.outputSha256 !== undefined
      ? shared.outputSha256 === mine.outputSha256
      : shared.outputPreview === undefined && mine.outputPreview === undefined
        ? true
        : undefined;
  const sameValue = shared.value === mine.value;
  const sameErrorKind = shared.errorKind === mine.errorKind;
  const same = sameValue && sameErrorKind && sameFuel !== false && sameOutput !== false;
  return { sameFuel, sameValue, sameErrorKind, sameOutput, same };
}
