// Corpus, part 3: how a run ends through the host — output floods, traps of every kind, and
// WASI exits.
import type { HostileCase } from "./case-types";
import type { WasmSandboxConfig } from "../sandbox/config";
import { WASI, wat } from "./case-support";

const OUT: WasmSandboxConfig = { maxOutputBytes: 64 * 1024, timeoutMs: 10_000 };

const output: HostileCase[] = [
  {
    id: "output-log-flood",
    area: "output",
    why: "env.log of 1 KiB forever",
    bytes: wat("output-log-flood.wat"),
    config: OUT,
    expect: { kind: "output_limit", message: [/output/i], outputPrefix: "AAAA" },
  },
  {
    id: "output-fd-write-flood",
    area: "output",
    why: "WASI fd_write of 4 KiB to stdout forever",
    bytes: wat("output-fd-write-flood.wat"),
    config: { ...OUT, allowedImports: WASI },
    expect: { kind: "output_limit", message: [/output/i], outputPrefix: "BBBB" },
  },
  {
    id: "output-stderr-flood",
    area: "output",
    why: "WASI fd_write of 4 KiB to stderr forever",
    bytes: wat("output-stderr-flood.wat"),
    config: { ...OUT, allowedImports: WASI },
    expect: { kind: "output_limit", message: [/output/i] },
  },
  {
    id: "output-log-bad-pointer",
    area: "output",
    why: "env.log with a pointer/length past the end of memory",
    bytes: wat("output-log-bad-pointer.wat"),
    config: OUT,
    expect: { kind: "trap", message: [/env\.log|bounds|pointer/i] },
  },
];

const TRAPS: [file: string, message: RegExp, args?: number[]][] = [
  ["trap-unreachable.wat", /unreachable/],
  ["trap-div-zero.wat", /divide by zero/, [0]],
  ["trap-rem-zero.wat", /(divide|remainder) by zero/],
  ["trap-int-overflow.wat", /divide result unrepresentable|overflow/, [-1]],
  ["trap-bad-conversion.wat", /float unrepresentable|invalid conversion/, [0]],
  ["trap-oob-load.wat", /memory access out of bounds/],
  ["trap-oob-store.wat", /memory access out of bounds/],
  ["trap-null-indirect.wat", /null function|uninitialized/],
  ["trap-signature-mismatch.wat", /signature mismatch/],
  ["trap-table-oob.wat", /table index is out of bounds|undefined element/],
  ["trap-in-start.wat", /divide by zero/],
  ["trap-deep-in-calls.wat", /unreachable/],
];

const traps: HostileCase[] = TRAPS.map(([file, message, args]) => ({
  id: file.replace(".wat", ""),
  area: "trap" as const,
  why: `trap: ${message.source}`,
  bytes: wat(file),
  config: { timeoutMs: 10_000, maxFuel: 1_000_000 },
  args,
  expect: {
    kind: "trap" as const,
    message: [message],
    ...(file === "trap-deep-in-calls.wat" ? { outputPrefix: "before the trap" } : {}),
  },
}));

const exits: HostileCase[] = [
  {
    id: "exit-zero",
    area: "exit",
    why: "proc_exit(0) is success",
    bytes: wat("exit-zero.wat"),
    config: { allowedImports: WASI, timeoutMs: 10_000 },
    expect: { success: true, exitCode: 0 },
  },
  {
    id: "exit-three",
    area: "exit",
    why: "proc_exit(3) is exit with code 3",
    bytes: wat("exit-three.wat"),
    config: { allowedImports: WASI, timeoutMs: 10_000 },
    expect: { kind: "exit", exitCode: 3, message: [/3/] },
  },
  {
    id: "exit-in-loop",
    area: "exit",
    why: "proc_exit(255) from nested calls inside a loop",
    bytes: wat("exit-in-loop.wat"),
    config: { allowedImports: WASI, timeoutMs: 10_000, maxFuel: 1_000_000 },
    expect: { kind: "exit", exitCode: 255, message: [/255/] },
  },
];

export const HOST_CASES: HostileCase[] = [...output, ...traps, ...exits];
