// Where each function of a WAT source is, by the index the module gives it: imported functions
// first (`(import … (func …))` or `(func … (import …))`), then the defined ones, in the order
// written — the text format's own numbering. One linear pass over the text that knows only
// parentheses, comments and strings, so a large source is scanned in milliseconds.

export interface WatFunction {
  index: number;
  /** The `$name` without its `$`, as the name section gives it. */
  name?: string;
  /** 1-based lines of the `(func` and of its closing parenthesis. */
  line: number;
  endLine: number;
}

interface Frame {
  keyword: string;
  line: number;
  name?: string;
  /** Atoms and lists seen directly inside, to tell `(func $name` from a later `$x`. */
  children: number;
  imported: boolean;
}

const DELIMITER = /[\s()";]/;

export function watFunctions(source: string): WatFunction[] {
  const imported: Omit<WatFunction, "index">[] = [];
  const defined: Omit<WatFunction, "index">[] = [];
  const stack: Frame[] = [];
  let line = 1;
  let i = 0;
  const n = source.length;
  /** A field is a list directly in `(module …)`, or at the top of a source without one. */
  const atField = (depth: number) => depth === 0 || (depth === 1 && stack[0]?.keyword === "module");
  const close = () => {
    const frame = stack.pop();
    if (!frame) return;
    const parent = stack[stack.length - 1];
    if (frame.keyword === "import" && parent?.keyword === "func") parent.imported = true;
    if (frame.keyword !== "func") return;
    const entry = { name: frame.name, line: frame.line, endLine: line };
    if (atField(stack.length)) {
      (frame.imported ? imported : defined).push(entry);
    } else if (parent?.keyword === "import" && atField(stack.length - 1)) {
      imported.push(entry);
    }
  };
  while (i < n) {
    const c = source[i];
    if (c === "\n") {
      line++;
      i++;
    } else if (c === ";" && source[i + 1] === ";") {
      while (i < n && source[i] !== "\n") i++;
    } else if (c === "(" && source[i + 1] === ";") {
      i = skipBlockComment(source, i, () => line++);
    } else if (c === '"') {
      i++;
      while (i < n && source[i] !== '"') {
        if (source[i] === "\\") i++;
        else if (source[i] === "\n") line++;
        i++;
      }
      i++;
      noteChild(stack, undefined);
    } else if (c === "(") {
      noteChild(stack, undefined);
      let end = i + 1;
      while (end < n && !DELIMITER.test(source[end])) end++;
      stack.push({ keyword: source.slice(i + 1, end), line, children: 0, imported: false });
      i = end;
    } else if (c === ")") {
      close();
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      let end = i + 1;
      while (end < n && !DELIMITER.test(source[end])) end++;
      noteChild(stack, source.slice(i, end));
      i = end;
    }
  }
  return [...imported, ...defined].map((f, index) => ({ index, ...f }));
}

/** A `$name` as the first thing inside `(func` names it; anything else only counts. */
function noteChild(stack: Frame[], atom: string | undefined): void {
  const top = stack[stack.length - 1];
  if (!top) return;
  if (top.children === 0 && top.keyword === "func" && atom?.startsWith("$")) {
    top.name = atom.slice(1);
  }
  top.children++;
}

/** Past a `(; … ;)` comment (they nest); counts its newlines. */
function skipBlockComment(source: string, start: number, newline: () => void): number {
  let depth = 0;
  let i = start;
  while (i < source.length) {
    if (source[i] === "(" && source[i + 1] === ";") {
      depth++;
      i += 2;
    } else if (source[i] === ";" && source[i + 1] === ")") {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      if (source[i] === "\n") newline();
      i++;
    }
  }
  return i;
}
