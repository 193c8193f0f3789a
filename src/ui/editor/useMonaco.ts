// Loads Monaco once, lazily, after the page has painted.
import { useEffect, useState } from "react";

type MonacoSetup = typeof import("./monaco-setup");

let loading: Promise<MonacoSetup> | null = null;

export function loadMonaco(): Promise<MonacoSetup> {
  loading ??= import("./monaco-setup");
  return loading;
}

export function useMonaco(): MonacoSetup | null {
  const [setup, setSetup] = useState<MonacoSetup | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    loadMonaco().then(
      (m) => live && setSetup(m),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, []);
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return setup;
}
