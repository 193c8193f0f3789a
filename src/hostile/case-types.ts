// What one hostile case is: bytes, the limits to run them with, and exactly what must happen.
import type { WasmSandboxConfig } from "../sandbox/config";
import type { ErrorKind } from "../sandbox/types";

/** The bullets of issue 6, so coverage of each can be checked. */
export const AREAS = [
  "endless",
  "memory",
  "stack",
  "compile-bomb",
  "malformed",
  "imports",
  "output",
  "trap",
  "exit",
] as const;
export type Area = (typeof AREAS)[number];

export type Expectation =
  | {
      kind: ErrorKind;
      /** Every pattern must match the error message. */
      message?: RegExp[];
      exitCode?: number;
      /** The output must start with this (what the guest wrote before failing is kept). */
      outputPrefix?: string;
    }
  | { success: true; value?: number | bigint; exitCode?: number };

export interface HostileCase {
  id: string;
  area: Area;
  /** The attack, in one line. */
  why: string;
  bytes: () => Promise<Uint8Array> | Uint8Array;
  config: WasmSandboxConfig;
  entry?: string;
  args?: number[];
  expect: Expectation;
  /**
   * Upper bound on the whole case (execute call), in ms, enforced by the e2e harness: compile-time
   * bombs must be refused or survived in bounded time. Default 15 s.
   */
  boundMs?: number;
  /**
   * Whether V8 itself accepts the bytes. Default: not when invalid_module is expected. Set for
   * inputs the sandbox must refuse although V8 would compile them (nesting bombs, size limit).
   */
  v8Valid?: boolean;
}
