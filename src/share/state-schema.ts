// PlaygroundState v1: the zod schema is the single source of truth; the types are inferred.
// It checks what crosses a boundary (a link, local storage) before the page trusts it.
import { z } from "../sandbox/zod";
import { ERROR_KINDS } from "../sandbox/types";
import { MAX_GUEST_PATH_CHARS, normalizeGuestPath } from "../sandbox/guest-path";
import { resolveConfig, SandboxConfigError } from "../sandbox/config";
import { bindingKey, MAX_BINDINGS, MAX_HOST_SOURCE_CHARS } from "../sandbox/bindings";
import { STATE_VERSION } from "./format";
import { ClangBuildOptionsSchema } from "../sandbox/toolchain/clang/options";
import { groupDigits } from "../sandbox/digits";
import { OptimizeLevelSchema } from "../sandbox/toolchain/optimize";

/**
 * Defaults of v1. Fields equal to these are left out of links and filled in on decoding.
 * NOTE — values must not change: an old link that omits a field means *this* value. They are
 * copies of the page's defaults at release (src/ui/state/defaults.ts, host-imports.ts), not
 * references, so a later change of the page's defaults cannot change what old links mean.
 */
export const V1_DEFAULTS = {
  limits: {
    maxMemoryBytes: 64 * 1024 * 1024,
    timeoutMs: 5_000,
    maxFuel: "100000000" as string | null,
    maxOutputBytes: 1024 * 1024,
  },
  allowedImports: ["env.log", "env.abort", "wasi_snapshot_preview1.*"],
  stubbedImports: [] as string[],
  entry: null as string | null,
  args: [] as string[],
  stdin: "",
  argv: [] as string[],
  env: [] as [string, string][],
  files: [] as PlaygroundFile[],
  deterministic: true,
  moduleName: "module.wasm",
} as const;

/** Custom zod type for bytes: links and drafts turn {"$blob": i} / base64 into these first. */
const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, {
  message: "expected binary data",
});

/** Whole number as decimal digits (a bigint in the engine); ranges are checked by the engine. */
const DigitString = z.string().regex(/^(0|[1-9]\d{0,39})$/, "expected a whole number as digits");

const LimitsSchema = z.strictObject({
  maxMemoryBytes: z.number().default(V1_DEFAULTS.limits.maxMemoryBytes),
  timeoutMs: z.number().default(V1_DEFAULTS.limits.timeoutMs),
  /** null: no fuel limit (fuel is still counted). */
  maxFuel: DigitString.nullable().default(V1_DEFAULTS.limits.maxFuel),
  maxOutputBytes: z.number().default(V1_DEFAULTS.limits.maxOutputBytes),
});

/**
 * A file's path, normalised at the boundary by the engine's own rule ("a.txt" → "/a.txt"), so
 * the page and the runner only ever see paths they would accept; "..", NUL or an empty name is
 * refused with the reason.
 */
const FilePath = z
  .string()
  .max(MAX_GUEST_PATH_CHARS)
  .transform((raw, ctx) => {
    const checked = normalizeGuestPath(raw);
    if (checked.ok) return checked.path;
    ctx.addIssue({ code: "custom", message: `${JSON.stringify(raw)}: ${checked.message}` });
    return z.NEVER;
  });
const FileSchema = z.union([
  z.strictObject({ path: FilePath, text: z.string() }),
  z.strictObject({ path: FilePath, bytes: Bytes }),
]);
export type PlaygroundFile = { path: string; text: string } | { path: string; bytes: Uint8Array };

/** Exact import names (any strings, as wasm allows), bounded so a link cannot blow up the page. */
const ImportName = z.string().max(1_000);

/**
 * An import bound to a no-op, a constant (as typed, "7" or "1, -2n"), or an export of a host
 * module written in WAT. Deny, host and trap travel in allowedImports and stubbedImports.
 */
