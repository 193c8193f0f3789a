// Generators for hostile inputs that cannot be written as WAT: malformed binaries and modules
// too big to keep as source. Pure functions of their arguments (no I/O, no randomness beyond a
// seeded PRNG), so a failing case always reproduces.
import {
  I32,
  I64,
  MAGIC,
  SECTION,
  VERSION,
  codeEntry,
  exportFunc,
  funcType,
  joinBytes,
  moduleBytes,
  name,
  section,
  sectionBounds,
  sleb,
  uleb,
  vec,
} from "./wasm-bytes";

const END = 0x0b;
const exportMain = (index: number) => section(SECTION.export, vec([exportFunc("main", index)]));

/** One function `() -> i32` with the given body (without the final `end`), exported as main. */
function singleFunction(body: ArrayLike<number>, locals: [number, number][] = []): Uint8Array {
  return moduleBytes([
    section(SECTION.type, vec([funcType([], [I32])])),
    section(SECTION.function, vec([uleb(0)])),
    exportMain(0),
    section(SECTION.code, joinBytes([uleb(1), codeEntry(locals, joinBytes([body, [END]]))])),
  ]);
}

/**
 * A small valid module with one section of nearly every kind (type, import, function, table,
 * memory, global, export, element, data count, code, data, custom); main returns 42. It is the
 * raw material for truncation and corruption.
 */
export function referenceModule(): Uint8Array {
  return moduleBytes([
    section(SECTION.type, vec([funcType([I32, I32], []), funcType([], [I32])])),
    section(SECTION.import, vec([[...name("env"), ...name("log"), 0x00, 0x00]])),
    section(SECTION.function, vec([uleb(1)])),
    section(SECTION.table, vec([[0x70, 0x00, 0x01]])),
    section(SECTION.memory, vec([[0x00, 0x01]])),
    section(SECTION.global, vec([[I32, 0x01, 0x41, 0x00, END]])),
    exportMain(1),
    section(SECTION.element, vec([[0x00, 0x41, 0x00, END, 0x01, 0x01]])),
    section(SECTION.dataCount, uleb(1)),
    section(SECTION.code, joinBytes([uleb(1), codeEntry([], [0x41, ...sleb(42), END])])),
    section(SECTION.data, vec([[0x00, 0x41, 0x00, END, ...name("hi")]])),
    section(SECTION.custom, [...name("hostile"), 1, 2, 3, 4]),
  ]);
}

const SECTION_NAMES = Object.fromEntries(Object.entries(SECTION).map(([k, v]) => [v, k]));

/**
 * The reference module cut inside every section: after the id byte, in the middle of the body and
 * one byte short of the end. Cutting exactly at a boundary can leave a valid module, so those
 * points are not used.
 */
export function truncations(): { label: string; bytes: Uint8Array }[] {
  const whole = referenceModule();
  const out: { label: string; bytes: Uint8Array }[] = [
    { label: "inside the header", bytes: whole.slice(0, 6) },
  ];
  for (const s of sectionBounds(whole)) {
    const what = SECTION_NAMES[s.id];
    out.push({ label: `${what}: id only`, bytes: whole.slice(0, s.start + 1) });
    const mid = s.bodyStart + Math.floor((s.end - s.bodyStart) / 2);
    if (mid > s.bodyStart && mid < s.end - 1) {
      out.push({ label: `${what}: mid-body`, bytes: whole.slice(0, mid) });
    }
    out.push({ label: `${what}: last byte missing`, bytes: whole.slice(0, s.end - 1) });
  }
  return out;
}

