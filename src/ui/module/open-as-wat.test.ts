import { describe, expect, it } from "vitest";
import { createPlayground } from "../controller/playground";
import { DEFAULT_WAT } from "../state/defaults";
import { openAsWat, replacesOwnWat } from "./open-as-wat";

const WAT = "(module)\n";

describe("open as WAT", () => {
  it("asks only when it would replace WAT the person wrote", () => {
    expect(
      replacesOwnWat(
        { sources: { wat: DEFAULT_WAT, assemblyscript: "", c: "", cpp: "", ruby: "" } },
        WAT,
      ),
    ).toBe(false);
    expect(
      replacesOwnWat(
        { sources: { wat: "  \n", assemblyscript: "", c: "", cpp: "", ruby: "" } },
        WAT,
      ),
    ).toBe(false);
    expect(
      replacesOwnWat({ sources: { wat: WAT, assemblyscript: "", c: "", cpp: "", ruby: "" } }, WAT),
    ).toBe(false);
    expect(
      replacesOwnWat(
        { sources: { wat: "(module $mine)", assemblyscript: "", c: "", cpp: "", ruby: "" } },
        WAT,
      ),
    ).toBe(true);
  });

  it("puts the text in the editor as WAT, and its Undo brings the person's source back", () => {
    const playground = createPlayground();
    playground.setSource("(module $mine)", "assemblyscript");
    playground.setSource("(module $mine)", "wat");
    openAsWat(playground, WAT, "main.wasm");
    const s = playground.store.get();
    expect(s.language).toBe("wat");
    expect(s.sources.wat).toBe(WAT);
    expect(s.binary).toBeNull();
    const notice = s.notices.at(-1)!;
    expect(notice.text).toContain("main.wasm");
    notice.action!.run();
    expect(playground.store.get().sources.wat).toBe("(module $mine)");
  });
});
