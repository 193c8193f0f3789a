// A page's sandbox lives in the page's slot: a page that changes its limits closes its own old
// sandbox, never another page's (which may be running).
import { describe, expect, it, vi } from "vitest";
import type { SandboxSlot } from "./engine";

vi.mock("../../sandbox", () => ({
  WasmSandbox: class {
    close = vi.fn(() => Promise.resolve());
  },
  sharedToolchain: vi.fn(),
}));

const { sandboxFor } = await import("./engine-lazy");

describe("sandboxFor", () => {
  it("reuses a page's sandbox while its config is unchanged and closes only its own", () => {
    const first: SandboxSlot = { current: null };
    const second: SandboxSlot = { current: null };
    const firstSandbox = sandboxFor(first, { timeoutMs: 1_000 });
    expect(sandboxFor(first, { timeoutMs: 1_000 })).toBe(firstSandbox);

    const secondSandbox = sandboxFor(second, { timeoutMs: 2_000 });
    expect(secondSandbox).not.toBe(firstSandbox);
    expect(firstSandbox.close).not.toHaveBeenCalled();
    expect(sandboxFor(first, { timeoutMs: 1_000 })).toBe(firstSandbox);

    const replaced = sandboxFor(second, { timeoutMs: 3_000 });
    expect(secondSandbox.close).toHaveBeenCalledTimes(1);
    expect(replaced).not.toBe(secondSandbox);
    expect(firstSandbox.close).not.toHaveBeenCalled();
  });
});
