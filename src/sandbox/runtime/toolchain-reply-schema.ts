// The toolchain worker's replies are checked before the main thread trusts them, as the runner's
// are (run-report-schema.ts): a worker reply is input. Each schema is held to its contract type
// (z.ZodType<…>): a required field missing from a schema does not compile, and the unit test
// compares real replies before and after the check, so an optional one left out shows too.
import { z } from "../zod";
import type { InstrumentOutcome } from "../instrument/abi";
import type { ModuleInfo } from "../inspect/module-info";
import type { CompileOutcome, InspectOutcome, ToolchainApi } from "../toolchain/api";
import type { OptimizeOutcome } from "../toolchain/optimize";
import type { BinaryenTextReply } from "../toolchain/binaryen-text";

const bytes = z.instanceof(Uint8Array);
const count = z.number().int().nonnegative();
const failure = z.object({ ok: z.literal(false), message: z.string() });

// Lists as long as a module's functions (CRuby: tens of thousands) are checked with one plain
// loop: zod's per-element parse of 80,000 indices took ~30 ms warm and ~300 ms cold here, on the
// main thread.
const indexList = z.custom<number[]>(
  (value) => Array.isArray(value) && value.every((n) => Number.isInteger(n) && n >= 0),
  "expected a list of indices",
);
function recordOf<T>(isValue: (v: unknown) => v is T, what: string) {
  return z.custom<Record<number, T>>(
    (value) =>
      typeof value === "object" &&
      value !== null &&
      !Array.isArray(value) &&
      Object.values(value).every(isValue),
    `expected a record of ${what}`,
  );
}
const isString = (v: unknown): v is string => typeof v === "string";
const isNumber = (v: unknown): v is number => typeof v === "number";

const valType = z.string();
const signature = z.object({ params: z.array(valType), results: z.array(valType) });
const limits = z.object({
  initial: z.number().nonnegative(),
  maximum: z.number().nonnegative().optional(),
  shared: z.boolean().optional(),
  memory64: z.boolean().optional(),
});
const fieldType = z.object({ type: valType, mutable: z.boolean() });
const typeInfo = z.object({
  recGroup: count,
  final: z.boolean(),
  supertypes: z.array(count),
  composite: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("func"), signature }),
    z.object({ kind: z.literal("struct"), fields: z.array(fieldType) }),
    z.object({ kind: z.literal("array"), element: fieldType }),
  ]),
});
const named = { module: z.string(), name: z.string() };
const importInfo = z.discriminatedUnion("kind", [
  z.object({ ...named, kind: z.literal("function"), signature }),
  z.object({ ...named, kind: z.literal("memory"), limits }),
  z.object({ ...named, kind: z.literal("table"), elementType: valType, limits }),
  z.object({ ...named, kind: z.literal("global"), type: valType, mutable: z.boolean() }),
  z.object({ ...named, kind: z.literal("tag"), signature }),
]);
const exportInfo = z.union([
  z.object({ name: z.string(), kind: z.literal("function"), index: count, signature }),
  z.object({
    name: z.string(),
    kind: z.enum(["memory", "table", "global", "tag"]),
    index: count,
  }),
]);

const moduleInfo: z.ZodType<ModuleInfo> = z.object({
  size: count,
  imports: z.array(importInfo),
  exports: z.array(exportInfo),
  memories: z.array(limits),
  tables: z.array(z.object({ elementType: valType, limits })),
  globals: z.array(z.object({ type: valType, mutable: z.boolean() })),
  types: z.array(typeInfo),
  typeCount: count,
  tags: z.array(signature),
  functionCount: count,
  hasStart: z.boolean(),
  sections: z.array(z.object({ name: z.string(), id: count, offset: count, size: count })),
  features: z.array(z.string()),
  functionNames: recordOf(isString, "names").optional(),
});

const diagnostic = z.object({
  message: z.string(),
  line: z.number().optional(),
  column: z.number().optional(),
  endLine: z.number().optional(),
  endColumn: z.number().optional(),
  severity: z.enum(["error", "warning"]),
});

const compileOutcome: z.ZodType<CompileOutcome> = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    bytes,
    diagnostics: z.array(diagnostic),
    compileMs: z.number(),
    info: moduleInfo.nullable(),
    functionLines: recordOf(isNumber, "line numbers").optional(),
  }),
  failure.extend({ diagnostics: z.array(diagnostic) }),
]);

const inspectOutcome: z.ZodType<InspectOutcome> = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), info: moduleInfo }),
  failure,
]);

type Disassembly = Awaited<ReturnType<ToolchainApi["disassemble"]>>;
const disassembly: z.ZodType<Disassembly> = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), text: z.string() }),
  failure,
]);

const binaryenText: z.ZodType<BinaryenTextReply> = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), utf8: bytes }),
  failure,
]);

const optimizeOutcome: z.ZodType<OptimizeOutcome> = z.discriminatedUnion("ok", [
  z.object({ ok: z.literal(true), bytes, optimizeMs: z.number() }),
  failure,
]);

const instrumentOutcome: z.ZodType<InstrumentOutcome> = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    bytes,
    fuelLimit: z.union([z.bigint(), z.undefined()]),
    originalSize: count,
    instrumentedSize: count,
    lazyFunctions: indexList,
    threadedFunctions: indexList,
    instrumentMs: z.number(),
  }),
  failure.extend({ kind: z.enum(["invalid_module", "memory_limit"]) }),
]);

export const TOOLCHAIN_REPLIES = {
  compile: compileOutcome,
  inspect: inspectOutcome,
  disassemble: disassembly,
  binaryenText,
  optimize: optimizeOutcome,
  instrument: instrumentOutcome,
};

export type ReplyCheck<R> = (
  value: unknown,
) => { ok: true; value: R } | { ok: false; message: string };

/** A check of one kind of reply: the reply, or a message saying what was wrong with it. */
export function replyCheck<R>(schema: z.ZodType<R>): ReplyCheck<R> {
  return (value) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return { ok: true, value: parsed.data };
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
    return { ok: false, message: `a malformed reply${where}: ${issue?.message ?? "unknown"}` };
  };
}
