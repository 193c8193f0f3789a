// A number input that keeps what is typed until it is a valid value, with preset chips.
import { useState } from "react";
import { groupDigits } from "../../sandbox/digits";

export interface NumberFieldProps {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  presets: { label: string; value: number }[];
  hint: string;
  onChange(value: number): void;
}

export function NumberField({
  id,
  label,
  value,
  min,
  max,
  presets,
  hint,
  onChange,
}: NumberFieldProps) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? String(value);
  const parsed = Number(shown);
  const valid = shown.trim() !== "" && Number.isFinite(parsed) && parsed >= min && parsed <= max;
  return (
    <div className="limit">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-testid={id}
        inputMode="decimal"
        value={shown}
        aria-invalid={!valid || undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          setText(e.target.value);
          const n = Number(e.target.value);
          if (e.target.value.trim() !== "" && Number.isFinite(n) && n >= min && n <= max)
            onChange(n);
        }}
        onBlur={() => setText(null)}
      />
      <div className="presets" role="group" aria-label={`${label} presets`}>
        {presets.map((p) => (
          <button
            key={p.label}
            type="button"
            className="chip"
            aria-pressed={value === p.value}
            onClick={() => {
              setText(null);
              onChange(p.value);
            }}
          >
            {p.label}
          </button>
        ))}
      </div>
      <p className="hint" id={`${id}-hint`}>
        {valid ? hint : `Enter a number from ${min} to ${groupDigits(max)}.`}
      </p>
    </div>
  );
}