const BindingSchema = z.discriminatedUnion("kind", [
  z.strictObject({ module: ImportName, name: ImportName, kind: z.literal("noop") }),
  z.strictObject({
    module: ImportName,
    name: ImportName,
    kind: z.literal("const"),
    value: z.string().max(1_000),
  }),
  z.strictObject({
    module: ImportName,
    name: ImportName,
    kind: z.literal("wat"),
    source: z.string().max(MAX_HOST_SOURCE_CHARS),
    export: ImportName.optional(),
  }),
]);
export type SharedBinding = z.infer<typeof BindingSchema>;

/** What the sharer's run ended with, so the receiver can compare ("same fuel as when shared"). */
export const ResultSummarySchema = z.strictObject({
  errorKind: z.enum(ERROR_KINDS).optional(),
  /** The returned value, formatted by formatWasmValue (bigints end in "n"). */
  value: z.string().max(10_000).optional(),
  fuelConsumed: DigitString.optional(),
  /** Hex SHA-256 of stdout, then "\0", then stderr. */
  outputSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** The first OUTPUT_PREVIEW_CHARS characters of stdout, to show beside the receiver's. */
  outputPreview: z.string().max(1_000).optional(),
});
export type ResultSummary = z.infer<typeof ResultSummarySchema>;

/** At most `max` items: a 2 MiB link can hold 700,000 empty strings, each one a row on the page. */
const List = <T extends z.ZodType>(item: T, max: number) =>
  z.array(item).max(max, `more than ${groupDigits(max)} items`);

// Fields every language shares. Defaults apply when a link leaves them out.
const commonFields = {
  v: z.literal(STATE_VERSION),
  limits: LimitsSchema.default(() => LimitsSchema.parse({})),
  /** binaryen's optimizer before instrumentation; absent: off. */
  optimize: OptimizeLevelSchema.optional(),
  /** "module.name" or "module.*"; checked by the engine's own rules. */
  allowedImports: List(z.string(), 10_000).default(() => [...V1_DEFAULTS.allowedImports]),
  /** Imports given a stub that traps with a named error when called. */
  stubbedImports: List(z.string(), 10_000).default(() => []),
  /**
   * Imports bound to a no-op, a constant or a WAT function (one entry per import). Optional,
   * with no default, so states of links made before it decode exactly as they did.
   */
  importBindings: z
    .array(BindingSchema)
    .max(MAX_BINDINGS)
    .refine(
      (list) => new Set(list.map((b) => bindingKey(b.module, b.name))).size === list.length,
      "an import is bound twice",
    )
    .optional(),
  /** Export to call; null: the engine's choice ("main", else "_start", else the only export). */
  entry: z.string().nullable().default(V1_DEFAULTS.entry),
  /** Arguments as typed; the page converts them to the entry's parameter types. */
  args: List(z.string(), 1_000).default(() => []),
  stdin: z.string().default(""),
  /** WASI argv[1..]. */
  argv: List(z.string(), 1_000).default(() => []),
  /** WASI environment as [name, value] pairs, in order (no object keys: "__proto__" is safe). */
  env: List(z.tuple([z.string(), z.string()]), 1_000).default(() => []),
  files: List(FileSchema, 1_000)
    .default(() => [])
    .superRefine((files, ctx) => {
      const seen = new Set<string>();
      files.forEach((file, i) => {
        if (seen.has(file.path)) {
          ctx.addIssue({
            code: "custom",
            path: [i, "path"],
            message: `${JSON.stringify(file.path)} is given twice`,
          });
        }
        seen.add(file.path);
      });
    }),
  deterministic: z.boolean().default(V1_DEFAULTS.deterministic),
  result: ResultSummarySchema.optional(),
  /**
   * Runs record a fuel profile and the page opens on the Profile tab. Optional, with no
   * default: absent means what it meant before the field existed (the receiver's own choice).
   */
  profile: z.literal(true).optional(),
};

