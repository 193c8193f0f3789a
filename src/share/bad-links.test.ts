// Every class of bad link ends as a typed reason with a message, never as an exception.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DECODE_ERROR_CODES } from "./errors";
import { HARD_LINK_CHARS } from "./format";
import { decodeHash, encodeState } from "./link-codec";
import { defaultState, type PlaygroundState } from "./state-schema";
import { linkWithDeflated, linkWithJson, stateArb, zlibBomb } from "./test-support";

async function linkOf(state: PlaygroundState): Promise<string> {
  const encoded = await encodeState(state);
  if (!encoded.ok) throw new Error(encoded.message);
  return encoded.hash;
}

const sample = () => {
  const state = defaultState("wat", '(module (func (export "main") (result i32) i32.const 42))');
  state.stdin = "some input that makes the link a little longer";
  return state;
};

async function expectRefused(hash: string, code: string, messagePattern?: RegExp) {
  const result = await decodeHash(hash);
  expect(result).toMatchObject({ ok: false, code });
  if (!result.ok && messagePattern) expect(result.message).toMatch(messagePattern);
  return result;
}

const json = (value: unknown) => linkWithJson(JSON.stringify(value));

describe("links that are not ours", () => {
  it.each(["", "#", "#section-2", "#/home", "#s0/AAAA", "#S1/abc", "https://example.com/#s1/x"])(
    "%j is not a playground link",
    async (hash) => {
      await expectRefused(hash, "not_playground_link", /does not contain a playground link/);
    },
  );
});

describe("damaged links", () => {
  it("refuses characters outside base64url and names the first one", async () => {
    const good = await linkOf(sample());
    await expectRefused(
      `${good.slice(0, 20)}+${good.slice(21)}`,
      "not_base64url",
      /"\+" at position 20/,
    );
    await expectRefused(`${good}=`, "not_base64url"); // padding is never part of our links
    await expectRefused(`${good.slice(0, 10)}%20${good.slice(10)}`, "not_base64url");
  });

  it("calls every cut-off prefix of a link truncated", async () => {
    const good = await linkOf(sample());
    for (let cut = "#s1/".length; cut < good.length; cut++) {
      await expectRefused(good.slice(0, cut), "truncated", /cut off/);
    }
  });

  it("calls a changed character corrupt (the checksum catches what inflate lets through)", async () => {
    const good = await linkOf(sample());
    for (let at = "#s1/".length + 4; at < good.length - 1; at += 3) {
      const swapped = good[at] === "A" ? "B" : "A";
      const result = await decodeHash(good.slice(0, at) + swapped + good.slice(at + 1));
      expect(result, `at ${at}`).toMatchObject({ ok: false, code: "corrupt" });
    }
  });

  it("calls characters appended to a link corrupt", async () => {
    const good = await linkOf(sample());
    await expectRefused(`${good}AAAA`, "corrupt", /extra characters/);
    await expectRefused(`${good}A`, "corrupt");
  });

  it("refuses a blob reference with no blob behind it", async () => {
    await expectRefused(
      await json({ v: 1, language: "wasm", module: { $blob: 3 } }),
      "corrupt",
      /module/,
    );
  });
});

describe("size limits of decoding", () => {
  it("refuses a hash over the hard limit before any work", async () => {
    await expectRefused(`#s1/${"A".repeat(HARD_LINK_CHARS)}`, "link_too_long", /65,536/);
  });

  it("refuses a decompression bomb at the largest allowed link size", async () => {
    const bomb = linkWithDeflated(zlibBomb(40)); // ~55,000 characters inflating to 40 MiB
    expect(bomb.length).toBeLessThan(HARD_LINK_CHARS);
    await expectRefused(bomb, "too_large_decompressed", /decompression bomb/);
  });

  it("refuses honest content that inflates past the cap", async () => {
    const source = "x".repeat(3 * 1024 * 1024);
    await expectRefused(await json({ v: 1, language: "wat", source }), "too_large_decompressed");
  });
});

