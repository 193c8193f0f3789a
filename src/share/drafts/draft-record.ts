// What one stored draft is: its summary (for the drafts list) and its state as wire JSON whose
// bytes are references to content-addressed blobs ({"$sha256": "<hex>"}), so the same 30 MB
// module kept by several drafts is stored once. Records read back from storage are validated
// here before anything trusts them.
import { z } from "../../sandbox/zod";
import type { PlaygroundState } from "../state-schema";

/** Marker key of a reference to a stored blob in a draft's JSON. */
export const SHA256_REF_KEY = "$sha256";
/** Marker key of a blob sent along with a save request (index into its `blobs`). */
export const NEW_BLOB_REF_KEY = "$new";

/** "own": the person's work (edited here); "link": opened from a link and not edited since. */
export const DRAFT_ORIGINS = ["own", "link"] as const;
export type DraftOrigin = (typeof DRAFT_ORIGINS)[number];

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const DraftSummarySchema = z.strictObject({
  id: z.string().min(1).max(100),
  savedAt: z.number(),
  origin: z.enum(DRAFT_ORIGINS),
  language: z.string().max(40),
  /** The first line of the source, or the module's file name. */
  title: z.string().max(200),
  /** Bytes of the source (UTF-16 code units) or of the module. */
  size: z.number().int().nonnegative(),
});
export type DraftSummary = z.infer<typeof DraftSummarySchema>;

export const StoredDraftSchema = DraftSummarySchema.extend({
  /** The state's wire JSON (defaults left out), bytes as {"$sha256": …}. */
  json: z.string(),
  /** Every blob the JSON references, so unreferenced blobs can be deleted. */
  blobs: z.array(Hex64),
});
export type StoredDraft = z.infer<typeof StoredDraftSchema>;

export const TITLE_CHARS = 80;

/** The drafts list's line for a state: language, first line or module name, size. */
export function describeState(
  state: PlaygroundState,
): Pick<DraftSummary, "language" | "title" | "size"> {
  if (state.language === "wasm") {
    return { language: "wasm", title: state.moduleName, size: state.module?.length ?? 0 };
  }
  const firstLine =
    state.source
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line !== "") ?? "(empty)";
  return {
    language: state.language,
    title: firstLine.slice(0, TITLE_CHARS),
    size: state.source.length,
  };
}

/** {"$sha256": hash}: bytes the store holds. */
export const sha256Ref = (hash: string): { [key: string]: string } => ({ [SHA256_REF_KEY]: hash });
/** {"$new": i}: the i-th blob sent with a save request. */
export const newBlobRef = (index: number): { [key: string]: number } => ({
  [NEW_BLOB_REF_KEY]: index,
});
