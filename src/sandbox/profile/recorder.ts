// The host side of a profiled run (instrument/profile-pass.ts): a shadow call stack over a
// call tree. The hooks a profiled build calls at every function's entry and exit are the wasm
// functions of a small recorder module (recorder.wat), which keeps the stack, the tree's
// nodes and a hash of (caller's node, function) → node in its own memory; this class lays
// that memory out, adds a node the first time a call path runs (miss), and reads the tree
// out at the end. Fuel between two hooks was spent by the function on top: every charge is
// made by the code of the function that is running. Counts are doubles, exact below 2^53.
import type { CallTreeColumns } from "./columns";
import { RECORDER_WASM } from "./recorder-module";

/** Call paths kept (a node is 32 bytes); past it, paths fold into a node of the same function. */
export const MAX_CALL_PATHS = 4_000_000;

const NODE_BYTES = 32;
const PAGE = 65_536;
const NODE = { func: 0, parent: 4, next: 8, child: 12, calls: 16, self: 24 } as const;

let compiled: WebAssembly.Module | undefined;

/** The bucket of (parent node, function) in a table of 2^(32 - shift) buckets. */
export function pathHash(parent: number, func: number, shift: number): number {
  return Math.imul((Math.imul(parent, 0x9e3779b1) + func) | 0, 0x85ebca6b) >>> shift;
}

interface RecorderExports {
  memory: WebAssembly.Memory;
  enter: (funcIndex: number, consumed: number) => number;
  settle: (depth: number, consumed: number) => void;
  depth: WebAssembly.Global;
  last: WebAssembly.Global;
  top: WebAssembly.Global;
  stack: WebAssembly.Global;
  stackCap: WebAssembly.Global;
  buckets: WebAssembly.Global;
  shift: WebAssembly.Global;
  nodes: WebAssembly.Global;
}

export class ProfileRecorder {
  /** The hooks (wasm functions) to put in a profiled build's hook table. */
  readonly enter: (funcIndex: number, consumed: number) => number;
  readonly settle: (depth: number, consumed: number) => void;
  private readonly x: RecorderExports;
  private nodeCount = 1;
  private nodeCap = 1024;
  private bucketBits = 10;
  /** Where the next region goes (regions move to the end when they grow; old ones stay unused). */
  private free = 0;
  private readonly firstNodeOf = new Map<number, number>();
  private truncated = false;

  constructor(private readonly maxNodes = MAX_CALL_PATHS) {
    compiled ??= new WebAssembly.Module(RECORDER_WASM);
    const instance = new WebAssembly.Instance(compiled, {
      p: {
        miss: (parent: number, func: number) => this.miss(parent, func),
        growStack: () => this.growStack(),
      },
    });
    this.x = instance.exports as unknown as RecorderExports;
    this.enter = this.x.enter;
    this.settle = this.x.settle;
    this.x.stackCap.value = 256;
    this.x.stack.value = this.alloc(256 * 4);
    this.x.buckets.value = this.alloc(4 << this.bucketBits);
    this.x.shift.value = 32 - this.bucketBits;
    const root = this.alloc(this.nodeCap * NODE_BYTES);
    this.x.nodes.value = root;
    this.x.top.value = root;
    // The root (node 0, frame 0) matches no function and has no child yet.
    const view = new DataView(this.x.memory.buffer);
    view.setInt32(root + NODE.func, -1, true);
    view.setInt32(root + NODE.child, root, true);
    view.setInt32(this.x.stack.value as number, root, true);
  }

  /** The run ended with `consumed` fuel in all: the rest goes to the function on top. */
  finish(consumed: number, names: (funcIndex: number) => string | undefined): CallTreeColumns {
    this.settle(this.x.depth.value as number, consumed);
    const n = this.nodeCount;
    const view = new DataView(this.x.memory.buffer, this.x.nodes.value as number, n * NODE_BYTES);
    const func = new Int32Array(n);
    const parent = new Int32Array(n);
    const calls = new Float64Array(n);
    const self = new Float64Array(n);
    const named: Record<number, string> = {};
    for (let i = 0; i < n; i++) {
      const at = i * NODE_BYTES;
      func[i] = i === 0 ? -1 : view.getInt32(at + NODE.func, true);
      parent[i] = i === 0 ? -1 : view.getInt32(at + NODE.parent, true);
      calls[i] = view.getFloat64(at + NODE.calls, true);
      self[i] = view.getFloat64(at + NODE.self, true);
      if (i > 0 && !(func[i] in named)) {
        const name = names(func[i]);
        if (name !== undefined) named[func[i]] = name;
      }
    }
    return { func, parent, calls, self, names: named, truncated: this.truncated };
  }