describe("wrong contents", () => {
  it("refuses text that is not JSON", async () => {
    await expectRefused(await linkWithJson('{"v":1,'), "invalid_json", /not valid JSON/);
  });

  it.each([
    [{ v: 1, language: "wat", source: 5 }, /source: .*string/],
    [{ v: 1, language: "cobol", source: "" }, /language/],
    [{ v: 1, language: "wat" }, /source/],
    [{ v: 1, language: "wat", source: "", limits: { timeoutMs: "fast" } }, /limits\.timeoutMs/],
    [
      { v: 1, language: "wat", source: "", files: [{ path: 3, text: "" }] },
      /files\[0\]\.path: .*string/,
    ],
    [{ v: 1, language: "wat", source: "", env: { HOME: "/" } }, /env/],
    [{ v: 1, language: "wat", source: "", colour: "red" }, /unknown field "colour"/],
    [{ v: 1, language: "wasm", module: "AGFzbQ==" }, /module: expected binary data/],
    [{ language: "wat", source: "" }, /^The link's contents are not valid: v: expected a version/],
    [{ v: "1", language: "wat", source: "" }, /v: expected a version/],
    [[1, 2, 3], /JSON object/],
  ])("refuses %j as a schema mismatch naming the field", async (value, pattern) => {
    const result = await decodeHash(await json(value));
    expect(result).toMatchObject({ ok: false, code: "schema_mismatch" });
    expect(!result.ok && result.message).toMatch(pattern);
  });

  it.each([
    ["../../etc/x", /files\[0\]\.path: "\.\.\/\.\.\/etc\/x": A path cannot contain “\.\.”/],
    ["/a/../../x", /files\[0\]\.path: .*cannot contain “\.\.”/],
    ["a\0b", /files\[0\]\.path: .*NUL/],
    ["/", /files\[0\]\.path: "\/": Give the file a name/],
    ["", /files\[0\]\.path: "": Give the file a name/],
  ])("refuses the file path %j, saying why", async (path, pattern) => {
    const result = await decodeHash(
      await json({ v: 1, language: "wat", source: "", files: [{ path, text: "x" }] }),
    );
    expect(result).toMatchObject({ ok: false, code: "schema_mismatch" });
    expect(!result.ok && result.message).toMatch(pattern);
  });

  it("normalises file paths when decoding, and refuses two files at one path", async () => {
    const files = [
      { path: "input.txt", text: "a" },
      { path: "./d//b.bin", text: "b" },
    ];
    const decoded = await decodeHash(await json({ v: 1, language: "wat", source: "", files }));
    expect(decoded.ok && decoded.state.files.map((f) => f.path)).toEqual([
      "/input.txt",
      "/d/b.bin",
    ]);
    const twice = await decodeHash(
      await json({
        v: 1,
        language: "wat",
        source: "",
        files: [...files, { path: "/input.txt", text: "c" }],
      }),
    );
    expect(twice).toMatchObject({ ok: false, code: "schema_mismatch" });
    expect(!twice.ok && twice.message).toMatch(/files\[2\]\.path: "\/input\.txt" is given twice/);
  });

  it.each([
    [
      { timeoutMs: 10 ** 12 },
      /timeoutMs must be an integer from 1 to 600,000 ms; got 1000000000000/,
    ],
    [{ timeoutMs: 0.5 }, /timeoutMs/],
    [{ maxMemoryBytes: 1 }, /maxMemoryBytes .*\(64 KiB to 4 GiB\)/],
    [{ maxMemoryBytes: 2 ** 40 }, /maxMemoryBytes/],
    [{ maxFuel: "0" }, /maxFuel must be a whole number from 1/],
    [{ maxFuel: "99999999999999999999999" }, /maxFuel/],
    [{ maxOutputBytes: -1 }, /maxOutputBytes/],
  ])("refuses absurd limits %j with the engine's range", async (limits, pattern) => {
    const result = await decodeHash(await json({ v: 1, language: "wat", source: "", limits }));
    expect(result).toMatchObject({ ok: false, code: "limits_out_of_range" });
    expect(!result.ok && result.message).toMatch(pattern);
  });

  it("refuses allowed imports the engine would refuse", async () => {
    const link = await json({ v: 1, language: "wat", source: "", allowedImports: ["no-dot"] });
    await expectRefused(link, "limits_out_of_range", /module\.name/);
  });
});

describe("future versions", () => {
  it("says a newer state version was made by a newer playground", async () => {
    await expectRefused(
      await json({ v: 2, language: "wat", source: "" }),
      "future_version",
      /newer version of the playground/,
    );
  });

  it("says the same of a newer link framing, without reading it", async () => {
    await expectRefused("#s2/anything-at-all", "future_version", /newer version of the playground/);
    await expectRefused("#s17/", "future_version");
  });
});

describe("fuzz: decodeHash never throws", () => {
  const expectTypedOutcome = async (hash: string) => {
    const result = await decodeHash(hash);
    if (!result.ok) {
      expect(DECODE_ERROR_CODES).toContain(result.code);
      expect(result.message.length).toBeGreaterThan(10);
    }
  };

  it("on random strings, with and without our prefix", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.boolean(),
        (text, prefixed) => expectTypedOutcome(prefixed ? `#s1/${text}` : text),
      ),
      { numRuns: 500 },
    );
  });

  it("on random base64url payloads", async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[A-Za-z0-9_-]{0,400}$/), (payload) =>
        expectTypedOutcome(`#s1/${payload}`),
      ),
      { numRuns: 500 },
    );
  });

  it("on valid links with characters replaced, inserted and deleted", async () => {
    const mutation = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom("replace", "insert", "delete"),
      char: fc.constantFrom(..."AZaz09-_+/=%~"),
    });
    await fc.assert(
      fc.asyncProperty(
        stateArb,
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async (state, mutations) => {
          let hash = await linkOf(state);
          for (const { at, kind, char } of mutations) {
            const i = 4 + (at % Math.max(1, hash.length - 4));
            hash =
              kind === "delete"
                ? hash.slice(0, i) + hash.slice(i + 1)
                : hash.slice(0, i) + char + hash.slice(kind === "insert" ? i : i + 1);
          }
          await expectTypedOutcome(hash);
        },
      ),
      { numRuns: 300 },
    );
  });
});
