// A catalogue's binary example travels in a link by its id, not its bytes (a 32 KiB example
// made a 17,776-character link; by id it is a few hundred). The page fetches the example's
// module before it opens such a link or file; an id it does not know is refused with a reason,
// and the person's work stays as it was.
import { findExample } from "../../examples/catalog";
import type { BinaryExample } from "../../examples/types";
import type { PlaygroundState as SharedState } from "../../share";

export type WithModule = { ok: true; state: SharedState } | { ok: false; message: string };

function binaryExample(id: string | undefined): BinaryExample | undefined {
  const example = id === undefined ? undefined : findExample(id);
  return example?.language === "wasm" ? example : undefined;
}

/** The state to put in a link: a catalogue example's module by its id, anything else as is. */
export function forLink(shared: SharedState): SharedState {
  if (shared.language !== "wasm" || !binaryExample(shared.example)) return shared;
  const { module: _bytes, ...byId } = shared;
  return byId;
}

/** The state with its module's bytes, fetching a catalogue example a link names by id. */
export async function withExampleModule(
  shared: SharedState,
  fetchBinary: (example: BinaryExample) => Promise<Uint8Array>,
): Promise<WithModule> {
  if (shared.language !== "wasm" || shared.module !== undefined) return { ok: true, state: shared };
  const example = binaryExample(shared.example);
  if (!example) {
    return {
      ok: false,
      message: `it names the example “${shared.example ?? ""}”, which this version of the playground does not have.`,
    };
  }
  try {
    return { ok: true, state: { ...shared, module: await fetchBinary(example) } };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `the example “${example.title}” could not be fetched (${why}).` };
  }
}
