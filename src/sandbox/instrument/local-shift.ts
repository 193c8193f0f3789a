// A threaded function (README.md, "threaded counter") takes the fuel counter as one more parameter, after its
// own; its declared locals therefore move up by one. This copies ranges of its body with the
// index of every local.get / local.set / local.tee at or past the new parameter shifted.
import { Reader, encodeU32, type Writer } from "../wasm/reader";

export class LocalShift {
  /**
   * `refs`: ascending offsets of the local instructions to shift (scanBody's localRefs), all
   * with an index at or past `from`; each such index moves up by `by` (the parameters added
   * before them: the counter, and the stack budget's bytes left when there is a budget).
   */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly refs: readonly number[],
    private readonly from: number,
    private readonly by: number,
  ) {}

  /** The index a local of the original body has now. */
  index(local: number): number {
    return local >= this.from ? local + this.by : local;
  }

  /** Bytes the shifted indices add to the range [start, end) (a LEB can grow by one). */
  growth(start: number, end: number): number {
    let extra = 0;
    for (let i = this.first(start); i < this.refs.length && this.refs[i] < end; i++) {
      const r = new Reader(this.bytes, this.refs[i] + 1, end);
      const local = r.u32();
      extra += encodeU32(local + this.by).length - (r.pos - this.refs[i] - 1);
    }
    return extra;
  }

  /** Writes [start, end) of the body with the indices shifted. */
  copy(start: number, end: number, out: Writer): void {
    let at = start;
    for (let i = this.first(start); i < this.refs.length && this.refs[i] < end; i++) {
      const op = this.refs[i];
      const r = new Reader(this.bytes, op + 1, end);
      const local = r.u32();
      out.push(this.bytes.subarray(at, op + 1));
      out.push(encodeU32(local + this.by));
      at = r.pos;
    }
    out.push(this.bytes.subarray(at, end));
  }

  /** Position in refs of the first offset at or past `start`. */
  private first(start: number): number {
    let lo = 0;
    let hi = this.refs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.refs[mid] < start) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Writes [start, end) of a body: as it is, or with a threaded function's locals shifted. */
export function copyBody(
  bytes: Uint8Array,
  shift: LocalShift | undefined,
  start: number,
  end: number,
  out: Writer,
): void {
  if (shift) shift.copy(start, end, out);
  else out.push(bytes.subarray(start, end));
}

/**
 * The one body writer: [start, end) of a body (locals shifted as copyBody does) with `code[i]`
 * written before the byte at `at(i)` (ascending offsets, one per element of `code`).
 */
export function writeBody(
  bytes: Uint8Array,
  shift: LocalShift | undefined,
  start: number,
  end: number,
  at: (i: number) => number | undefined,
  code: readonly (readonly number[])[],
  out: Writer,
): void {
  let copied = start;
  for (let i = 0; i < code.length; i++) {
    const offset = at(i) as number;
    copyBody(bytes, shift, copied, offset, out);
    out.push(code[i]);
    copied = offset;
  }
  copyBody(bytes, shift, copied, end, out);
}
