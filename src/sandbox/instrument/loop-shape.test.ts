import { describe, expect, it } from "vitest";
import { loopShape, type LoopFacts } from "./loop-shape";

const facts = (over: Partial<LoopFacts>): LoopFacts => ({
  counter: "lazy",
  counted: false,
  plainBackEdges: true,
  checkWaitsForCall: false,
  pairable: () => false,
  ...over,
});

describe("loopShape: each loop's shape, decided in one place", () => {
  it("charges at the header unless the count lives in a local alone", () => {
    for (const counter of ["global", "scratch", "cached"] as const) {
      expect(loopShape(facts({ counter, counted: true, pairable: () => true }))).toBe("header");
    }
  });

  it("charges a counted loop once at entry, before any edge shape", () => {
    expect(loopShape(facts({ counted: true, pairable: () => true }))).toBe("counted");
    expect(loopShape(facts({ counter: "threaded", counted: true }))).toBe("counted");
  });

  it("charges on the edges only a loop whose every way back is a plain br and whose check waits for no call", () => {
    expect(loopShape(facts({}))).toBe("edges");
    expect(loopShape(facts({ plainBackEdges: false }))).toBe("header");
    expect(loopShape(facts({ checkWaitsForCall: true }))).toBe("header");
  });

  it("pairs an edge-charged loop that is pairable, and asks only then", () => {
    expect(loopShape(facts({ pairable: () => true }))).toBe("paired");
    let asked = false;
    const pairable = () => (asked = true);
    loopShape(facts({ plainBackEdges: false, pairable }));
    expect(asked).toBe(false);
  });
});
