// Editable lists of a WASI run's input: argv (one field per argument, spaces kept) and the
// environment (name = value rows, in order).

type Env = [string, string][];

function without<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export function ArgvList({
  argv,
  onChange,
}: {
  argv: string[];
  onChange: (argv: string[]) => void;
}) {
  return (
    <fieldset className="input-list" data-testid="argv-list">
      <legend className="field__label" title="argv[0] is the program name">
        Arguments (argv[1…])
      </legend>
      {argv.map((arg, i) => (
        <div className="input-list__row" key={i}>
          <span className="input-list__index mono muted">{i + 1}</span>
          <input
            data-testid={`argv-${i}`}
            aria-label={`argv[${i + 1}]`}
            value={arg}
            onChange={(e) => onChange(argv.map((a, j) => (j === i ? e.target.value : a)))}
          />
          <button
            type="button"
            className="button button--icon"
            aria-label={`Remove argv[${i + 1}]`}
            onClick={() => onChange(without(argv, i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="link-button"
        data-testid="argv-add"
        onClick={() => onChange([...argv, ""])}
      >
        + argument
      </button>
    </fieldset>
  );
}

export function EnvList({ env, onChange }: { env: Env; onChange: (env: Env) => void }) {
  const set = (index: number, part: 0 | 1, text: string) =>
    onChange(
      env.map((pair, j) =>
        j === index ? (part === 0 ? [text, pair[1]] : [pair[0], text]) : pair,
      ) as Env,
    );
  return (
    <fieldset className="input-list" data-testid="env-list">
      <legend className="field__label">Environment</legend>
      {env.map(([name, value], i) => (
        <div className="input-list__row input-list__row--pair" key={i}>
          <input
            data-testid={`env-name-${i}`}
            aria-label={`Name of variable ${i + 1}`}
            placeholder="NAME"
            className="mono"
            value={name}
            aria-invalid={name.includes("=") || undefined}
            onChange={(e) => set(i, 0, e.target.value)}
          />
          <span className="muted">=</span>
          <input
            data-testid={`env-value-${i}`}
            aria-label={`Value of ${name || `variable ${i + 1}`}`}
            placeholder="value"
            value={value}
            onChange={(e) => set(i, 1, e.target.value)}
          />
          <button
            type="button"
            className="button button--icon"
            aria-label={`Remove ${name || `variable ${i + 1}`}`}
            onClick={() => onChange(without(env, i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="link-button"
        data-testid="env-add"
        onClick={() => onChange([...env, ["", ""]])}
      >
        + variable
      </button>
    </fieldset>
  );
}
