import { describe, expect, it } from "vitest";
import { DRAFT_KEYS, DraftStore, type StorageLike } from "./draft-store";
import { defaultState, defaultWasmState } from "./state-schema";

/** localStorage stand-in; `quotaChars` makes setItem fail like a full browser storage. */
class MapStorage implements StorageLike {
  readonly items = new Map<string, string>();
  constructor(private readonly quotaChars = Infinity) {}
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    const used = [...this.items].reduce((n, [k, v]) => n + (k === key ? 0 : v.length), 0);
    if (used + value.length > this.quotaChars) {
      throw Object.assign(new Error("The quota has been exceeded."), {
        name: "QuotaExceededError",
        code: 22,
      });
    }
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const draft = (source: string) => defaultState("wat", source);

describe("DraftStore", () => {
  it("saves and loads the working draft, bytes included", () => {
    const store = new DraftStore(new MapStorage(), () => 1234);
    const state = defaultWasmState(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]), "x.wasm");
    state.files = [{ path: "/b.bin", bytes: new Uint8Array([255, 0]) }];
    expect(store.save(state)).toMatchObject({ ok: true });
    expect(store.load()).toStrictEqual({ ok: true, state, savedAt: 1234 });
  });

  it("reports an empty store", () => {
    expect(new DraftStore(new MapStorage()).load()).toMatchObject({ ok: false, code: "empty" });
  });

  it.each([
    ["not JSON", "{oops", "invalid_json"],
    ["JSON null", "null", "schema_mismatch"],
    [
      "a wrong type",
      JSON.stringify({ savedAt: 1, state: { v: 1, language: "wat", source: 1 } }),
      "schema_mismatch",
    ],
    [
      "bad base64",
      JSON.stringify({ savedAt: 1, state: { v: 1, language: "wasm", module: { $base64: "!!" } } }),
      "corrupt",
    ],
    [
      "absurd limits",
      JSON.stringify({ state: { v: 1, language: "wat", source: "", limits: { timeoutMs: -1 } } }),
      "limits_out_of_range",
    ],
    [
      "a newer version",
      JSON.stringify({ state: { v: 9, language: "wat", source: "" } }),
      "future_version",
    ],
  ])(
    "ignores a corrupt draft (%s) with a reason, without throwing or deleting it",
    (_what, stored, code) => {
      const storage = new MapStorage();
      storage.items.set(DRAFT_KEYS.current, stored);
      const result = new DraftStore(storage).load();
      expect(result).toMatchObject({ ok: false, code });
      expect(!result.ok && result.message).toMatch(/saved draft/);
      expect(storage.items.get(DRAFT_KEYS.current)).toBe(stored);
    },
  );

  it("reports a full storage as quota_exceeded, keeping the old draft", () => {
    const storage = new MapStorage(2_000);
    const store = new DraftStore(storage);
    expect(store.save(draft("small"))).toMatchObject({ ok: true });
    const result = store.save(draft("x".repeat(5_000)));
    expect(result).toMatchObject({ ok: false, code: "quota_exceeded" });
    expect(!result.ok && result.message).toMatch(/storage for this page is full/);
    expect(store.load()).toMatchObject({ ok: true, state: { source: "small" } });
  });

  it("reports storage that throws on access (disabled storage) without throwing", () => {
    const broken: StorageLike = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("SecurityError");
      },
      removeItem: () => undefined,
    };
    const store = new DraftStore(broken);
    expect(store.load()).toMatchObject({ ok: false, code: "storage_unavailable" });
    expect(store.save(draft("a"))).toMatchObject({ ok: false, code: "storage_unavailable" });
  });

  it("refuses to save an invalid state", () => {
    const state = draft("a");
    state.limits.maxMemoryBytes = 7;
    expect(new DraftStore(new MapStorage()).save(state)).toMatchObject({
      ok: false,
      code: "invalid_state",
    });
  });
});

describe("a shared link replacing the draft", () => {
  it("keeps the live draft as the previous one and stores the shared state", () => {
    const store = new DraftStore(new MapStorage());
    const mine = draft("my unsaved work");
    const shared = draft("from the link");
    expect(store.adoptSharedState(mine, shared)).toMatchObject({
      keptPrevious: true,
      save: { ok: true },
    });
    expect(store.load()).toMatchObject({ ok: true, state: shared });
    expect(store.loadPrevious()).toMatchObject({ ok: true, state: mine });
  });

  it("does not overwrite the previous draft when the work is the same (result aside)", () => {
    const store = new DraftStore(new MapStorage());
    store.adoptSharedState(draft("older"), draft("same"));
    const shared = { ...draft("same"), result: { value: "1" } };
    expect(store.adoptSharedState(draft("same"), shared).keptPrevious).toBe(false);
    expect(store.loadPrevious()).toMatchObject({ ok: true, state: { source: "older" } });
  });

  it("restores the previous draft, and restoring again undoes it", () => {
    const store = new DraftStore(new MapStorage());
    const mine = draft("mine");
    const shared = draft("shared");
    store.adoptSharedState(mine, shared);
    expect(store.restorePreviousDraft(shared)).toMatchObject({ ok: true, state: mine });
    expect(store.load()).toMatchObject({ ok: true, state: mine });
    expect(store.restorePreviousDraft(mine)).toMatchObject({ ok: true, state: shared });
  });

  it("with nothing to restore, says so", () => {
    expect(new DraftStore(new MapStorage()).restorePreviousDraft(null)).toMatchObject({
      ok: false,
      code: "empty",
    });
  });

  it("when the previous draft cannot be kept (quota), leaves the stored draft alone", () => {
    const storage = new MapStorage(3_000);
    const store = new DraftStore(storage);
    store.save(draft("stored"));
    const result = store.adoptSharedState(draft("x".repeat(4_000)), draft("shared"));
    expect(result).toMatchObject({
      keptPrevious: false,
      save: { ok: false, code: "quota_exceeded" },
    });
    expect(store.load()).toMatchObject({ ok: true, state: { source: "stored" } });
  });
});
