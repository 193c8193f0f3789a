// The playground controller, handed to components through React context.
import { createContext, useContext, type ReactNode } from "react";
import type { Playground } from "../controller/playground";
import { useStoreSlice } from "./store";
import type { PlaygroundState } from "./types";

const PlaygroundContext = createContext<Playground | null>(null);

export function PlaygroundProvider({
  playground,
  children,
}: {
  playground: Playground;
  children: ReactNode;
}) {
  return <PlaygroundContext.Provider value={playground}>{children}</PlaygroundContext.Provider>;
}

export function usePlayground(): Playground {
  const playground = useContext(PlaygroundContext);
  if (!playground) throw new Error("usePlayground outside PlaygroundProvider");
  return playground;
}

/** One slice of the state; re-renders only when that slice changes. */
export function usePlaygroundState<T>(selector: (s: PlaygroundState) => T): T {
  return useStoreSlice(usePlayground().store, selector);
}
