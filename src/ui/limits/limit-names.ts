// The engine's names for limits (maxFuel, allowedImports, …) in the words the page uses for
// them. The one mapping: labels in the Limits tab, the link review and messages shown on the page.

export const LIMIT_LABELS = {
  maxFuel: "Fuel budget",
  maxMemoryBytes: "Memory cap",
  timeoutMs: "Timeout",
  maxOutputBytes: "Output cap",
  allowedImports: "Imports",
} as const;

type EngineName = keyof typeof LIMIT_LABELS;

/** Where the person changes each setting on this page. */
const WHERE: Record<EngineName, string> = {
  maxFuel: "Limits tab",
  maxMemoryBytes: "Limits tab",
  timeoutMs: "Limits tab",
  maxOutputBytes: "Limits tab",
  allowedImports: "Imports tab",
};

const NAMES = Object.keys(LIMIT_LABELS) as EngineName[];
const PATTERN = new RegExp(`\\b(raise |not in )?(${NAMES.join("|")})\\b`, "g");

/**
 * An engine message (a run's error, a config refusal) in the page's words:
 * "raise maxFuel" → "raise the Fuel budget (Limits tab)", "not in allowedImports" →
 * "not allowed in the Imports tab", any other mention → "the Fuel budget".
 */
export function inPageWords(message: string): string {
  return message.replace(PATTERN, (_all, lead: string | undefined, name: EngineName) => {
    const label = LIMIT_LABELS[name];
    if (lead === "not in ") return `not allowed in the ${WHERE[name]}`;
    if (lead === "raise ") return `raise the ${label} (${WHERE[name]})`;
    return `the ${label}`;
  });
}
