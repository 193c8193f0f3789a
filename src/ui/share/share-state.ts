// Page state ⇄ the share module's PlaygroundState (v1). The only file that knows both shapes.
import type { PlaygroundState as SharedState, ResultSummary } from "../../share";
import { findExample } from "../../examples/catalog";
import { isImportAllowed } from "../engine/contracts";
import type { PageLimits, PlaygroundState } from "../state/types";
import { isClangLanguage, LANGUAGE_BUILD } from "../state/languages";
import { DEFAULT_CLANG_OPTIONS } from "../../sandbox/toolchain/clang/options";

const MiB = 1024 * 1024;

/** The allow-list, with the person's per-import choices folded in. */
export function effectiveAllowList(s: PlaygroundState): string[] {
  const denied = Object.entries(s.importPolicy)
    .filter(([, allowed]) => !allowed)
    .map(([key]) => key);
  const granted = Object.entries(s.importPolicy)
    .filter(([, allowed]) => allowed)
    .map(([key]) => key);
  const imports = s.compiled?.info?.imports.map((i) => `${i.module}.${i.name}`) ?? [];
  const list = new Set<string>();
  for (const entry of s.allowList) {
    const [module, name] = [
      entry.slice(0, entry.indexOf(".")),
      entry.slice(entry.indexOf(".") + 1),
    ];
    const coversDenied = denied.some((key) =>
      name === "*" ? key.startsWith(`${module}.`) : key === entry,
    );
    if (!coversDenied) list.add(entry);
    else if (name === "*") {
      // A denied import under "module.*": keep the module's other imports allowed, one by one.
      for (const key of imports) {
        if (key.startsWith(`${module}.`) && !denied.includes(key)) list.add(key);
      }
    }
  }
  for (const key of granted) {
    const dot = key.indexOf(".");
    if (!isImportAllowed([...list], key.slice(0, dot), key.slice(dot + 1))) list.add(key);
  }
  return [...list];
}

export function toSharedState(s: PlaygroundState, result?: ResultSummary): SharedState {
  const isRubyProgram = s.binary === null && LANGUAGE_BUILD[s.language] === "script";
  const common = {
    v: 1 as const,
    ...(s.optimize !== "none" ? { optimize: s.optimize } : {}),
    limits: {
      maxMemoryBytes: Math.round(s.limits.memoryMiB * MiB),
      timeoutMs: s.limits.timeoutMs,
      maxFuel: s.limits.fuel === null ? null : s.limits.fuel.toString(),
      maxOutputBytes: s.limits.outputKiB * 1024,
    },
    allowedImports: effectiveAllowList(s),
    stubbedImports: [...s.stubs],
    ...(s.bindings.length > 0 ? { importBindings: s.bindings.map((b) => ({ ...b })) } : {}),
    // A Ruby program has no entry or arguments of its own (its input is stdin, argv, files).
    entry: s.entry === "" || isRubyProgram ? null : s.entry,
    args: isRubyProgram ? [] : [...(s.args.get(s.entry) ?? [])],
    stdin: s.io.stdin,
    argv: [...s.io.argv],
    env: s.io.env.map(([k, v]) => [k, v] as [string, string]),
    files: [...s.io.files],
    deterministic: s.io.deterministic,
    ...(result ? { result } : {}),
    // Profiling travels with the link: the receiver's run gives the same profile.
    ...(s.profileRuns ? { profile: true as const } : {}),
  };
  if (s.binary) {
    const example = s.exampleId ? { example: s.exampleId } : {};
    return {
      ...common,
      language: "wasm",
      module: s.binary.bytes,
      moduleName: s.binary.name,
      ...example,
    };
  }
  const clang = isClangLanguage(s.language) ? { clang: { ...s.clangOptions } } : {};
  return { ...common, language: s.language, source: s.sources[s.language], ...clang };
}

export function pageLimitsFrom(shared: SharedState): PageLimits {
  return {
    memoryMiB: shared.limits.maxMemoryBytes / MiB,
    fuel: shared.limits.maxFuel === null ? null : BigInt(shared.limits.maxFuel),
    timeoutMs: shared.limits.timeoutMs,
    outputKiB: Math.max(0, Math.round(shared.limits.maxOutputBytes / 1024)),
  };
}

/** The parts of page state a shared state sets (a binary is loaded separately: it needs inspecting). */
export function pagePatchFrom(
  shared: SharedState,
  current: PlaygroundState,
): Partial<PlaygroundState> {
  const entry = shared.entry ?? "";
  return {
    limits: pageLimitsFrom(shared),
    allowList: [...shared.allowedImports],
    importPolicy: {},
    stubs: [...shared.stubbedImports],
    bindings: (shared.importBindings ?? []).map((b) => ({ ...b })),
    entry,
    args: new Map(current.args).set(entry, [...shared.args]),
    io: {
      stdin: shared.stdin,
      argv: [...shared.argv],
      env: shared.env.map(([k, v]) => [k, v] as [string, string]),
      files: [...shared.files],
      deterministic: shared.deterministic,
    },
    sharedResult: shared.result ? { summary: shared.result, verdict: null } : null,
    exampleId: null,
    optimize: shared.optimize ?? "none",
    ...(shared.profile ? { profileRuns: true, tab: "profile" as const } : {}),
    ...(shared.language === "wasm"
      ? {}
      : {
          language: shared.language,
          sources: { ...current.sources, [shared.language]: shared.source },
          clangOptions: shared.clang ?? DEFAULT_CLANG_OPTIONS,
          binary: null,
        }),
  };
}

/** The catalogue example a shared module came from, if the page knows it as a binary example. */
export function sharedExampleId(shared: SharedState): string | null {
  if (shared.language !== "wasm" || shared.example === undefined) return null;
  return findExample(shared.example)?.language === "wasm" ? shared.example : null;
}