/** Languages whose program travels as source. "ruby" runs on CRuby (the page's bundled one). */
export const SOURCE_LANGUAGES = ["wat", "assemblyscript", "c", "cpp", "ruby"] as const;
export type SourceLanguage = (typeof SOURCE_LANGUAGES)[number];

const SourceProgram = z.strictObject({
  ...commonFields,
  language: z.enum(SOURCE_LANGUAGES),
  source: z.string(),
  /** C and C++ build options (-O level, allowed extra flags, exceptions); absent: the defaults. */
  clang: ClangBuildOptionsSchema.optional(),
});

const BinaryProgram = z.strictObject({
  ...commonFields,
  language: z.literal("wasm"),
  /**
   * The module's bytes. Absent only when `example` names a binary example of the catalogue: a
   * link carries such a module by its id (a 32 KiB example made a 17,776-character link), and
   * the page fetches the example's bytes before opening it (ui/share/example-module.ts).
   */
  module: Bytes.optional(),
  /** File name shown for the embedded module. */
  moduleName: z.string().max(255).default(V1_DEFAULTS.moduleName),
  /**
   * Id of the catalogue example the module is (its "Built from" source link); the page ignores
   * an id it does not know. Never a URL: a link cannot make the page link anywhere.
   */
  example: z.string().max(100).optional(),
});

/** Marks issues raised by the engine's limit rules, so they map to "limits_out_of_range". */
export const LIMITS_ISSUE = "limits_out_of_range";

/** The same bounds the engine applies at construction (resolveConfig), so links cannot carry
 * limits the engine would refuse; an issue names the field and the allowed range. */
function checkLimitsLikeTheEngine(
  state: { limits: z.infer<typeof LimitsSchema>; allowedImports: string[] },
  ctx: z.RefinementCtx,
): void {
  const { maxFuel, ...numbers } = state.limits;
  try {
    resolveConfig({
      ...numbers,
      maxFuel: maxFuel === null ? undefined : BigInt(maxFuel),
      allowedImports: state.allowedImports,
    });
  } catch (error) {
    const field = error instanceof SandboxConfigError ? error.field : "limits";
    ctx.addIssue({
      code: "custom",
      path: field === "allowedImports" ? [field] : ["limits", field],
      message: error instanceof Error ? error.message : String(error),
      params: { kind: LIMITS_ISSUE },
    });
  }
}

/** A module travels as bytes, or (a catalogue example) as its id: one of the two. */
function checkModuleOrExample(
  state: { language: string; module?: Uint8Array; example?: string },
  ctx: z.RefinementCtx,
): void {
  if (state.language === "wasm" && state.module === undefined && state.example === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["module"],
      message: "expected the module's bytes or the id of a catalogue example",
    });
  }
}

export const PlaygroundStateSchema = z
  .discriminatedUnion("language", [SourceProgram, BinaryProgram])
  .superRefine(checkLimitsLikeTheEngine)
  .superRefine(checkModuleOrExample);

/** The whole shareable state, defaults filled in. */
export type PlaygroundState = z.output<typeof PlaygroundStateSchema>;
/** What a link or draft may carry: the same, with defaulted fields optional. */
export type PlaygroundStateInput = z.input<typeof PlaygroundStateSchema>;
export type PlaygroundLimits = PlaygroundState["limits"];
export type PlaygroundLanguage = PlaygroundState["language"];

/** A fresh state with every default, for a language (the page may start from it). */
export function defaultState(language: SourceLanguage, source: string): PlaygroundState {
  return PlaygroundStateSchema.parse({ v: STATE_VERSION, language, source });
}

/** A fresh state with every default, embedding a compiled or dropped module. */
export function defaultWasmState(
  module: Uint8Array,
  moduleName: string = V1_DEFAULTS.moduleName,
): PlaygroundState {
  return PlaygroundStateSchema.parse({ v: STATE_VERSION, language: "wasm", module, moduleName });
}
