// Checks the per-run options that are plain data going to the runner (ExecuteOptions); a bad
// one ends the run as invalid_config, naming the field, before any work is done.
import { checkImportBindings } from "./bindings";
import { resolveImportList, SandboxConfigError } from "./config";
import { GUEST_DRIVERS, type ExecuteOptions } from "./types";

/** What is wrong with the options, or undefined. */
export function checkRunOptions(options: ExecuteOptions): string | undefined {
  if (options.stubImports !== undefined) {
    try {
      resolveImportList("stubImports", options.stubImports);
    } catch (error) {
      if (error instanceof SandboxConfigError) return error.message;
      throw error;
    }
  }
  if (options.importBindings !== undefined) {
    const problem = checkImportBindings(options.importBindings);
    if (problem) return problem;
  }
  if (options.driver !== undefined && !GUEST_DRIVERS.includes(options.driver)) {
    return `driver must be one of ${GUEST_DRIVERS.map((d) => JSON.stringify(d)).join(", ")}; got ${JSON.stringify(options.driver)}`;
  }
  if (
    options.profile !== undefined &&
    typeof options.profile !== "boolean" &&
    options.profile !== "columns"
  ) {
    return `profile must be true, false or "columns"; got ${JSON.stringify(options.profile)}`;
  }
  for (const field of ["script", "programName"] as const) {
    const value = options[field];
    if (value !== undefined && typeof value !== "string") {
      return `${field} must be a string; got ${typeof value}`;
    }
  }
  return undefined;
}
