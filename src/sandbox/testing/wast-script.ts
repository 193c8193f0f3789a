// The command lists of the spec harness: a .wast script split into commands, every module as
// binary (scripts/wasm3-spec-convert.mjs writes them; wast-runner.ts runs them).

/** A constant in a script: numbers as exact bits (f32 as a uint32, i64/f64 as decimal text). */
export type WastValue =
  | { type: "i32"; value: number }
  | { type: "i64"; value: string }
  | { type: "f32"; bits: number }
  | { type: "f64"; bits: string }
  | { type: "f32" | "f64"; nan: "canonical" | "arithmetic" }
  | { type: "ref"; kind: string; n?: number }
  | { type: "v128" }
  | { type: "either"; options: WastValue[] };

export type WastAction =
  | { kind: "invoke"; module?: string; name: string; args: WastValue[] }
  | { kind: "get"; module?: string; name: string };

export type WastCommand = { line: number } & (
  | { type: "module"; name?: string; definition: boolean; module: number }
  | { type: "instance"; name?: string; of: string }
  | { type: "register"; as: string; name?: string }
  | { type: "action"; action: WastAction }
  | { type: "assert_return"; action: WastAction; expected: WastValue[] }
  | { type: "assert_trap" | "assert_exhaustion" | "assert_exception"; action: WastAction }
  | {
      /** A v128 assertion: `wrapper` imports the function as spec_under_test.f and checks it. */
      type: "assert_return_in_wasm";
      action: { kind: "invoke"; module?: string; name: string };
      wrapper: number;
    }
  | {
      type: "assert_trap_instantiate" | "assert_invalid" | "assert_malformed" | "assert_unlinkable";
      module: number;
    }
  | { type: "unconverted"; reason: string }
);

export interface WastScript {
  file: string;
  /** The Wasm 3.0 proposal the file tests (gc, memory64, ...). */
  proposal: string;
  commands: WastCommand[];
  /** The modules the commands name by index, base64. */
  modules: string[];
}

/**
 * - pass / fail: the assertion held or not;
 * - refused: a module it needs was refused by the preparation step (instrument());
 * - not_run: the harness cannot check it from JS (a v128 crosses the JS boundary) or the
 *   converter could not parse the command.
 */
export type WastOutcome = "pass" | "fail" | "refused" | "not_run";

export interface WastResult {
  line: number;
  type: WastCommand["type"];
  outcome: WastOutcome;
  detail?: string;
}

/** Prepares a module before it is compiled: identity for the original run, instrument() else. */
export type PrepareModule = (
  bytes: Uint8Array<ArrayBuffer>,
) => Promise<{ ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; message: string }>;
