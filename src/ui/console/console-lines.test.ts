import { describe, expect, it } from "vitest";
import {
  appendToConsole,
  EMPTY_CONSOLE,
  MAX_CHARS,
  MAX_LINE_CHARS,
  MAX_LINES,
  type ConsoleLog,
} from "./console-lines";

const texts = (log: ConsoleLog) => log.lines.map((l) => l.text);

describe("appendToConsole", () => {
  it("continues a stream's open line and starts the page's own messages on a line", () => {
    let log = appendToConsole(EMPTY_CONSOLE, "stdout", "hel");
    log = appendToConsole(log, "stdout", "lo\nwor");
    log = appendToConsole(log, "stdout", "ld\n");
    log = appendToConsole(log, "info", "done");
    expect(texts(log)).toEqual(["hello", "world", "done"]);
    expect(log.lines.map((l) => l.stream)).toEqual(["stdout", "stdout", "info"]);
  });

  it("keeps a bounded tail of a flood and counts the lines it does not keep", () => {
    const lines = 3 * MAX_LINES;
    const flood = Array.from({ length: lines }, (_, i) => `line ${i}`).join("\n") + "\n";
    const log = appendToConsole(EMPTY_CONSOLE, "stdout", flood);
    expect(log.lines).toHaveLength(MAX_LINES);
    expect(log.hidden + log.lines.length).toBe(lines);
    expect(log.lines.at(-1)?.text).toBe(`line ${lines - 1}`);
  });

  it("bounds one endless line and the total characters kept", () => {
    const huge = "x".repeat(5 * MAX_CHARS);
    const one = appendToConsole(EMPTY_CONSOLE, "stdout", huge);
    expect(one.lines).toHaveLength(1);
    expect(one.lines[0]!.text).toHaveLength(MAX_LINE_CHARS);
    expect(one.lines[0]!.cut).toBe(huge.length - MAX_LINE_CHARS);
    const more = appendToConsole(one, "stdout", "y".repeat(10));
    expect(more.lines[0]!.cut).toBe(huge.length - MAX_LINE_CHARS + 10);
    let many = EMPTY_CONSOLE;
    for (let i = 0; i < 2 * (MAX_CHARS / MAX_LINE_CHARS); i++)
      many = appendToConsole(many, "info", "z".repeat(MAX_LINE_CHARS));
    expect(many.lines.reduce((n, l) => n + l.text.length, 0)).toBeLessThanOrEqual(MAX_CHARS);
    expect(many.hidden).toBeGreaterThan(0);
  });
});