/** Small malformed binaries, each wrong in one way a parser must catch. */
export function malformed(): { label: string; bytes: Uint8Array }[] {
  const header = [...MAGIC, ...VERSION];
  const ref = referenceModule();
  const typeSec = sectionBounds(ref)[0];
  const typeBody = ref.slice(typeSec.bodyStart, typeSec.end);
  const rest = ref.slice(typeSec.end);
  const withType = (sizeBytes: number[]) =>
    joinBytes([header, [SECTION.type, ...sizeBytes], typeBody, rest]);
  const nopMain = (body: number[]) => singleFunction(body);
  return [
    { label: "empty", bytes: new Uint8Array(0) },
    { label: "bad magic", bytes: Uint8Array.from([0x00, 0x61, 0x73, 0x6e, ...VERSION]) },
    { label: "bad version", bytes: Uint8Array.from([...MAGIC, 0x02, 0x00, 0x00, 0x00]) },
    {
      label: "component-model version",
      bytes: Uint8Array.from([...MAGIC, 0x0d, 0x00, 0x01, 0x00]),
    },
    {
      label: "WAT text given as a binary",
      bytes: new TextEncoder().encode('(module (func (export "main")))'),
    },
    {
      label: "seeded garbage after a valid header",
      bytes: joinBytes([header, seededBytes(4096, 7)]),
    },
    {
      label: "section length longer than the module",
      bytes: withType(uleb(typeBody.length + 10_000)),
    },
    {
      label: "section length shorter than its content",
      bytes: withType(uleb(typeBody.length - 3)),
    },
    {
      // Wasm allows padded LEBs up to 5 bytes for a u32; a 6th byte is over-long.
      label: "over-long LEB (6 bytes) for a section size",
      bytes: withType([...padLeb(typeBody.length, 5), 0x00]),
    },
    {
      label: "5-byte LEB with bits past 32 set",
      bytes: withType([0x80 | (typeBody.length & 0x7f), 0x80, 0x80, 0x80, 0x70]),
    },
    {
      label: "duplicate memory section",
      bytes: moduleBytes([
        section(SECTION.memory, vec([[0x00, 0x01]])),
        section(SECTION.memory, vec([[0x00, 0x01]])),
      ]),
    },
    {
      label: "sections out of order (memory before type)",
      bytes: moduleBytes([
        section(SECTION.memory, vec([[0x00, 0x01]])),
        section(SECTION.type, vec([funcType([], [])])),
      ]),
    },
    { label: "unknown section id 0x7f", bytes: moduleBytes([section(0x7f, [1, 2, 3])]) },
    { label: "unknown opcode 0xff", bytes: nopMain([0xff, 0x41, 0x00]) },
    { label: "unknown 0xfc sub-opcode", bytes: nopMain([0xfc, ...uleb(0x7f), 0x41, 0x00]) },
    { label: "reserved opcode 0x27", bytes: nopMain([0x27, 0x41, 0x00]) },
    {
      label: "function and code counts differ",
      bytes: moduleBytes([
        section(SECTION.type, vec([funcType([], [])])),
        section(SECTION.function, vec([uleb(0), uleb(0)])),
        section(SECTION.code, joinBytes([uleb(1), codeEntry([], [END])])),
      ]),
    },
    {
      label: "body type-checks wrong (i64 where i32 is due)",
      bytes: nopMain([0x42, 0x00]),
    },
    {
      label: "code entry size lies",
      bytes: moduleBytes([
        section(SECTION.type, vec([funcType([], [])])),
        section(SECTION.function, vec([uleb(0)])),
        section(SECTION.code, Uint8Array.from([1, 50, 0, END])),
      ]),
    },
  ];
}

/** `value` as a LEB padded to exactly `length` bytes (every byte but the last has its top bit). */
function padLeb(value: number, length: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < length; i++) {
    const byte = Math.floor(value / 128 ** i) & 0x7f;
    out.push(i < length - 1 ? byte | 0x80 : byte);
  }
  return out;
}

/** Deterministic bytes from a seed (mulberry32). */
export function seededBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let s = seed >>> 0;
  for (let i = 0; i < length; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) & 0xff;
  }
  return out;
}

/** `depth` nested empty blocks, then i32.const 7 (V8 compiles it in milliseconds). */
export function nestedBlocks(depth: number): Uint8Array {
  const body = new Uint8Array(depth * 3 + 2);
  for (let i = 0; i < depth; i++) body.set([0x02, 0x40], i * 2);
  body.fill(END, depth * 2, depth * 3);
  body.set([0x41, 0x07], depth * 3);
  return singleFunction(body);
}

/** `depth` nested `if (i32.const 1)`, then i32.const 7. */
export function nestedIfs(depth: number): Uint8Array {
  const body = new Uint8Array(depth * 5 + 2);
  for (let i = 0; i < depth; i++) body.set([0x41, 0x01, 0x04, 0x40], i * 4);
  body.fill(END, depth * 4, depth * 5);
  body.set([0x41, 0x07], depth * 5);
  return singleFunction(body);
}

