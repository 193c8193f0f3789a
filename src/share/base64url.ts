// base64url without padding (RFC 4648 §5): the only characters a link payload may contain.
// Hand-written because Node 20 lacks Uint8Array.fromBase64 and atob/btoa work on strings.

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const VALUE_OF = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE_OF[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64Url(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out +=
      ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

export type Base64Decoded =
  { ok: true; bytes: Uint8Array; droppedDanglingChar: boolean } | { ok: false; badIndex: number };

/**
 * Decodes base64url. A length of 4k+1 cannot come from any encoder, only from a cut-off link:
 * the dangling character is dropped and reported, so the caller can say "truncated".
 */
export function decodeBase64Url(text: string): Base64Decoded {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || VALUE_OF[code] === -1) return { ok: false, badIndex: i };
  }
  const droppedDanglingChar = text.length % 4 === 1;
  const usable = droppedDanglingChar ? text.length - 1 : text.length;
  const bytes = new Uint8Array(Math.floor((usable * 3) / 4));
  let o = 0;
  let i = 0;
  const value = (at: number) => VALUE_OF[text.charCodeAt(at)];
  for (; i + 3 < usable; i += 4) {
    const n = (value(i) << 18) | (value(i + 1) << 12) | (value(i + 2) << 6) | value(i + 3);
    bytes[o++] = n >> 16;
    bytes[o++] = (n >> 8) & 255;
    bytes[o++] = n & 255;
  }
  const rest = usable - i;
  if (rest >= 2) {
    const n = (value(i) << 18) | (value(i + 1) << 12) | (rest === 3 ? value(i + 2) << 6 : 0);
    bytes[o] = n >> 16;
    if (rest === 3) bytes[o + 1] = (n >> 8) & 255;
  }
  return { ok: true, bytes, droppedDanglingChar };
}
