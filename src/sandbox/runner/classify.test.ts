import { describe, expect, it } from "vitest";
import { classifyExit, classifyFailure, type FailureFacts } from "./classify";
import { HostTrap, OutputLimitReached } from "./guest-signals";

const facts = (extra: Partial<FailureFacts> = {}): FailureFacts => ({
  phase: "run",
  memoryLimitBytes: 64 * 1024 * 1024,
  ...extra,
});
const trap = (message: string) => new WebAssembly.RuntimeError(message);
const overflow = () => new RangeError("Maximum call stack size exceeded");

describe("classifyFailure: exactly one kind, in priority order", () => {
  it("a host signal wins over everything, even one the guest caught earlier", () => {
    const signal = new OutputLimitReached(10);
    expect(
      classifyFailure(trap("unreachable"), facts({ signal, growRefused: "memory" })).kind,
    ).toBe("output_limit");
    expect(classifyFailure(new HostTrap("env.log: bad"), facts()).message).toBe(
      "trap: env.log: bad",
    );
  });

  it("spent fuel is fuel_exhausted, though V8 saw an `unreachable`", () => {
    const r = classifyFailure(
      trap("unreachable"),
      facts({ fuel: { consumed: 5n, exhausted: true, limit: 5n }, growRefused: "memory" }),
    );
    expect(r).toEqual({
      kind: "fuel_exhausted",
      message: "ran out of fuel after 5 of 5 units; raise maxFuel or make the guest do less work",
    });
  });

  it("a stack overflow is stack_overflow, before a refused grow", () => {
    expect(classifyFailure(overflow(), facts({ growRefused: "memory" })).kind).toBe(
      "stack_overflow",
    );
  });

  it("the stack budget's trap is stack_overflow naming the budget, after spent fuel", () => {
    const r = classifyFailure(
      trap("unreachable"),
      facts({ growRefused: "stack", stackLimitBytes: 256 * 1024 }),
    );
    expect(r.kind).toBe("stack_overflow");
    expect(r.message).toMatch(/deeper than the stack budget of 256 KiB \(maxStackBytes;/);
    const spent = { consumed: 5n, exhausted: true, limit: 5n };
    expect(
      classifyFailure(trap("unreachable"), facts({ growRefused: "stack", fuel: spent })).kind,
    ).toBe("fuel_exhausted");
  });

  it("the GC allocation cap's trap is memory_limit naming the cap", () => {
    const r = classifyFailure(
      trap("unreachable"),
      facts({ growRefused: "gc", gcLimitBytes: 256 * 1024 * 1024 }),
    );
    expect(r.kind).toBe("memory_limit");
    expect(r.message).toMatch(/than the GC allocation cap of 256 MiB \(maxGcAllocationBytes\)/);
    // Bytes allocated, not alive: the message says so, so a person is not puzzled by a cap
    // reached by a program whose live heap is small.
    expect(r.message).toMatch(/already freed included, not only those still alive/);
  });

  it("a refused grow then any failure is memory_limit, keeping the failure's message", () => {
    const r = classifyFailure(
      trap("memory access out of bounds"),
      facts({ growRefused: "memory" }),
    );
    expect(r).toEqual({
      kind: "memory_limit",
      message:
        "the guest asked for more memory than the cap of 64 MiB, then failed: memory access out of bounds",
    });
  });

  it("CompileError and LinkError are invalid_module; other runtime errors are traps", () => {
    expect(classifyFailure(new WebAssembly.CompileError("bad magic"), facts()).kind).toBe(
      "invalid_module",
    );
    expect(classifyFailure(new WebAssembly.LinkError("import"), facts()).kind).toBe(
      "invalid_module",
    );
    expect(classifyFailure(trap("divide by zero"), facts({ phase: "instantiate" })).message).toBe(
      "trap: divide by zero (during instantiation: start function or segment initialisation)",
    );
    expect(classifyFailure(new TypeError("odd"), facts())).toEqual({
      kind: "trap",
      message: "trap: unexpected host error TypeError: odd",
    });
  });

  it("a failed allocation of the memory itself is memory_limit", () => {
    expect(
      classifyFailure(new RangeError("WebAssembly.Memory(): could not allocate memory"), facts())
        .kind,
    ).toBe("memory_limit");
  });
});

describe("classifyExit", () => {
  it("exit 0 is a success; any other code is errorKind exit", () => {
    expect(classifyExit(0)).toEqual({ exitCode: 0 });
    expect(classifyExit(-1)).toEqual({
      kind: "exit",
      exitCode: -1,
      message: "the guest exited with code -1",
    });
  });
});

describe("classifyFailure: refused table grow", () => {
  it("names the table cap, not the memory cap", () => {
    const r = classifyFailure(
      new WebAssembly.RuntimeError("unreachable"),
      facts({ growRefused: "table", tableLimitElements: 500_000 }),
    );
    expect(r.kind).toBe("memory_limit");
    expect(r.message).toMatch(/table cap of 500,000 elements/);
    expect(r.message).not.toMatch(/MiB/);
  });
});