  /** First run of the call path (parent node, function): its new node. */
  private miss(parent: number, func: number): number {
    if (this.nodeCount >= this.maxNodes) {
      // Full: the path folds into the function's first node, and is looked up here each time.
      this.truncated = true;
      const first = this.firstNodeOf.get(func);
      if (first !== undefined) return first;
    }
    if (this.nodeCount === this.nodeCap) this.growNodes();
    const node = this.nodeCount++;
    if (!this.firstNodeOf.has(func)) this.firstNodeOf.set(func, node);
    const view = new DataView(this.x.memory.buffer);
    const at = (this.x.nodes.value as number) + node * NODE_BYTES;
    view.setInt32(at + NODE.func, func, true);
    view.setInt32(at + NODE.parent, parent, true);
    view.setInt32(at + NODE.child, this.x.nodes.value as number, true);
    this.link(view, node, parent, func);
    return node;
  }

  /** Puts a node at the head of its bucket. */
  private link(view: DataView, node: number, parent: number, func: number): void {
    const bucket =
      (this.x.buckets.value as number) + 4 * pathHash(parent, func, 32 - this.bucketBits);
    view.setInt32(
      (this.x.nodes.value as number) + node * NODE_BYTES + NODE.next,
      view.getInt32(bucket, true),
      true,
    );
    view.setInt32(bucket, node, true);
  }

  /** Twice the room for nodes, twice the buckets (one node per bucket on average at most). */
  private growNodes(): void {
    const oldNodes = this.x.nodes.value as number;
    this.bucketBits++;
    const buckets = this.alloc(4 << this.bucketBits);
    const nodes = this.alloc(2 * this.nodeCap * NODE_BYTES);
    const bytes = new Uint8Array(this.x.memory.buffer);
    bytes.copyWithin(nodes, oldNodes, oldNodes + this.nodeCap * NODE_BYTES);
    this.nodeCap *= 2;
    this.x.nodes.value = nodes;
    this.x.buckets.value = buckets;
    this.x.shift.value = 32 - this.bucketBits;
    const view = new DataView(this.x.memory.buffer);
    const moved = (address: number) => nodes + (address - oldNodes);
    for (let node = 0; node < this.nodeCount; node++) {
      const at = nodes + node * NODE_BYTES;
      view.setInt32(at + NODE.child, moved(view.getInt32(at + NODE.child, true)), true);
      if (node === 0) continue;
      this.link(
        view,
        node,
        view.getInt32(at + NODE.parent, true),
        view.getInt32(at + NODE.func, true),
      );
    }
    // The stack's frames and the top hold node addresses too.
    const stack = this.x.stack.value as number;
    for (let frame = 0; frame <= (this.x.depth.value as number); frame++) {
      view.setInt32(stack + frame * 4, moved(view.getInt32(stack + frame * 4, true)), true);
    }
    this.x.top.value = moved(this.x.top.value as number);
  }

  /** Twice the frames. */
  private growStack(): void {
    const cap = this.x.stackCap.value as number;
    const stack = this.alloc(2 * cap * 4);
    const old = this.x.stack.value as number;
    new Uint8Array(this.x.memory.buffer).copyWithin(stack, old, old + cap * 4);
    this.x.stack.value = stack;
    this.x.stackCap.value = 2 * cap;
  }

  /** A zeroed region of `size` bytes at the end of what is in use, growing the memory. */
  private alloc(size: number): number {
    const at = this.free;
    this.free += Math.ceil(size / 8) * 8;
    const missing = this.free - this.x.memory.buffer.byteLength;
    if (missing > 0) this.x.memory.grow(Math.ceil(missing / PAGE));
    return at;
  }
}
