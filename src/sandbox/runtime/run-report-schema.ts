// The runner's reply is checked before the main thread trusts it (a worker reply is input).
import { z } from "../zod";
import { ERROR_KINDS } from "../types";
import type { RunReport } from "../runner/protocol";
import { profileColumnsSchema } from "../profile/columns";

const wasmValue = z.union([z.number(), z.bigint()]);

const runReportSchema = z.object({
  runId: z.number(),
  success: z.boolean(),
  value: z.union([wasmValue, z.array(wasmValue)]).optional(),
  output: z.string(),
  stderr: z.string(),
  outputBlob: z.instanceof(Blob).optional(),
  stderrBlob: z.instanceof(Blob).optional(),
  error: z.string().optional(),
  errorKind: z.enum(ERROR_KINDS).optional(),
  exitCode: z.number().optional(),
  executionTimeMs: z.number(),
  fuelConsumed: z.bigint().optional(),
  memoryUsedBytes: z.number(),
  gcAllocatedBytes: z.number().nonnegative().optional(),
  timings: z.object({ compileMs: z.number(), instantiateMs: z.number(), runMs: z.number() }),
  files: z.record(z.string(), z.instanceof(Uint8Array)).optional(),
  fileLinks: z.record(z.string(), z.string()).optional(),
  raisedIn: z.union([z.number().int().nonnegative(), z.literal("host")]).optional(),
  unreachable: z.literal(true).optional(),
  profile: profileColumnsSchema.optional(),
});

/** The report, or a message saying what was wrong with it. */
export function parseRunReport(
  value: unknown,
): { ok: true; report: RunReport } | { ok: false; message: string } {
  const parsed = runReportSchema.safeParse(value);
  if (parsed.success) return { ok: true, report: parsed.data };
  return {
    ok: false,
    message: `the runner sent a malformed report: ${parsed.error.issues[0]?.message ?? "unknown"}`,
  };
}
