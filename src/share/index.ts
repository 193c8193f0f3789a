// Share links and drafts: the public API the page uses. Pure TypeScript, no DOM types needed
// beyond Location/History shapes (passed in), runs in Node and in the browser.
export { encodeState, decodeHash, type EncodedLink, type DecodedLink } from "./link-codec";
export {
  readLinkFromLocation,
  writeLinkToHistory,
  clearLinkFromHistory,
  shareUrl,
  type LinkInLocation,
  type HistoryLike,
} from "./location";
export {
  DraftStore,
  DRAFT_KEYS,
  type StorageLike,
  type DraftLoad,
  type DraftSave,
} from "./draft-store";
export {
  PlaygroundStateSchema,
  ResultSummarySchema,
  V1_DEFAULTS,
  defaultState,
  defaultWasmState,
  type PlaygroundState,
  type PlaygroundStateInput,
  type PlaygroundLimits,
  type PlaygroundLanguage,
  type PlaygroundFile,
  type ResultSummary,
} from "./state-schema";
export {
  summarizeResult,
  compareWithShared,
  formatWasmValue,
  OUTPUT_PREVIEW_CHARS,
  type ResultComparison,
} from "./result-summary";
export {
  DECODE_ERROR_CODES,
  ENCODE_ERROR_CODES,
  type DecodeErrorCode,
  type EncodeErrorCode,
  type DecodeError,
  type EncodeError,
} from "./errors";
export {
  HARD_LINK_CHARS,
  SOFT_LINK_CHARS,
  MAX_DECODED_BYTES,
  LINK_PREFIX,
  STATE_VERSION,
} from "./format";
export { checkState, type ValidState } from "./validate-state";
export {
  looksLikePlaygroundFile,
  PLAYGROUND_FILE_EXTENSION,
  PLAYGROUND_FILE_TYPE,
} from "./drafts/playground-file";
export type { DraftSummary, DraftOrigin } from "./drafts/draft-record";
