// The gutter's heat for the editor: the shown run's profile on the lines of its functions, while
// the editor holds the source that run was built from.
import { useMemo } from "react";
import { usePlayground, usePlaygroundState } from "../state/context";
import { locatorFor } from "../controller/reveal";
import { profileHeat, type HeatMark } from "./source-locations";

const NONE: HeatMark[] = [];

export function useProfileHeat(): HeatMark[] {
  const playground = usePlayground();
  const record = usePlaygroundState((s) => s.result);
  const source = usePlaygroundState((s) => s.sources[s.language]);
  const binary = usePlaygroundState((s) => s.binary);
  const compiled = usePlaygroundState((s) => s.compiled);
  return useMemo(() => {
    const columns = record?.result.profileColumns;
    if (!record || !columns) return NONE;
    // The state the slices above were read from (its language comes with its source).
    const locator = locatorFor(playground.store.get(), record);
    return locator.ok ? profileHeat(columns, locator.locate) : NONE;
    // The slices the locator reads from the store are the dependencies.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playground, record, source, binary, compiled]);
}
