import { describe, expect, it } from "vitest";
import { migrateToCurrent, MIGRATIONS, type MigrationChain } from "./migrations";
import { STATE_VERSION } from "./format";

// v1 is the first release, so there is no real old version; these tests drive the chain with
// a made-up one (in the test only) to show that adding v2 is one function.
const chain: MigrationChain = {
  1: (old) => ({ ...old, v: 2, renamed: old.name }),
  2: ({ renamed, ...rest }) => ({ ...rest, v: 3, title: String(renamed).toUpperCase() }),
};

describe("migrateToCurrent", () => {
  it("leaves a current-version object alone", () => {
    const value = { v: STATE_VERSION, x: 1 };
    expect(migrateToCurrent(value)).toStrictEqual({ ok: true, value });
  });

  it("has no migrations while v1 is the only release", () => {
    expect(MIGRATIONS).toStrictEqual({});
  });

  it("applies each step in order and reports the starting version", () => {
    expect(migrateToCurrent({ v: 1, name: "a" }, chain, 3)).toStrictEqual({
      ok: true,
      value: { v: 3, name: "a", title: "A" },
      migratedFrom: 1,
    });
    expect(migrateToCurrent({ v: 2, renamed: "b" }, chain, 3)).toMatchObject({
      ok: true,
      migratedFrom: 2,
    });
  });

  it("refuses a version newer than the page", () => {
    expect(migrateToCurrent({ v: 4 }, chain, 3)).toMatchObject({
      ok: false,
      code: "future_version",
    });
  });

  it("refuses a version with no step (never released)", () => {
    expect(migrateToCurrent({ v: 1 }, { 2: (x) => x }, 3)).toMatchObject({
      ok: false,
      code: "schema_mismatch",
    });
  });

  it("turns a migration that throws on a malformed old object into a typed failure", () => {
    const throwing: MigrationChain = {
      1: () => {
        throw new TypeError("boom");
      },
    };
    expect(migrateToCurrent({ v: 1 }, throwing, 2)).toMatchObject({
      ok: false,
      code: "schema_mismatch",
    });
  });

  it.each([[null], [[]], ["v1"], [{ v: 0 }], [{ v: 1.5 }], [{ v: "1" }], [{}]])(
    "refuses %j",
    (raw) => {
      expect(migrateToCurrent(raw)).toMatchObject({ ok: false, code: "schema_mismatch" });
    },
  );
});
