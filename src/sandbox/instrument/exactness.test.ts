// The recount rules (exactness.ts): which ends of a lazily counted run can leave the count lagging.
import { describe, expect, test } from "vitest";
import { countMayLag, type LazyRunEnd } from "./exactness";

const written = { lazyFunctions: [3], threadedFunctions: [5] };
const trap = (more: Partial<LazyRunEnd>): LazyRunEnd => ({
  success: false,
  errorKind: "trap",
  counted: true,
  ...more,
});

describe("countMayLag: the failures that need an exact recount", () => {
  test("a trap raised in a lazily counted function, or where the stack does not say", () => {
    expect(countMayLag(trap({ raisedIn: 3 }), written)).toBe(true);
    expect(countMayLag(trap({ raisedIn: undefined }), written)).toBe(true);
    expect(countMayLag(trap({ errorKind: "memory_limit", raisedIn: 3 }), written)).toBe(true);
  });

  test("a stack overflow entering a threaded function", () => {
    expect(countMayLag(trap({ errorKind: "stack_overflow", raisedIn: 5 }), written)).toBe(true);
    expect(countMayLag(trap({ errorKind: "stack_overflow", raisedIn: 3 }), written)).toBe(false);
  });

  test("not: success, an unmetered run, a host error, the guest's unreachable, other kinds", () => {
    expect(countMayLag({ success: true, counted: true }, written)).toBe(false);
    expect(countMayLag(trap({ raisedIn: 3, counted: false }), written)).toBe(false);
    expect(countMayLag(trap({ raisedIn: "host" }), written)).toBe(false);
    expect(countMayLag(trap({ raisedIn: 3, unreachable: true }), written)).toBe(false);
    expect(countMayLag(trap({ raisedIn: 4 }), written)).toBe(false);
    expect(countMayLag(trap({ errorKind: "fuel_exhausted", raisedIn: 3 }), written)).toBe(false);
  });
});
