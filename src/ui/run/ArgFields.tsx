// One typed field per parameter, validated as the person types.
import { parseArg } from "../controller/args";
import { usePlayground, usePlaygroundState } from "../state/context";

const EMPTY: readonly string[] = [];

export function ArgFields({ entry, params }: { entry: string; params: string[] }) {
  const playground = usePlayground();
  const values = usePlaygroundState((s) => s.args.get(entry) ?? EMPTY);
  if (params.length === 0) return <p className="run-panel__no-args muted small">No arguments.</p>;
  return (
    <div className="arg-fields">
      {params.map((type, i) => {
        const text = values[i] ?? "";
        const parsed = text === "" ? null : parseArg(type, text);
        const error = parsed && !parsed.ok ? parsed.message : null;
        const id = `arg-${i}`;
        return (
          <div className="arg-field" key={`${entry}-${i}`}>
            <label htmlFor={id}>
              <span className="arg-field__index">#{i + 1}</span>{" "}
              <span className="type">{type}</span>
            </label>
            <input
              id={id}
              data-testid={id}
              inputMode={type.startsWith("f") ? "decimal" : "numeric"}
              placeholder={`${type} value`}
              value={text}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => playground.setArg(entry, i, e.target.value)}
            />
            <span
              className="arg-field__error"
              id={`${id}-error`}
              role={error ? "alert" : undefined}
            >
              {error ?? ""}
            </span>
          </div>
        );
      })}
    </div>
  );
}
