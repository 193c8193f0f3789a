import { describe, expect, it } from "vitest";
import { inPageWords } from "./limit-names";

describe("inPageWords", () => {
  it("puts the engine's limit names in the page's words", () => {
    expect(
      inPageWords(
        "ran out of fuel after 10 of 10 units; raise maxFuel or make the guest do less work",
      ),
    ).toBe(
      "ran out of fuel after 10 of 10 units; raise the Fuel budget (Limits tab) or make the guest do less work",
    );
    expect(inPageWords("the output cap of 10 bytes; raise maxOutputBytes or print less")).toBe(
      "the output cap of 10 bytes; raise the Output cap (Limits tab) or print less",
    );
    expect(inPageWords("env.foo (function): not in allowedImports")).toBe(
      "env.foo (function): not allowed in the Imports tab",
    );
    expect(inPageWords("maxFuel must be a whole number")).toBe(
      "the Fuel budget must be a whole number",
    );
  });

  it("leaves other words alone", () => {
    expect(inPageWords("maxFuels and mymaxFuel stay")).toBe("maxFuels and mymaxFuel stay");
  });
});
