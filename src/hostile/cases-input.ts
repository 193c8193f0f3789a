// Corpus, part 2: what a module is before it runs — compile-time bombs, malformed binaries and
// forbidden imports.
import type { HostileCase } from "./case-types";
import type { WasmSandboxConfig } from "../sandbox/config";
import * as gen from "./generators";
import { MIB, wat } from "./case-support";

const BOMB: WasmSandboxConfig = { timeoutMs: 10_000, maxFuel: 1_000_000 };
const SIZE_LIMIT = 1 * MIB;

const bombs: HostileCase[] = [
  {
    id: "bomb-nested-blocks-100k",
    area: "compile-bomb",
    why: "100,000 nested blocks (binaryen's emitter overflows the JS stack on these): survived",
    bytes: () => gen.nestedBlocks(100_000),
    config: BOMB,
    expect: { success: true, value: 7 },
    boundMs: 20_000,
  },
  {
    id: "bomb-nested-ifs-50k",
    area: "compile-bomb",
    why: "50,000 nested ifs: survived",
    bytes: () => gen.nestedIfs(50_000),
    config: BOMB,
    expect: { success: true, value: 7 },
    boundMs: 20_000,
  },
  {
    id: "bomb-functions-50k",
    area: "compile-bomb",
    why: "50,000 functions: valid, must be survived",
    bytes: () => gen.manyFunctions(50_000),
    config: BOMB,
    expect: { success: true, value: 49_999 },
    boundMs: 30_000,
  },
  {
    id: "bomb-function-10mb",
    area: "compile-bomb",
    why: "a 10 MB function body (over V8's 7,654,321-byte limit; binaryen spends ~10 s on it)",
    bytes: () => gen.hugeFunction(10_000_000),
    config: BOMB,
    expect: { kind: "invalid_module" },
    boundMs: 20_000,
  },
  {
    id: "bomb-locals-100k",
    area: "compile-bomb",
    why: "100,000 locals in one function (V8 allows 50,000)",
    bytes: () => gen.manyLocals(100_000),
    config: BOMB,
    expect: { kind: "invalid_module" },
  },
  {
    id: "bomb-types-200k",
    area: "compile-bomb",
    why: "a type section of 200,000 distinct function types: valid, must be survived",
    bytes: () => gen.hugeTypeSection(200_000),
    config: BOMB,
    expect: { success: true, value: 7 },
    boundMs: 30_000,
  },
  {
    id: "bomb-types-over-limit",
    area: "compile-bomb",
    why: "1,000,001 types (V8 allows 1,000,000)",
    bytes: () => gen.hugeTypeSection(1_000_001, false),
    config: BOMB,
    expect: { kind: "invalid_module" },
  },
  {
    // Not 100,001: Node 20's V8 refuses that, Chromium 156's accepts it; the limit moved.
    id: "bomb-exports-at-limit",
    area: "compile-bomb",
    why: "99,998 exports: with the sandbox's 2 exactly the JS API's limit of 100,000; runs",
    bytes: () => gen.manyExports(99_998),
    config: BOMB,
    expect: { success: true, value: 7 },
    boundMs: 20_000,
  },
  {
    id: "bomb-exports-100k",
    area: "compile-bomb",
    why: "100,000 exports: the sandbox's own exports would pass the limit; refused the same in every host",
    bytes: () => gen.manyExports(100_000),
    config: BOMB,
    expect: { kind: "invalid_module", message: [/100,000 exports/] },
    v8Valid: true,
    boundMs: 20_000,
  },
  {
    id: "bomb-br-table-over-limit",
    area: "compile-bomb",
    why: "a br_table of 70,000 targets (V8 allows 65,520)",
    bytes: () => gen.hugeBrTable(70_000),
    config: BOMB,
    expect: { kind: "invalid_module" },
  },
  {
    id: "bomb-module-at-size-limit",
    area: "compile-bomb",
    why: "a module of exactly maxModuleBytes runs",
    bytes: () => gen.moduleOfSize(SIZE_LIMIT),
    config: { ...BOMB, maxModuleBytes: SIZE_LIMIT },
    expect: { success: true, value: 7 },
  },
  {
    id: "bomb-module-over-size-limit",
    area: "compile-bomb",
    why: "a module one byte over maxModuleBytes is refused",
    bytes: () => gen.moduleOfSize(SIZE_LIMIT + 1),
    config: { ...BOMB, maxModuleBytes: SIZE_LIMIT },
    v8Valid: true,
    // The message must let a person see by how much: "1 MiB, over 1 MiB" does not.
    expect: { kind: "invalid_module", message: [/1[,. ]?048[,. ]?577/] },
  },
];

const malformed: HostileCase[] = [
  ...gen.malformed(),
  ...gen.truncations().map((t) => ({
    ...t,
    label: `truncated ${t.label}`,
  })),
].map(({ label, bytes }) => ({
  id: `malformed: ${label}`,
  area: "malformed" as const,
  why: label,
  bytes: () => bytes,
  config: { timeoutMs: 5_000 },
  expect: { kind: "invalid_module" as const },
}));

const imports: HostileCase[] = [
  {
    id: "import-unknown-module",
    area: "imports",
    why: "import from an unknown module",
    bytes: wat("import-unknown-module.wat"),
    config: {},
    expect: { kind: "import_denied", message: [/evil\.exec/] },
  },
  {
    id: "import-unknown-name",
    area: "imports",
    why: "unknown name in a known module",
    bytes: wat("import-unknown-name.wat"),
    config: {},
    expect: { kind: "import_denied", message: [/env\.system/] },
  },
  {
    id: "import-wrong-signature",
    area: "imports",
    why: "allowed name (env.log) with the wrong signature",
    bytes: wat("import-wrong-signature.wat"),
    config: {},
    expect: { kind: "import_denied", message: [/env\.log/, /i64|signature/i] },
  },
  {
    id: "import-wasi-denied",
    area: "imports",
    why: "WASI call not in the allow-list",
    bytes: wat("import-wasi-denied.wat"),
    config: { allowedImports: ["env.log"] },
    expect: { kind: "import_denied", message: [/wasi_snapshot_preview1\.fd_write/] },
  },
  {
    id: "import-many-denied",
    area: "imports",
    why: "several denied imports of every kind: each one is named",
    bytes: wat("import-many-denied.wat"),
    config: {},
    expect: {
      kind: "import_denied",
      message: [/env\.secret/, /host\.table/, /wasi_snapshot_preview1\.path_open/],
    },
  },
];

export const INPUT_CASES: HostileCase[] = [...bombs, ...malformed, ...imports];
