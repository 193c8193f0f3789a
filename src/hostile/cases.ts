// The hostile corpus: every case of issue 6, with its limits and the exact outcome expected.
// Sources are in ./wat (compiled with wabt) or built by ./generators (inputs WAT cannot express).
import type { HostileCase } from "./case-types";
import { wat } from "./case-support";
import { EXECUTION_CASES } from "./cases-execution";
import { HOST_CASES } from "./cases-host";
import { INPUT_CASES } from "./cases-input";

export const HOSTILE_CASES: readonly HostileCase[] = [
  ...EXECUTION_CASES,
  ...INPUT_CASES,
  ...HOST_CASES,
];

/** The well-behaved module run after each case in the same sandbox: main() = 55. */
export const NORMAL = { bytes: wat("normal.wat"), value: 55 } as const;
