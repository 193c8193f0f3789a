import { describe, expect, it, vi } from "vitest";
import { encodeState } from "./link-codec";
import {
  clearLinkFromHistory,
  readLinkFromLocation,
  shareUrl,
  writeLinkToHistory,
} from "./location";
import { defaultState } from "./state-schema";

function fakeHistory() {
  return { state: { page: 1 }, pushState: vi.fn(), replaceState: vi.fn() };
}

describe("readLinkFromLocation", () => {
  it("finds nothing in an empty hash", async () => {
    expect(await readLinkFromLocation({ hash: "" })).toEqual({ kind: "none" });
    expect(await readLinkFromLocation({ hash: "#" })).toEqual({ kind: "none" });
  });

  it("decodes a link in the hash", async () => {
    const state = defaultState("wat", "(module)");
    const encoded = await encodeState(state);
    if (!encoded.ok) throw new Error(encoded.message);
    expect(await readLinkFromLocation({ hash: encoded.hash })).toStrictEqual({
      kind: "link",
      hash: encoded.hash,
      ok: true,
      state,
    });
  });

  it("reports a bad link with its reason", async () => {
    expect(await readLinkFromLocation({ hash: "#s1/!" })).toMatchObject({
      kind: "link",
      ok: false,
      code: "not_base64url",
    });
  });
});

describe("writeLinkToHistory", () => {
  it("replaces the entry by default (editing adds no history entries)", () => {
    const history = fakeHistory();
    writeLinkToHistory(history, "#s1/abc");
    expect(history.replaceState).toHaveBeenCalledWith({ page: 1 }, "", "#s1/abc");
    expect(history.pushState).not.toHaveBeenCalled();
  });

  it("pushes an entry when the person shares, so Back returns to the earlier state", () => {
    const history = fakeHistory();
    writeLinkToHistory(history, "s1/abc", { push: true });
    expect(history.pushState).toHaveBeenCalledWith({ page: 1 }, "", "#s1/abc");
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it("clears the link keeping path and query", () => {
    const history = fakeHistory();
    clearLinkFromHistory(history, { pathname: "/play/", search: "?x=1" });
    expect(history.replaceState).toHaveBeenCalledWith({ page: 1 }, "", "/play/?x=1");
  });
});

it("shareUrl builds the full address for the clipboard", () => {
  const location = { origin: "https://wasm.example", pathname: "/play/", search: "" };
  expect(shareUrl(location, "#s1/abc")).toBe("https://wasm.example/play/#s1/abc");
});
