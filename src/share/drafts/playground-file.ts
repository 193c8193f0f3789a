// A playground file: the whole state, module included, in one download — for work too big for
// a link (a 30 MB module) or when the browser's storage is full. Dropping the file on the page
// opens it. Same payload as a link (zlib-deflated frame: JSON + blobs), behind a magic and a
// version, and the same validation gate as links and drafts.
//
//   file = "\0wplay" ‖ u8 version (1) ‖ varint(deflated byte count) ‖ zlib-deflate(frame)
//
// NOTE — a released version's layout must not change; a new layout gets a new version byte.
import { inflateWithCap } from "../compression";
import { encodePayload } from "../payload";
import { decodeError, formatSize, type DecodeError, type EncodeError } from "../errors";
import { readVarint, unpackFrame } from "../frame";
import type { PlaygroundState } from "../state-schema";
import { validateWireState, type ValidState } from "../validate-state";
import { blobRefResolver } from "../wire-json";

export const FILE_MAGIC = Uint8Array.from([0x00, 0x77, 0x70, 0x6c, 0x61, 0x79]); // "\0wplay"
export const FILE_VERSION = 1;
export const PLAYGROUND_FILE_EXTENSION = ".wasmplay";
export const PLAYGROUND_FILE_TYPE = "application/x-wasm-playground";
/** A 64 MiB module (the page's limit) with sources and files beside it. */
export const MAX_FILE_DECODED_BYTES = 96 * 1024 * 1024;
/** Inflation slices: 1,032 × 4 KiB ≈ 4 MiB past the cap at most, and a 10 MB file in 2,500 writes. */
const FILE_SLICE_BYTES = 4096;

export function looksLikePlaygroundFile(head: Uint8Array): boolean {
  return FILE_MAGIC.every((byte, i) => head[i] === byte);
}

export async function encodePlaygroundFile(
  state: PlaygroundState,
): Promise<{ ok: true; bytes: Uint8Array } | EncodeError> {
  const encoded = await encodePayload(state, "save");
  if (!encoded.ok) return encoded;
  const { payload } = encoded;
  const out = new Uint8Array(FILE_MAGIC.length + 1 + payload.length);
  out.set(FILE_MAGIC, 0);
  out[FILE_MAGIC.length] = FILE_VERSION;
  out.set(payload, FILE_MAGIC.length + 1);
  return { ok: true, bytes: out };
}

/** Reads a playground file. Never throws: a damaged or foreign file is a typed failure. */
export async function decodePlaygroundFile(bytes: Uint8Array): Promise<ValidState | DecodeError> {
  if (!looksLikePlaygroundFile(bytes))
    return decodeError("not_playground_link", "This is not a playground file.");
  const version = bytes[FILE_MAGIC.length];
  if (version === undefined)
    return decodeError(
      "truncated",
      "The playground file is incomplete (it ends after its header).",
    );
  if (version > FILE_VERSION)
    return decodeError(
      "future_version",
      `This playground file was made by a newer version of the playground (file version ${version}). Reload the page to get the latest version.`,
    );
  if (version !== FILE_VERSION)
    return decodeError("corrupt", `The playground file has an unknown version (${version}).`);
  const declared = readVarint(bytes, FILE_MAGIC.length + 1);
  if (!declared) return decodeError("truncated", "The playground file is incomplete.");
  const available = bytes.length - declared.next;
  if (available < declared.value)
    return decodeError(
      "truncated",
      `The playground file is incomplete: it has ${formatSize(available)} of ${formatSize(declared.value)}.`,
    );
  if (available > declared.value)
    return decodeError("corrupt", "The playground file has extra bytes at its end; it is damaged.");
  const inflated = await inflateWithCap(
    bytes.subarray(declared.next),
    MAX_FILE_DECODED_BYTES,
    FILE_SLICE_BYTES,
  );
  if (!inflated.ok)
    return inflated.reason === "too_large"
      ? decodeError(
          "too_large_decompressed",
          `This playground file expands to more than ${formatSize(MAX_FILE_DECODED_BYTES)}, which the playground refuses.`,
        )
      : decodeError("corrupt", `The playground file is damaged (${inflated.detail}).`);
  const frame = unpackFrame(inflated.bytes);
  if (!frame.ok) return decodeError("corrupt", `The playground file is damaged (${frame.reason}).`);
  let raw: unknown;
  try {
    raw = JSON.parse(frame.json);
  } catch (error) {
    return decodeError(
      "invalid_json",
      `The playground file's contents are not valid JSON: ${(error as Error).message}.`,
    );
  }
  return validateWireState(raw, blobRefResolver(frame.blobs), "playground file");
}
