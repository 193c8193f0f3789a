// The share-link wire format: constants that are part of every link ever shared.
//
// NOTE — values must not change. A link lives in chat logs and bug reports for years; changing
// any constant here silently changes what old links mean. To change the format, add a new
// framing (LINK_PREFIX "s2/") or a new state version (STATE_VERSION 2 plus one migration in
// migrations.ts) and keep every released one decoding (fixtures/ pins them).
//
//   location.hash = "#" + LINK_PREFIX + base64url(payload)            no "=" padding
//   payload       = varint(deflated byte count) ‖ zlib-deflate(frame)
//   frame         = varint(json byte count) ‖ UTF-8 JSON ‖ blob*        blob = varint(n) ‖ n bytes
//
// - The framing ("s1") and the state schema version (the JSON's "v") are versioned apart: the
//   first says how bytes are packed, the second what the JSON means. Either can move alone.
// - Binary data (an embedded .wasm, binary files) travels as blobs after the JSON, referenced
//   from it as {"$blob": index}: no base64 inside the JSON, so deflate sees the raw bytes
//   (measured in README.md: 17–23 % shorter links).
// - zlib ("deflate") rather than raw deflate: its Adler-32 trailer (6 bytes in all) means a
//   corrupted link is refused instead of silently running a different module.
// - The leading deflated byte count tells a truncated link (pasted partially, cut off by a chat
//   tool) from a corrupted one, and rejects junk appended after the stream.

/** Framing of version 1 links. A later framing gets "s2/", and both keep decoding. */
export const LINK_PREFIX = "s1/";

/** Any framing of ours: "s" + version number + "/". Unknown higher numbers are future links. */
export const ANY_FRAMING_PATTERN = /^s(\d{1,6})\//;

/** Version of the state schema (the JSON's "v" field). */
export const STATE_VERSION = 1;

/** Marker key of a reference to a blob in the JSON: {"$blob": 0}. */
export const BLOB_REF_KEY = "$blob";

/**
 * Links longer than this may be cut off: Discord caps a message at 2,000 characters, many
 * chat, mail and issue tools shorten or wrap long URLs, and old tooling assumed ~2,000-char
 * URLs. Above it, encoding succeeds with a warning.
 */
export const SOFT_LINK_CHARS = 2_000;

/**
 * Longest hash we make or read (characters after "#"). 64 KiB holds ~48 KiB of compressed
 * data — an AssemblyScript program with its runtime, or a hand-written module many times over —
 * yet stays far under browsers' URL limits (Chromium 2 MB, Firefox 1 MB). Decoding refuses
 * longer hashes before doing any work, which also bounds the worst decompression bomb a link
 * can carry (~1,032 × 48 KiB ≈ 50 MB; MAX_DECODED_BYTES stops it long before that).
 */
export const HARD_LINK_CHARS = 65_536;

/**
 * Most bytes a link may inflate to. Real programs compress 3–10×; 2 MiB lets a maximal link
 * compress 40×, while a bomb (deflate reaches 1,032×) is stopped after 2 MiB, streamed in
 * chunks, before the rest is ever produced (compression.ts).
 */
export const MAX_DECODED_BYTES = 2 * 1024 * 1024;
