// Limits of a run: memory cap, fuel budget, timeout, output cap, with presets.
import { useState } from "react";
import { usePlayground, usePlaygroundState } from "../state/context";
import { FUEL_PRESETS, MEMORY_PRESETS, TIMEOUT_PRESETS } from "../state/defaults";
import { formatCount } from "../dashboard/format";
import { NumberField } from "./NumberField";

export function LimitsPanel() {
  const playground = usePlayground();
  const limits = usePlaygroundState((s) => s.limits);
  const deterministic = usePlaygroundState((s) => s.io.deterministic);
  const [fuelText, setFuelText] = useState<string | null>(null);
  const fuelShown = fuelText ?? (limits.fuel === null ? "" : limits.fuel.toString());
  const fuelValid = fuelShown === "" || /^\d+$/.test(fuelShown.replaceAll("_", ""));

  return (
    <div className="limits" data-testid="limits-panel">
      <div className="limit">
        <label htmlFor="limit-fuel">Fuel budget</label>
        <input
          id="limit-fuel"
          data-testid="limit-fuel"
          inputMode="numeric"
          placeholder="unlimited (still counted)"
          value={fuelShown}
          aria-invalid={!fuelValid || undefined}
          onChange={(e) => {
            const text = e.target.value;
            setFuelText(text);
            const clean = text.replaceAll("_", "").trim();
            if (clean === "") playground.setLimits({ fuel: null });
            else if (/^\d+$/.test(clean) && BigInt(clean) > 0n)
              playground.setLimits({ fuel: BigInt(clean) });
          }}
          onBlur={() => setFuelText(null)}
        />
        <div className="presets" role="group" aria-label="Fuel presets">
          {FUEL_PRESETS.map((p) => (
            <button
              key={p.label}
              type="button"
              className="chip"
              aria-pressed={limits.fuel === p.value}
              onClick={() => {
                setFuelText(null);
                playground.setLimits({ fuel: p.value });
              }}
            >
              {p.label}
            </button>
          ))}
        </div>
        <p className="hint">
          {limits.fuel === null
            ? "No budget: fuel is counted, never enforced."
            : `≈ ${formatCount(limits.fuel)} instructions, then the run ends with fuel_exhausted.`}
        </p>
      </div>
      <NumberField
        id="limit-memory"
        label="Memory cap (MiB)"
        value={limits.memoryMiB}
        min={0.0625}
        max={4096}
        presets={MEMORY_PRESETS.map((v) => ({
          label: v >= 1024 ? `${v / 1024} GiB` : `${v} MiB`,
          value: v,
        }))}
        onChange={(memoryMiB) => playground.setLimits({ memoryMiB })}
        hint="Rounded down to 64 KiB pages; memory.grow past it returns −1."
      />
      <NumberField
        id="limit-timeout"
        label="Timeout (ms)"
        value={limits.timeoutMs}
        min={1}
        max={600_000}
        presets={TIMEOUT_PRESETS.map((v) => ({ label: `${v / 1000} s`, value: v }))}
        onChange={(timeoutMs) => playground.setLimits({ timeoutMs })}
        hint="Wall clock; the sandbox worker is terminated past it."
      />
      <NumberField
        id="limit-output"
        label="Output cap (KiB)"
        value={limits.outputKiB}
        min={0}
        max={262_144}
        presets={[
          { label: "64 KiB", value: 64 },
          { label: "1 MiB", value: 1024 },
        ]}
        onChange={(outputKiB) => playground.setLimits({ outputKiB })}
        hint="stdout + stderr; past it the run ends with output_limit."
      />
      <div className="limit">
        <label className="checkbox">
          <input
            type="checkbox"
            role="switch"
            data-testid="deterministic"
            checked={deterministic}
            onChange={(e) => playground.setIo({ deterministic: e.target.checked })}
          />
          Deterministic clocks and randomness (WASI)
        </label>
        <p className="hint">
          {deterministic
            ? "Clocks start at a fixed time and random bytes are seeded: every run prints the same and uses the same fuel."
            : "Real clocks and real random bytes: runs differ, and a shared link may not reproduce."}
        </p>
      </div>
      <button type="button" className="link-button" onClick={() => playground.resetLimits()}>
        Reset to defaults
      </button>
    </div>
  );
}
