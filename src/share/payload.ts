// The payload links and playground files share: the state checked, turned into a frame (JSON +
// blobs), zlib-deflated and prefixed with its length.
//
//   payload = varint(deflated byte count) ‖ zlib-deflate(frame)
//
// NOTE — links and files of released versions carry this layout: it must not change.
import { deflate } from "./compression";
import type { EncodeError } from "./errors";
import { BLOB_REF_KEY } from "./format";
import { packFrame, writeVarint } from "./frame";
import type { PlaygroundState } from "./state-schema";
import { checkState } from "./validate-state";
import { toWireObject } from "./wire-json";

export type EncodedPayload = { ok: true; state: PlaygroundState; payload: Uint8Array };

/** `verb` completes the refusal: "Cannot share this state: …", "Cannot save this state: …". */
export async function encodePayload(
  state: PlaygroundState,
  verb: "share" | "save",
): Promise<EncodedPayload | EncodeError> {
  const checked = checkState(state);
  if (!checked.ok)
    return {
      ok: false,
      code: "invalid_state",
      message: `Cannot ${verb} this state: ${checked.message}`,
    };
  const blobs: Uint8Array[] = [];
  const wire = toWireObject(checked.state, (bytes) => {
    blobs.push(bytes);
    return { [BLOB_REF_KEY]: blobs.length - 1 };
  });
  const deflated = await deflate(packFrame(JSON.stringify(wire), blobs));
  const lengthPrefix: number[] = [];
  writeVarint(deflated.length, lengthPrefix);
  const payload = new Uint8Array(lengthPrefix.length + deflated.length);
  payload.set(lengthPrefix, 0);
  payload.set(deflated, lengthPrefix.length);
  return { ok: true, state: checked.state, payload };
}
