// A link of a few hundred characters can inflate to 700,000 empty strings: every list a link
// carries is bounded by the schema, so the page never renders a row (or an input) per item.
import { describe, expect, it } from "vitest";
import { decodeHash } from "./link-codec";
import { linkWithJson } from "./test-support";

const many = (n: number, item: unknown) => Array.from({ length: n }, () => item);

describe("long lists in a link", () => {
  it.each([
    ["argv", many(200_000, "")],
    ["env", many(1_001, ["A", "1"])],
    ["files", many(1_001, { path: "a", text: "" })],
    ["args", many(1_001, "1")],
    ["allowedImports", many(10_001, "env.log")],
    ["stubbedImports", many(10_001, "env.x")],
  ])("refuses a link whose %s holds too many items, naming the field", async (field, items) => {
    const hash = await linkWithJson(
      JSON.stringify({ v: 1, language: "wat", source: "", [field]: items }),
    );
    const result = await decodeHash(hash);
    expect(result).toMatchObject({ ok: false, code: "schema_mismatch" });
    expect(!result.ok && result.message).toMatch(new RegExp(`${field}: more than [\\d,]+ items`));
  });

  it("accepts a list at its bound", async () => {
    const hash = await linkWithJson(
      JSON.stringify({ v: 1, language: "wat", source: "", argv: many(1_000, "x") }),
    );
    const result = await decodeHash(hash);
    expect(result.ok).toBe(true);
  });
});
