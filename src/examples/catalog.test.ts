import { describe, expect, it } from "vitest";
import { EXAMPLES, findExample } from "./catalog";
import { exampleBytes, importAllowed, instantiateDirectly } from "./example-bytes.test-support";

type Fn = (...args: unknown[]) => unknown;

describe("examples catalogue", () => {
  it("has unique ids and the original design's cases", () => {
    const ids = EXAMPLES.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      "rust-add",
      "as-fibonacci",
      "answer",
      "infinite-loop",
      "fuel-hungry",
      "memory-bomb",
      "forbidden-import",
      "hello-log",
    ]) {
      expect(findExample(id), id).toBeDefined();
    }
    expect(findExample("nope")).toBeUndefined();
  });

  it("leaves the infinite loop without a fuel budget, so only the timeout can stop it", () => {
    expect(findExample("infinite-loop")?.limits.maxFuel).toBeNull();
  });

  describe.each(EXAMPLES.map((e) => [e.id, e] as const))("%s", (_id, example) => {
    it("builds to a valid module exporting its entry with the right arity", async () => {
      const bytes = await exampleBytes(example);
      expect(WebAssembly.validate(bytes)).toBe(true);
      const { exports } = await instantiateDirectly(bytes);
      expect(typeof exports[example.entry]).toBe("function");
      // An exported function's length is its parameter count.
      expect((exports[example.entry] as Fn).length).toBe(example.args.length);
    });

    it("imports only what it allows, unless it exists to show a denial", async () => {
      const module = await WebAssembly.compile(await exampleBytes(example));
      const denied = WebAssembly.Module.imports(module).filter(
        (i) => !importAllowed(example.allowedImports, i.module, i.name),
      );
      if (example.expected.success || example.expected.errorKind !== "import_denied") {
        expect(denied).toEqual([]);
      } else {
        expect(denied.map((i) => `${i.module}.${i.name}`)).toEqual(["env.read_file"]);
      }
    });
  });

  // Examples that succeed return their expected value when run directly (the sandbox must give
  // the same, since instrumentation does not change behaviour within the limits). WASI commands
  // need the WASI host; the runner's tests run them.
  const returning = EXAMPLES.filter((e) => e.expected.success && e.entry !== "_start");
  it.each(returning.map((e) => [e.id, e] as const))(
    "%s returns its expected value and output",
    async (_id, example) => {
      const { exports, output } = await instantiateDirectly(await exampleBytes(example));
      const value = (exports[example.entry] as Fn)(...example.args);
      if (!example.expected.success) throw new Error("unreachable");
      expect(value).toBe(example.expected.value);
      if (example.expected.output) expect(output()).toContain(example.expected.output);
    },
  );

  it("fuel-hungry finishes without a budget, with the value its description gives", async () => {
    const { exports } = await instantiateDirectly(await exampleBytes(findExample("fuel-hungry")!));
    expect((exports.main as Fn)()).toBe(-2014260032);
  });

  it("stack-overflow overflows the stack when run directly", async () => {
    const { exports } = await instantiateDirectly(
      await exampleBytes(findExample("stack-overflow")!),
    );
    expect(() => (exports.main as Fn)(0)).toThrow(RangeError);
  });

  it("fibonacci(10) is 55", async () => {
    const { exports } = await instantiateDirectly(await exampleBytes(findExample("as-fibonacci")!));
    expect((exports.fibonacci as Fn)(10)).toBe(55);
  });
});
