// Words for results, used by the console and the dashboard alike.
import type { ErrorKind, ExecutionResult } from "../../sandbox/types";
import type { RunRecord } from "../state/types";
import { inPageWords } from "../limits/limit-names";

export const KIND_WORDS: Record<ErrorKind, string> = {
  timeout: "Timed out",
  fuel_exhausted: "Out of fuel",
  memory_limit: "Memory limit",
  stack_overflow: "Stack overflow",
  trap: "Trapped",
  invalid_module: "Invalid module",
  import_denied: "Import denied",
  output_limit: "Output limit",
  exit: "Exited with an error",
  crash: "Sandbox crashed",
  invalid_config: "Invalid input",
  compile_error: "Compile error",
};

export function formatValue(value: ExecutionResult["value"]): string {
  if (value === undefined) return "(no value)";
  if (Array.isArray(value)) return `[${value.map((v) => formatValue(v)).join(", ")}]`;
  return typeof value === "bigint" ? `${value}n` : String(value);
}

export function formatCall(entry: string, args: readonly string[]): string {
  return `${entry || "(default entry)"}(${args.join(", ")})`;
}

export function describeResult(record: RunRecord): string {
  const r = record.result;
  const time = `${r.executionTimeMs.toFixed(2)} ms`;
  if (r.success && r.exitCode !== undefined) return `✔ exited with code ${r.exitCode} in ${time}`;
  if (r.success && record.entry === "_start" && r.value === undefined)
    return `✔ the program finished (exit code 0) in ${time}`;
  if (r.success) return `✔ returned ${formatValue(r.value)} in ${time}`;
  const kind = r.errorKind ?? "error";
  const error = inPageWords(r.error ?? "failed");
  // Some messages already open with their kind ("trap: …", "stack overflow: …").
  if (error.startsWith(`${kind.replace("_", " ")}:`)) return `✘ ${error}`;
  return `✘ ${kind}: ${error}`;
}