/** `count` functions `() -> i32`, function i returning i; the last one is exported as main. */
export function manyFunctions(count: number): Uint8Array {
  const bodies: ArrayLike<number>[] = [uleb(count)];
  for (let i = 0; i < count; i++) bodies.push(codeEntry([], [0x41, ...sleb(i), END]));
  const funcs = new Uint8Array(count); // type index 0 fits one byte each
  return moduleBytes([
    section(SECTION.type, vec([funcType([], [I32])])),
    section(SECTION.function, joinBytes([uleb(count), funcs])),
    exportMain(count - 1),
    section(SECTION.code, joinBytes(bodies)),
  ]);
}

/** One function whose body is `bytes` nops long, returning 7. */
export function hugeFunction(bytes: number): Uint8Array {
  const body = new Uint8Array(bytes + 2).fill(0x01);
  body.set([0x41, 0x07], bytes);
  return singleFunction(body);
}

/** One function declaring `count` locals of `type`, returning 7. */
export function manyLocals(count: number, type = I32): Uint8Array {
  return singleFunction([0x41, 0x07], [[count, type]]);
}

/**
 * Unbounded recursion in a function with `count` i64 locals: each frame is large, so the stack
 * runs out after few calls.
 */
export function recursionWithLocals(count: number): Uint8Array {
  // main(): i64 = local[0] + main()
  const body = [0x20, 0x00, 0x10, 0x00, 0x7c, END];
  return moduleBytes([
    section(SECTION.type, vec([funcType([], [I64])])),
    section(SECTION.function, vec([uleb(0)])),
    exportMain(0),
    section(SECTION.code, joinBytes([uleb(1), codeEntry([[count, I64]], body)])),
  ]);
}

/**
 * A type section of `count` distinct function types (params spell i in base 4 over i32, i64,
 * f32, f64), plus a main returning 7.
 */
export function hugeTypeSection(count: number, distinct = true): Uint8Array {
  const kinds = [0x7f, 0x7e, 0x7d, 0x7c];
  const types: number[][] = [funcType([], [I32])];
  for (let i = 1; i < count; i++) {
    const params: number[] = [];
    for (let n = distinct ? i : 0; n > 0; n = Math.floor(n / 4)) params.push(kinds[n % 4]);
    types.push(funcType(params, []));
  }
  return moduleBytes([
    section(SECTION.type, vec(types)),
    section(SECTION.function, vec([uleb(0)])),
    exportMain(0),
    section(SECTION.code, joinBytes([uleb(1), codeEntry([], [0x41, 0x07, END])])),
  ]);
}

/** `count` exports of the same function (V8 allows 100,000). */
export function manyExports(count: number): Uint8Array {
  const entries: number[][] = [exportFunc("main", 0)];
  for (let i = 1; i < count; i++) entries.push(exportFunc(`e${i}`, 0));
  return moduleBytes([
    section(SECTION.type, vec([funcType([], [I32])])),
    section(SECTION.function, vec([uleb(0)])),
    section(SECTION.export, vec(entries)),
    section(SECTION.code, joinBytes([uleb(1), codeEntry([], [0x41, 0x07, END])])),
  ]);
}

/** A br_table with `targets` entries (V8 allows 65,520). */
export function hugeBrTable(targets: number): Uint8Array {
  const table = new Uint8Array(targets).fill(0x00);
  const body = joinBytes([
    [0x02, 0x40, 0x41, 0x00, 0x0e],
    uleb(targets),
    table,
    [0x00, END, 0x41, 0x07],
  ]);
  return singleFunction(body);
}

/**
 * The normal module (main returns 7) padded with a custom section to exactly `total` bytes, for
 * the module-size limit. `total` must leave room for the padding's own header.
 */
export function moduleOfSize(total: number): Uint8Array {
  const core = singleFunction([0x41, 0x07]);
  const label = name("padding");
  // Solve for the payload length p: 1 (id) + leb(label + p) + label + p = total - core.
  let payload = total - core.length - 1 - label.length - 1;
  while (
    payload >= 0 &&
    1 + uleb(label.length + payload).length + label.length + payload + core.length > total
  ) {
    payload--;
  }
  const padding = section(SECTION.custom, joinBytes([label, new Uint8Array(payload)]));
  const out = joinBytes([core, padding]);
  if (out.length !== total) throw new Error(`moduleOfSize: made ${out.length}, wanted ${total}`);
  return out;
}
