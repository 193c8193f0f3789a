// How the page's first load is chunked. By itself rolldown puts each module that the page's
// entry imports statically and a lazy chunk imports too into a chunk per set of importers, and
// the entry imports all of those up front (rolldown/rolldown#10731: it does not see that the
// entry has loaded them already), so every lazily loaded piece added files and bytes to the first
// load. Two groups restore the shape a first load should have:
// - "shared": what the page's static graph has in common with the other pages (harness, bench):
//   zod, comlink, the sandbox's config; those pages load it without the page's code;
// - "main": the rest of the page's static graph, the entry's own chunk; lazy chunks import what
//   they share with it from there, as they would from an entry.
// Rolldown's own runtime helpers (237 bytes) stay a chunk of their own: groups are not offered it.
import { resolve } from "node:path";
import type { CodeSplittingGroup } from "rolldown";

type Info = { importedIds: readonly string[] };
type Graph = { getModuleInfo(id: string): Info | null };

/** The modules `from` reaches through static imports. */
function staticClosure(graph: Graph, from: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...from];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    todo.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
  }
  return seen;
}

/**
 * The groups for `output.codeSplitting.groups`; `page` and `others` are the HTML entries, relative
 * to `root`. The module graph is read once, on the first module a group is asked about.
 */
export function firstLoadGroups(
  root: string,
  page: string,
  others: string[],
): CodeSplittingGroup[] {
  let sets: { page: Set<string>; shared: Set<string> } | undefined;
  const read = (graph: Graph) => {
    if (!sets) {
      const pageGraph = staticClosure(graph, [resolve(root, page)]);
      const elsewhere = staticClosure(
        graph,
        others.map((o) => resolve(root, o)),
      );
      const shared = new Set([...pageGraph].filter((id) => elsewhere.has(id)));
      sets = { page: pageGraph, shared };
    }
    return sets;
  };
  return [
    // Higher priority: taken first, so "main" does not take these modules with its own.
    { name: (id, graph) => (read(graph).shared.has(id) ? "shared" : null), priority: 2 },
    { name: (id, graph) => (read(graph).page.has(id) ? "main" : null), priority: 1 },
  ];
}
