// Byte identity: every module of the corpus (corpus.ts), instrumented in every option
// combination, hashes as recorded in golden-hashes.txt. A refactor of the instrumentation must
// keep every line; a deliberate change to the output regenerates the file with
//   GOLDEN_UPDATE=1 npx vitest run src/sandbox/instrument/golden
// and says in its commit why the bytes (and which fuel counts) moved.
// test-modules.bin.gz holds the modules the instrument tests compile from WAT, captured once
// by running those tests with a hook in rewriteModuleWithFacts that saved each input.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { fastCorpus, goldenLines } from "./corpus";

const GOLDEN = join(import.meta.dirname, "golden-hashes.txt");

describe("instrumented output is byte-identical to the golden hashes", () => {
  test("every module of the corpus in every combination", { timeout: 300_000 }, async () => {
    const lines = goldenLines(await fastCorpus());
    if (process.env.GOLDEN_UPDATE) writeFileSync(GOLDEN, lines.join("\n") + "\n");
    const golden = readFileSync(GOLDEN, "utf8").trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(1000);
    // Compared as a list first, so a failure names the lines that moved.
    expect(lines.filter((line, i) => line !== golden[i])).toEqual([]);
    expect(lines).toEqual(golden);
  });
});
