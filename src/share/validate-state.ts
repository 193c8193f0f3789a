// One gate for everything that claims to be a PlaygroundState — a decoded link or a stored
// draft: migrate to the current version, resolve bytes, check the schema and the engine's
// limits. Returns a typed failure whose message names the field; never throws.
import type { z } from "../sandbox/zod";
import { decodeError, type DecodeError } from "./errors";
import { migrateToCurrent, type MigrationChain, MIGRATIONS } from "./migrations";
import { LIMITS_ISSUE, PlaygroundStateSchema, type PlaygroundState } from "./state-schema";
import { resolveByteRefs, type ResolveRef } from "./wire-json";

export type ValidState = { ok: true; state: PlaygroundState; migratedFrom?: number };

/** What is being read, for messages: "link" or "saved draft". */
export type Subject = "link" | "saved draft" | "playground file";

export function validateWireState(
  raw: unknown,
  resolveRef: ResolveRef,
  subject: Subject = "link",
  chain: MigrationChain = MIGRATIONS,
): ValidState | DecodeError {
  const migrated = migrateToCurrent(raw, chain);
  if (!migrated.ok) {
    return decodeError(
      migrated.code,
      migrated.code === "future_version"
        ? `This ${subject} was ${migrated.message}`
        : `The ${subject}'s contents are not valid: ${migrated.message}.`,
    );
  }
  const refError = resolveByteRefs(migrated.value, resolveRef);
  if (refError !== undefined) {
    return decodeError("corrupt", `The ${subject}'s binary data is damaged (${refError}).`);
  }
  return checkState(migrated.value, migrated.migratedFrom, subject);
}

/** Schema and limits check of an object with bytes already resolved. */
export function checkState(
  value: unknown,
  migratedFrom?: number,
  subject: Subject | "state" = "state",
): ValidState | DecodeError {
  const parsed = PlaygroundStateSchema.safeParse(value);
  if (parsed.success) {
    return migratedFrom === undefined
      ? { ok: true, state: parsed.data }
      : { ok: true, state: parsed.data, migratedFrom };
  }
  const { issue, path } = innermost(parsed.error.issues[0], []);
  if (isLimitsIssue(issue)) {
    return decodeError(
      "limits_out_of_range",
      `The ${subject} asks for limits this playground refuses: ${issue.message}.`,
    );
  }
  const message =
    issue.code === "unrecognized_keys"
      ? `unknown field ${issue.keys.map((key) => JSON.stringify(key)).join(", ")}`
      : issue.message;
  return decodeError(
    "schema_mismatch",
    `The ${subject}'s contents are not valid: ${describePath(path)}: ${message}.`,
  );
}

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/**
 * A union's issue says only "Invalid input"; the branch that got furthest (fewest issues)
 * says what is wrong, e.g. files[0] → files[0].path: expected string.
 */
function innermost(issue: Issue, outer: Path): { issue: Issue; path: Path } {
  const path = [...outer, ...issue.path];
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return { issue, path };
  const closest = issue.errors.reduce((best, branch) =>
    branch.length < best.length ? branch : best,
  );
  return closest.length > 0 ? innermost(closest[0], path) : { issue, path };
}

function isLimitsIssue(issue: z.core.$ZodIssue): boolean {
  return (
    issue.code === "custom" &&
    (issue.params as { kind?: string } | undefined)?.kind === LIMITS_ISSUE
  );
}

/** "files[2].path", "limits.timeoutMs", or "the state" for the root. */
function describePath(path: Path): string {
  let text = "";
  for (const part of path) {
    text += typeof part === "number" ? `[${part}]` : text ? `.${String(part)}` : String(part);
  }
  return text || "the state";
}
