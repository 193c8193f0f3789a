// Old state versions keep decoding: one function per version step, applied in order, on the
// plain JSON (before bytes are resolved, so a migration never handles Uint8Array).
//
// To release v2: bump STATE_VERSION in format.ts, change the schema, add `1: fromV1ToV2` below
// (returning an object with v: 2), and commit fixtures of v2 links beside the v1 ones.
import { STATE_VERSION } from "./format";

export type JsonObject = { [key: string]: unknown };

/** MIGRATIONS[n] turns a version-n object into a version-(n + 1) object. */
export type MigrationChain = Readonly<Record<number, (old: JsonObject) => JsonObject>>;

/** v1 is the first released version: nothing to migrate from yet. */
export const MIGRATIONS: MigrationChain = {};

export type Migrated =
  | { ok: true; value: JsonObject; migratedFrom?: number }
  | { ok: false; code: "schema_mismatch" | "future_version"; message: string };

export function migrateToCurrent(
  raw: unknown,
  chain: MigrationChain = MIGRATIONS,
  current: number = STATE_VERSION,
): Migrated {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { ok: false, code: "schema_mismatch", message: "the state must be a JSON object" };
  }
  const from = (raw as JsonObject).v;
  if (typeof from !== "number" || !Number.isInteger(from) || from < 1) {
    return {
      ok: false,
      code: "schema_mismatch",
      message: `v: expected a version number (1 or more), got ${JSON.stringify(from) ?? "nothing"}`,
    };
  }
  if (from > current) {
    return {
      ok: false,
      code: "future_version",
      message: `made by a newer version of the playground (state version ${from}; this page reads up to ${current}). Reload the page to get the latest version.`,
    };
  }
  let value = raw as JsonObject;
  for (let version = from; version < current; version++) {
    const step = chain[version];
    if (!step) {
      return {
        ok: false,
        code: "schema_mismatch",
        message: `v: state version ${version} is not one this playground ever released`,
      };
    }
    try {
      value = step(value);
    } catch (error) {
      // A malformed old object can trip a migration; it is still only a bad link.
      return {
        ok: false,
        code: "schema_mismatch",
        message: `could not upgrade the state from version ${version}: ${String(error)}`,
      };
    }
  }
  return from === current ? { ok: true, value } : { ok: true, value, migratedFrom: from };
}
