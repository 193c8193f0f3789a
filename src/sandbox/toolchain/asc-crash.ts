// asc reports a crash of its own code (an exception inside the compiler, not a compile error) by
// printing a report with console.error and calling its process shim's exit(1), which throws
// "exit 1". The report holds the exception that caused it; these read it, so the person is told
// that cause (a browser that refused a ~2 GiB static buffer: "Array buffer allocation failed")
// instead of "exit 1".

/** Runs `call` with console.error captured; returns its result or throws with the text seen. */
export async function withConsoleErrorsCaptured<R>(
  call: () => Promise<R>,
): Promise<{ result: R } | { error: unknown; printed: string }> {
  const original = console.error;
  const printed: string[] = [];
  console.error = (...parts: unknown[]) => void printed.push(parts.map(String).join(" "));
  try {
    return { result: await call() };
  } catch (error) {
    return { error, printed: printed.join("\n") };
  } finally {
    console.error = original;
  }
}

/** The exception line of asc's crash report ("RangeError: Array buffer allocation failed"). */
export function crashCause(report: string): string | undefined {
  const match = /^[▌\s]*((?:[A-Z]\w*)?Error: .+)$/m.exec(report);
  return match?.[1]?.trim();
}

/** Whether a cause is the JavaScript engine refusing an allocation (not a bug in the source). */
export function isAllocationFailure(cause: string): boolean {
  return /^RangeError: (Array buffer allocation failed|Invalid (typed array|array buffer) length)/.test(
    cause,
  );
}
