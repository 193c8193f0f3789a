// Corpus, part 1: what a guest does while running — endless execution of every shape, memory
// and table bombs, host-side allocation, the stack.
import type { HostileCase } from "./case-types";
import type { WasmSandboxConfig } from "../sandbox/config";
import * as gen from "./generators";
import { FUEL, MIB, WASI, WATCHDOG, wat } from "./case-support";

/** Each endless shape, run once against fuel and once against the watchdog. */
/** [file, what it is, args of main]. */
const ENDLESS: [file: string, why: string, args?: number[]][] = [
  ["endless-loop-br.wat", "loop + br"],
  ["endless-br-if.wat", "loop + br_if on a run-time condition"],
  ["endless-br-table.wat", "loop + br_table"],
  ["endless-tail-self.wat", "direct recursion with return_call", [0]],
  ["endless-tail-mutual.wat", "mutual recursion with return_call", [0]],
  ["endless-call-indirect.wat", "return_call_indirect ping-pong through the table", [0]],
  ["endless-call-indirect-loop.wat", "loop of call_indirect calls"],
  ["endless-start.wat", "endless start function (during instantiation)"],
  ["endless-host-calls.wat", "endless loop of host calls (env.log)"],
];

const endless: HostileCase[] = ENDLESS.flatMap(([file, why, args]) => [
  {
    id: `${file.replace(".wat", "")}/fuel`,
    area: "endless" as const,
    why: `${why}, stopped by fuel`,
    bytes: wat(file),
    config: FUEL,
    args,
    expect: { kind: "fuel_exhausted" as const, message: [/fuel/i, /200[,. ]?000/] },
  },
  {
    id: `${file.replace(".wat", "")}/timeout`,
    area: "endless" as const,
    why: `${why}, stopped by the watchdog`,
    bytes: wat(file),
    config: WATCHDOG,
    args,
    expect: { kind: "timeout" as const, message: [/time/i, /300/] },
  },
]);

const CAP_16: WasmSandboxConfig = { maxMemoryBytes: MIB, maxFuel: 10_000_000, timeoutMs: 10_000 };

