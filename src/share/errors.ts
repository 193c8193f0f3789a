// Why a link (or a stored draft) was refused: a closed set of codes, each with a message a
// person can act on. Functions return these; nothing in src/share throws at the page.
import { groupDigits } from "../sandbox/digits";

export const DECODE_ERROR_CODES = [
  /** The hash is not a playground link at all. */
  "not_playground_link",
  /** The payload has characters outside base64url. */
  "not_base64url",
  /** The link ends early: cut off when copied or by a chat tool. */
  "truncated",
  /** Bytes are damaged: bad deflate data, a failed checksum, a malformed frame. */
  "corrupt",
  /** It would inflate past MAX_DECODED_BYTES (a decompression bomb, or simply too big). */
  "too_large_decompressed",
  /** The hash is longer than HARD_LINK_CHARS. */
  "link_too_long",
  /** The inflated text is not JSON. */
  "invalid_json",
  /** JSON of the wrong shape; the message names the field. */
  "schema_mismatch",
  /** Limits or allowed imports outside what the engine accepts. */
  "limits_out_of_range",
  /** Made by a newer version of the playground (newer framing or state version). */
  "future_version",
] as const;

export type DecodeErrorCode = (typeof DECODE_ERROR_CODES)[number];

export interface DecodeError {
  ok: false;
  code: DecodeErrorCode;
  message: string;
}

export function decodeError(code: DecodeErrorCode, message: string): DecodeError {
  return { ok: false, code, message };
}

export const ENCODE_ERROR_CODES = [
  /** The link would exceed HARD_LINK_CHARS. */
  "link_too_large",
  /** The state does not pass the schema or the engine's limits (a bug in the caller). */
  "invalid_state",
] as const;

export type EncodeErrorCode = (typeof ENCODE_ERROR_CODES)[number];

export interface EncodeError {
  ok: false;
  code: EncodeErrorCode;
  message: string;
}

/** "12,345" — numbers in messages are read by people. */
export function formatCount(n: number): string {
  return groupDigits(n);
}

/** "512 B", "58.6 KiB", "2 MiB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  return `${+(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KiB`;
}
