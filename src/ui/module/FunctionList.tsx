// The module's functions, filtered by name or index; a click (or Enter on the filter) jumps the
// WAT to that function. Virtualised: CRuby has 17,825 functions.
import { useCallback, useMemo, useState } from "react";
import type { FunctionEntry } from "../../sandbox/disassembly/api";
import { filterFunctions, functionLabel } from "./function-filter";
import { VirtualRows } from "./VirtualRows";
import { groupDigits } from "../../sandbox/digits";

const ROW_HEIGHT = 22;

export function FunctionList({
  functions,
  onJump,
}: {
  functions: readonly FunctionEntry[];
  onJump(f: FunctionEntry): void;
}) {
  const [filter, setFilter] = useState("");
  const shown = useMemo(() => filterFunctions(functions, filter), [functions, filter]);
  const renderRow = useCallback(
    (i: number) => {
      const f = shown[i]!;
      return (
        <button
          key={f.index}
          type="button"
          className="function-list__item"
          style={{ height: ROW_HEIGHT }}
          onClick={() => onJump(f)}
          title={`function ${f.index}, line ${f.line + 1}`}
        >
          <span className="function-list__name">{functionLabel(f)}</span>
          {f.name !== null && <span className="muted">{f.index}</span>}
        </button>
      );
    },
    [shown, onJump],
  );
  return (
    <div className="function-list" data-testid="function-list">
      <input
        type="search"
        placeholder="Go to function: name or index"
        aria-label="Go to function (name or index)"
        data-testid="function-filter"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && shown[0]) {
            e.preventDefault();
            onJump(shown[0]);
          }
        }}
      />
      <p className="small muted function-list__count">
        {shown.length === functions.length
          ? `${groupDigits(functions.length)} functions`
          : `${groupDigits(shown.length)} of ${groupDigits(functions.length)}`}
      </p>
      <VirtualRows
        className="function-list__rows"
        label="Functions"
        rowCount={shown.length}
        rowHeight={ROW_HEIGHT}
        renderRow={renderRow}
      />
    </div>
  );
}