const memory: HostileCase[] = [
  {
    id: "mem-grow-then-fail",
    area: "memory",
    why: "memory.grow in a loop until refused, then a trap",
    bytes: wat("mem-grow-then-fail.wat"),
    config: CAP_16,
    expect: { kind: "memory_limit", message: [/memory/i] },
  },
  {
    id: "mem-grow-reports",
    area: "memory",
    why: "memory.grow in a loop until refused; the guest copes and returns the page count",
    bytes: wat("mem-grow-reports.wat"),
    config: CAP_16,
    expect: { success: true, value: 16 },
  },
  {
    id: "mem-initial-over-cap",
    area: "memory",
    why: "initial memory above the cap is refused before running",
    bytes: wat("mem-initial-over-cap.wat"),
    config: CAP_16,
    expect: { kind: "memory_limit", message: [/100/, /16/] },
  },
  {
    id: "mem-max-over-cap",
    area: "memory",
    why: "maximum above the cap is lowered: a big grow returns -1",
    bytes: wat("mem-max-over-cap.wat"),
    config: CAP_16,
    expect: { success: true, value: -1 },
  },
  {
    id: "mem-grow-then-oob",
    area: "memory",
    why: "ignores a refused 4 GiB grow and writes past memory",
    bytes: wat("mem-grow-then-oob.wat"),
    config: CAP_16,
    expect: { kind: "memory_limit", message: [/memory/i] },
  },
  {
    id: "mem-imported",
    area: "memory",
    why: "imported memory gets the cap as its maximum: growing to the cap works, past it -1",
    bytes: wat("mem-imported.wat"),
    config: { ...CAP_16, allowedImports: ["env.memory"] },
    // 16 pages (the cap) + the 42 it stored + the -1 of the grow past the cap.
    expect: { success: true, value: 16 + 42 - 1 },
  },
  {
    id: "mem-imported-over-cap",
    area: "memory",
    why: "imported memory whose initial size exceeds the cap",
    bytes: wat("mem-imported-over-cap.wat"),
    config: { ...CAP_16, allowedImports: ["env.memory"] },
    expect: { kind: "memory_limit", message: [/100/] },
  },
  {
    id: "mem-data-past-end",
    area: "memory",
    why: "active data segment past the end of memory",
    bytes: wat("mem-data-past-end.wat"),
    config: CAP_16,
    expect: { kind: "trap", message: [/out of bounds/i] },
  },
  {
    id: "mem-fill-huge",
    area: "memory",
    why: "16 MiB memory.fill in a loop must cost fuel by size (else: minutes → timeout)",
    bytes: wat("mem-fill-huge.wat"),
    config: { maxMemoryBytes: 16 * MIB, maxFuel: 50_000_000, timeoutMs: 8_000 },
    expect: { kind: "fuel_exhausted", message: [/fuel/i] },
  },
  {
    id: "mem-copy-huge",
    area: "memory",
    why: "8 MiB memory.copy in a loop must cost fuel by size",
    bytes: wat("mem-copy-huge.wat"),
    config: { maxMemoryBytes: 16 * MIB, maxFuel: 50_000_000, timeoutMs: 8_000 },
    expect: { kind: "fuel_exhausted", message: [/fuel/i] },
  },
  {
    id: "mem-fill-oob",
    area: "memory",
    why: "memory.fill of 2 GiB on a 64 KiB memory",
    bytes: wat("mem-fill-oob.wat"),
    config: { maxMemoryBytes: MIB, maxFuel: 1e12, timeoutMs: 10_000 },
    expect: { kind: "trap", message: [/out of bounds/i] },
  },
  {
    id: "table-grow-bomb",
    area: "memory",
    why: "table.grow by 100k in a loop until refused, then a trap",
    bytes: wat("table-grow-bomb.wat"),
    config: { maxTableElements: 500_000, timeoutMs: 10_000 },
    expect: { kind: "memory_limit", message: [/table/i] },
  },
  {
    id: "table-initial-huge",
    area: "memory",
    why: "10M-element table at instantiation (outside the memory cap)",
    bytes: wat("table-initial-huge.wat"),
    config: { maxTableElements: 100_000, timeoutMs: 10_000 },
    expect: { kind: "memory_limit", message: [/table/i, /10[,. ]?000[,. ]?000/] },
  },
  {
    id: "wasi-file-hoard/fuel",
    area: "memory",
    why: "creates a file and writes 64 KiB per iteration through WASI (host-side allocation)",
    bytes: wat("wasi-file-hoard.wat"),
    config: { allowedImports: WASI, maxFuel: 500_000, timeoutMs: 20_000 },
    expect: { kind: "fuel_exhausted", message: [/fuel/i] },
    boundMs: 25_000,
  },
  {
    id: "wasi-file-hoard/timeout",
    area: "memory",
    why: "the same, unmetered: only the watchdog ends it, the file system budget bounds it",
    bytes: wat("wasi-file-hoard.wat"),
    config: { allowedImports: WASI, timeoutMs: 1_500 },
    expect: { kind: "timeout", message: [/time/i] },
  },
];

const stack: HostileCase[] = [
  {
    id: "stack-unbounded",
    area: "stack",
    why: "plain unbounded recursion",
    bytes: wat("stack-unbounded.wat"),
    config: { timeoutMs: 10_000 },
    args: [0],
    expect: { kind: "stack_overflow", message: [/stack/i] },
  },
  {
    id: "stack-indirect",
    area: "stack",
    why: "unbounded recursion through call_indirect",
    bytes: wat("stack-indirect.wat"),
    config: { timeoutMs: 10_000, maxFuel: 1e12 },
    args: [0],
    expect: { kind: "stack_overflow", message: [/stack/i] },
  },
  {
    id: "stack-many-locals",
    area: "stack",
    why: "unbounded recursion with 20,000 i64 locals per frame",
    bytes: () => gen.recursionWithLocals(20_000),
    config: { timeoutMs: 10_000 },
    expect: { kind: "stack_overflow", message: [/stack/i] },
  },
  {
    id: "stack-deep-finite",
    area: "stack",
    why: "recursion 2,000 deep that returns",
    bytes: wat("stack-deep-finite.wat"),
    config: { timeoutMs: 10_000, maxFuel: 1_000_000 },
    expect: { success: true, value: 2000 },
  },
];

export const EXECUTION_CASES: HostileCase[] = [...endless, ...memory, ...stack];
