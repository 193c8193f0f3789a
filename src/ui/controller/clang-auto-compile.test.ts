// C and C++ are not compiled as the person types until they ask for a compile or a run: the
// compiler is a ~105 MB download. WAT compiles as it is typed, as before.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const engine = vi.hoisted(() => ({
  compile: vi.fn(),
  inspect: vi.fn(),
  onCompilerDownload: vi.fn(() => () => {}),
  ENGINE_FEATURES: { stubImports: false },
}));
vi.mock("../engine/engine", () => engine);

const { createPlayground } = await import("./playground");

beforeEach(() => {
  vi.useFakeTimers();
  vi.resetAllMocks();
  engine.onCompilerDownload.mockReturnValue(() => {});
  engine.compile.mockResolvedValue({
    ok: false,
    message: "not under test",
    diagnostics: [],
  });
});

afterEach(() => {
  vi.useRealTimers();
});

/** Lets the auto-compile delay pass. */
async function pause(): Promise<void> {
  await vi.advanceTimersByTimeAsync(5_000);
}

const languagesCompiled = () => engine.compile.mock.calls.map((call: unknown[]) => call[0]);

describe("compiling as the person types", () => {
  it("C waits for the first Compile; from then on an edit compiles again", async () => {
    const pg = createPlayground();
    pg.setSource("int main(void) { return 0; }\n", "c");
    await pause();
    pg.setSource("int main(void) { return 1; }\n", "c");
    await pause();
    expect(engine.compile).not.toHaveBeenCalled();

    await pg.compileNow();
    expect(languagesCompiled()).toEqual(["c"]);
    pg.setSource("int main(void) { return 2; }\n", "c");
    await pause();
    expect(languagesCompiled()).toEqual(["c", "c"]);
  });

  it("C++ waits too; WAT compiles as it is typed", async () => {
    const pg = createPlayground();
    pg.setSource("int main() { return 0; }\n", "cpp");
    await pause();
    expect(engine.compile).not.toHaveBeenCalled();
    pg.setSource('(module (func (export "main")))', "wat");
    await pause();
    expect(languagesCompiled()).toEqual(["wat"]);
  });
});
