// The host side of a profiled run (instrument/profile-pass.ts): a shadow call stack over a
// call tree, fed by the hooks each function calls at entry and exit with the fuel consumed so
// far. Fuel between two hooks was spent by the function on top: every charge is made by the
// code of the function that is running. Counts are doubles, exact below 2^53.
import type { ProfileColumns } from "./columns";

/** Call paths kept (a node is 32 bytes); past it, paths fold into a node of the same function. */
export const MAX_CALL_PATHS = 4_000_000;
/** Above V8's limit on functions in a module (1,000,000): a node's children keyed by index. */
const FUNC_SPAN = 1 << 20;

export class ProfileRecorder {
  private func = new Int32Array(1024);
  private parent = new Int32Array(1024);
  private calls = new Float64Array(1024);
  private self = new Float64Array(1024);
  private nodes = 1;
  private readonly children = new Map<number, number>();
  private readonly firstNodeOf = new Map<number, number>();
  private stack = new Int32Array(256);
  private depth = 0;
  private last = 0;
  private truncated = false;

  constructor(private readonly maxNodes = MAX_CALL_PATHS) {
    this.func[0] = -1;
    this.parent[0] = -1;
  }

  /** A function was entered; returns the stack's depth with it. */
  readonly enter = (funcIndex: number, consumed: number): number => {
    const top = this.stack[this.depth];
    this.self[top] += consumed - this.last;
    this.last = consumed;
    const key = top * FUNC_SPAN + funcIndex;
    let node = this.children.get(key);
    if (node === undefined) {
      node = this.addNode(top, funcIndex);
      this.children.set(key, node);
    }
    this.calls[node] += 1;
    if (++this.depth === this.stack.length) this.stack = grow(this.stack);
    this.stack[this.depth] = node;
    return this.depth;
  };

  /** The stack is back to `depth` frames (a return, a tail call, a caught exception). */
  readonly settle = (depth: number, consumed: number): void => {
    this.self[this.stack[this.depth]] += consumed - this.last;
    this.last = consumed;
    if (depth >= 0 && depth < this.depth) this.depth = depth;
  };

  /** The run ended with `consumed` fuel in all: the rest goes to the function on top. */
  finish(consumed: number, names: (funcIndex: number) => string | undefined): ProfileColumns {
    this.settle(this.depth, consumed);
    const n = this.nodes;
    const named: Record<number, string> = {};
    for (let i = 1; i < n; i++) {
      const f = this.func[i];
      if (!(f in named)) {
        const name = names(f);
        if (name !== undefined) named[f] = name;
      }
    }
    return {
      func: this.func.slice(0, n),
      parent: this.parent.slice(0, n),
      calls: this.calls.slice(0, n),
      self: this.self.slice(0, n),
      names: named,
      truncated: this.truncated,
    };
  }

  private addNode(parent: number, funcIndex: number): number {
    if (this.nodes >= this.maxNodes) {
      this.truncated = true;
      const first = this.firstNodeOf.get(funcIndex);
      if (first !== undefined) return first;
    }
    if (this.nodes === this.func.length) {
      this.func = grow(this.func);
      this.parent = grow(this.parent);
      this.calls = grow(this.calls);
      this.self = grow(this.self);
    }
    const node = this.nodes++;
    this.func[node] = funcIndex;
    this.parent[node] = parent;
    if (!this.firstNodeOf.has(funcIndex)) this.firstNodeOf.set(funcIndex, node);
    return node;
  }
}

function grow<T extends Int32Array | Float64Array>(a: T): T {
  const next = new (a.constructor as new (n: number) => T)(a.length * 2);
  next.set(a);
  return next;
}
