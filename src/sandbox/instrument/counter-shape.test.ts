import { describe, expect, it } from "vitest";
import { bodyCounter, moduleCounter, type BodyCounterFacts } from "./counter-shape";

const facts = (over: Partial<BodyCounterFacts>): BodyCounterFacts => ({
  meter: true,
  asked: "lazy",
  coldExit: true,
  threadedSignature: false,
  moduleCatches: false,
  callFreeLoop: true,
  hasLoop: true,
  hasTry: false,
  ...over,
});

describe("bodyCounter: each function's counter shape, decided in one place", () => {
  it("gives the shape asked for where it holds", () => {
    expect(bodyCounter(facts({}))).toBe("lazy");
    expect(bodyCounter(facts({ asked: "cached" }))).toBe("cached");
    expect(bodyCounter(facts({ asked: "scratch" }))).toBe("scratch");
    expect(bodyCounter(facts({ asked: "global" }))).toBe("global");
    expect(bodyCounter(facts({ threadedSignature: true }))).toBe("threaded");
    expect(bodyCounter(facts({ meter: false }))).toBe("none");
  });

  it("falls back where lazy cannot hold or does not pay", () => {
    // An exception could unwind the function with the count only in its local.
    expect(bodyCounter(facts({ moduleCatches: true }))).toBe("cached");
    // Every loop calls (stores anyway); no cold exit to store in on exhaustion.
    expect(bodyCounter(facts({ callFreeLoop: false }))).toBe("cached");
    expect(bodyCounter(facts({ coldExit: false }))).toBe("cached");
    expect(bodyCounter(facts({ coldExit: false, threadedSignature: true }))).toBe("cached");
    // A copy kept across the body needs a loop to pay and no try to see a stale local.
    expect(bodyCounter(facts({ asked: "cached", hasTry: true }))).toBe("scratch");
    expect(bodyCounter(facts({ asked: "cached", hasLoop: false }))).toBe("scratch");
  });
});

describe("moduleCounter: the shape a module is instrumented in, decided in one place", () => {
  it("is cached unless lazyCounter asks for lazy; a profiled build is scratch", () => {
    expect(moduleCounter({ profile: false })).toBe("cached");
    expect(moduleCounter({ profile: false, lazyCounter: false })).toBe("cached");
    expect(moduleCounter({ profile: false, lazyCounter: true })).toBe("lazy");
    expect(moduleCounter({ profile: true, lazyCounter: true })).toBe("scratch");
  });

  it("takes a test's or bench's named shape, except in a profiled build", () => {
    expect(moduleCounter({ profile: false, lazyCounter: true }, "global")).toBe("global");
    expect(moduleCounter({ profile: false }, "lazy")).toBe("lazy");
    expect(moduleCounter({ profile: true }, "lazy")).toBe("scratch");
  });
});
