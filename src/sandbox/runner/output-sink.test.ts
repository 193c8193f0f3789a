import { describe, expect, it } from "vitest";
import { OutputLimitReached } from "./guest-signals";
import { MAX_EVENT_CHARS, OutputSink } from "./output-sink";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("OutputSink", () => {
  it("batches a flood of small writes after the first few, then sends the rest at finish", () => {
    const flushed: string[] = [];
    const sink = new OutputSink(
      1 << 20,
      (_s, text) => flushed.push(text),
      () => 0,
    );
    for (let i = 0; i < 1000; i++) sink.write("stdout", bytes("x"));
    expect(flushed).toEqual(Array(8).fill("x"));
    expect(sink.finish()).toEqual({ stdout: "x".repeat(1000), stderr: "" });
    expect(flushed).toEqual([...Array(8).fill("x"), "x".repeat(992)]);
  });

  it("sends a line at once, so a guest that prints and then hangs does not lose it", () => {
    const flushed: string[] = [];
    const sink = new OutputSink(
      1 << 20,
      (_s, text) => flushed.push(text),
      () => 1,
    );
    sink.write("stdout", bytes("looping forever\n"));
    // No finish(): the watchdog kills the worker while the guest spins.
    expect(flushed).toEqual(["looping forever\n"]);
  });

  it("flushes on time as well as on size, checked at each write", () => {
    let now = 0;
    const flushed: string[] = [];
    const sink = new OutputSink(
      1 << 20,
      (_s, text) => flushed.push(text),
      () => now,
    );
    sink.write("stdout", bytes("a"));
    now = 60;
    sink.write("stderr", bytes("b"));
    expect(flushed).toEqual(["a", "b"]);
  });

  it("decodes UTF-8 split across writes", () => {
    const sink = new OutputSink(100, () => {});
    const euro = bytes("€");
    sink.write("stdout", euro.subarray(0, 1));
    sink.write("stdout", euro.subarray(1));
    expect(sink.finish().stdout).toBe("€");
  });

  it("keeps what fits under the cap, then throws on this and every later write", () => {
    const sink = new OutputSink(5, () => {});
    sink.write("stdout", bytes("abc"));
    expect(() => sink.write("stderr", bytes("defg"))).toThrow(OutputLimitReached);
    expect(() => sink.write("stdout", bytes(""))).toThrow(OutputLimitReached);
    expect(sink.finish()).toEqual({ stdout: "abc", stderr: "de" });
  });

  it("sends one huge write as events of at most MAX_EVENT_CHARS, keeping surrogate pairs whole", () => {
    const flushed: string[] = [];
    const sink = new OutputSink(1 << 30, (_s, text) => flushed.push(text));
    // An emoji (a surrogate pair) straddles the first event's end.
    const text = "x".repeat(MAX_EVENT_CHARS - 1) + "😀" + "y".repeat(2 * MAX_EVENT_CHARS);
    sink.write("stdout", bytes(text));
    expect(flushed.every((t) => t.length <= MAX_EVENT_CHARS)).toBe(true);
    expect(flushed.length).toBe(4);
    expect(flushed[0]).toBe("x".repeat(MAX_EVENT_CHARS - 1));
    expect(flushed.join("")).toBe(text);
  });
});
