// encodeState / decodeHash: PlaygroundState ↔ the text after "#" in a share link.
// Format and size limits: format.ts. Neither function throws; failures are typed values.
import { decodeBase64Url, encodeBase64Url } from "./base64url";
import { inflateWithCap } from "./compression";
import { decodeError, formatCount, formatSize, type DecodeError, type EncodeError } from "./errors";
import {
  ANY_FRAMING_PATTERN,
  HARD_LINK_CHARS,
  LINK_PREFIX,
  MAX_DECODED_BYTES,
  SOFT_LINK_CHARS,
} from "./format";
import { readVarint, unpackFrame } from "./frame";
import { encodePayload } from "./payload";
import type { PlaygroundState } from "./state-schema";
import { validateWireState, type ValidState } from "./validate-state";
import { blobRefResolver } from "./wire-json";

export type EncodedLink = {
  ok: true;
  /** "#s1/…", ready for location.hash. */
  hash: string;
  /** Length of `hash` in characters (= bytes: it is ASCII). */
  bytes: number;
  /** Set when the link is longer than SOFT_LINK_CHARS. */
  warning?: string;
};

export async function encodeState(state: PlaygroundState): Promise<EncodedLink | EncodeError> {
  const encoded = await encodePayload(state, "share");
  if (!encoded.ok) return encoded;
  const { payload } = encoded;
  const hash = `#${LINK_PREFIX}${encodeBase64Url(payload)}`;
  if (hash.length - 1 > HARD_LINK_CHARS) return tooLarge(encoded.state, hash.length - 1);
  if (hash.length - 1 > SOFT_LINK_CHARS) {
    return {
      ok: true,
      hash,
      bytes: hash.length,
      warning: `This link is ${formatCount(hash.length)} characters long. Chat tools and mail clients often cut links over ${formatCount(SOFT_LINK_CHARS)} characters; it works only when pasted whole.`,
    };
  }
  return { ok: true, hash, bytes: hash.length };
}

function tooLarge(state: PlaygroundState, chars: number): EncodeError {
  const limit = `Links are limited to ${formatCount(HARD_LINK_CHARS)} characters so they open in every browser and can be pasted; this one would be ${formatCount(chars)}.`;
  const binaryFiles = state.files.filter((file) => "bytes" in file).length;
  const why =
    state.language === "wasm" && state.module
      ? ` The embedded module (${formatSize(state.module.length)}) is too big to put in a link: share its WAT or AssemblyScript source instead, or a smaller module.`
      : binaryFiles > 0
        ? ` Its ${binaryFiles} binary file(s) make it too big: remove them or make them smaller.`
        : " Make the source or the extra files smaller.";
  return { ok: false, code: "link_too_large", message: limit + why };
}

export type DecodedLink = ValidState | DecodeError;

/** Reads a share link's hash ("#s1/…" or "s1/…"). Never throws, never runs anything. */
export async function decodeHash(hash: string): Promise<DecodedLink> {
  try {
    return await decodeUnsafe(hash);
  } catch (error) {
    // Every expected failure is handled below; this is the last line, so the page never breaks.
    return decodeError("corrupt", `The link could not be read: ${String(error)}`);
  }
}

async function decodeUnsafe(hash: string): Promise<DecodedLink> {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  if (text.length > HARD_LINK_CHARS) {
    return decodeError(
      "link_too_long",
      `This link is ${formatCount(text.length)} characters long; the playground reads links of up to ${formatCount(HARD_LINK_CHARS)} characters.`,
    );
  }
  const framing = ANY_FRAMING_PATTERN.exec(text);
  if (!framing || Number(framing[1]) === 0) {
    return decodeError(
      "not_playground_link",
      "The address does not contain a playground link (it should start with #s1/).",
    );
  }
  if (`s${framing[1]}/` !== LINK_PREFIX) {
    return decodeError(
      "future_version",
      `This link was made by a newer version of the playground (link format ${framing[1]}). Reload the page to get the latest version.`,
    );
  }
  const cutOff =
    "The link is incomplete — it was probably cut off when it was copied or pasted. Ask for the whole link.";
  const base64 = decodeBase64Url(text.slice(framing[0].length));
  if (!base64.ok) {
    const at = framing[0].length + base64.badIndex;
    return decodeError(
      "not_base64url",
      `The link contains a character that cannot be part of it: ${JSON.stringify(text[at])} at position ${formatCount(at + 1)}.`,
    );
  }
  const declared = readVarint(base64.bytes, 0);
  if (!declared) return decodeError("truncated", cutOff);
  const available = base64.bytes.length - declared.next;
  if (available < declared.value) {
    return decodeError(
      "truncated",
      `${cutOff} (It has ${formatCount(available)} of ${formatCount(declared.value)} bytes.)`,
    );
  }
  if (available > declared.value || base64.droppedDanglingChar) {
    return decodeError("corrupt", "The link has extra characters at its end; it is damaged.");
  }
  const inflated = await inflateWithCap(base64.bytes.subarray(declared.next), MAX_DECODED_BYTES);
  if (!inflated.ok && inflated.reason === "too_large") {
    return decodeError(
      "too_large_decompressed",
      `This link expands to more than ${formatSize(MAX_DECODED_BYTES)}, which the playground refuses (it may be a decompression bomb).`,
    );
  }
  if (!inflated.ok)
    return decodeError(
      "corrupt",
      `The link is damaged: its compressed data is invalid (${inflated.detail}).`,
    );
  const frame = unpackFrame(inflated.bytes);
  if (!frame.ok)
    return decodeError(
      "corrupt",
      `The link is damaged: its contents are malformed (${frame.reason}).`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(frame.json);
  } catch (error) {
    return decodeError(
      "invalid_json",
      `The link's contents are not valid JSON: ${(error as Error).message}.`,
    );
  }
  return validateWireState(raw, blobRefResolver(frame.blobs));
}
