// The page's handle on the disassembly worker, over a fake worker in this thread: a module wabt
// cannot read gets binaryen's text from the toolchain (a stand-in here), handed to the worker by
// transfer and labelled as binaryen's; a module wabt reads never asks binaryen.
import { describe, expect, it } from "vitest";
import { FakeWorker } from "../runtime/fake-worker";
import type { BinaryenTextReply } from "../toolchain/binaryen-text";
import type { DisassemblyApi, OpenOutcome } from "./api";
import { DisassemblyHost } from "./host";
import { DocumentShelf } from "./shelf";

const TEXT = ";; binaryen's text\n(module\n  (func $f\n    struct.new $node\n  )\n)\n";

/** A disassembly worker whose wabt reads nothing but "(module)" bytes [0]; the rest is real. */
function worker(): DisassemblyApi {
  const shelf = new DocumentShelf();
  return Object.assign(shelf, {
    open: async (bytes: Uint8Array): Promise<OpenOutcome> =>
      bytes[0] === 0
        ? shelf
            .openText(new TextEncoder().encode("(module)\n"), "binaryen")
            .then((o) => (o.ok ? { ...o, textBy: "wabt" as const } : o))
        : { ok: false, binaryenReads: true, message: "wabt cannot read it." },
  });
}

function host(reply: () => BinaryenTextReply) {
  const asked: Uint8Array[] = [];
  const sent: Uint8Array[] = [];
  const h = new DisassemblyHost(
    () => new FakeWorker(worker()),
    async (bytes) => {
      asked.push(bytes);
      const r = reply();
      if (r.ok) sent.push(r.utf8);
      return r;
    },
  );
  return { h, asked, sent };
}

describe("DisassemblyHost", () => {
  it("shows binaryen's text where wabt cannot read the module, passed on by transfer", async () => {
    const { h, asked, sent } = host(() => ({ ok: true, utf8: new TextEncoder().encode(TEXT) }));
    const outcome = await h.open(new Uint8Array([7, 7]));
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.textBy).toBe("binaryen");
    expect(asked).toEqual([new Uint8Array([7, 7])]);
    // Transferred to the worker, not copied: the page's buffer is gone.
    expect(sent[0]!.byteLength).toBe(0);
    expect(await h.lines(outcome.id, 3, 1)).toEqual(["    struct.new $node"]);
    expect(await h.find(outcome.id, "struct.new", null, 1)).toMatchObject({ line: 3 });
  });

  it("does not ask binaryen for a module wabt reads", async () => {
    const { h, asked } = host(() => ({ ok: false, message: "unused" }));
    expect(await h.open(new Uint8Array([0]))).toMatchObject({ ok: true, textBy: "wabt" });
    expect(asked).toEqual([]);
  });

  it("says why there is no text when binaryen fails too", async () => {
    const { h } = host(() => ({ ok: false, message: "binaryen could not read it either: x" }));
    expect(await h.open(new Uint8Array([7]))).toEqual({
      ok: false,
      message: "wabt cannot read it. binaryen could not read it either: x",
    });
  });
});
