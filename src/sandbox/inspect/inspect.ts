// inspect(bytes): a pure-TypeScript reader of the wasm binary format. No binaryen, no V8: it is
// cheap enough for the main thread and safe on hostile input (every read is bounds-checked).
import { MalformedError, Reader } from "../wasm/reader";
import { count, fail, InspectError, readName } from "./refusals";
import { formatCount, INSPECT_LIMITS } from "./limits";
import type { ExportInfo, FuncSignature, ImportInfo, ModuleInfo, SectionInfo } from "./module-info";
import { emptyModuleInfo } from "./module-info";
import { readFunctionNames } from "./read-names";
import {
  readLimits,
  readTableType,
  readTypeSection,
  readValType,
  type FeatureSet,
} from "./read-types";
import { scanInstructions, skipConstExpr } from "./scan-code";

export type InspectResult = { ok: true; info: ModuleInfo } | { ok: false; message: string };

const SECTION_NAMES = [
  "custom", "type", "import", "function", "table", "memory", "global", "export", "start",
  "element", "code", "data", "datacount", "tag",
]; // prettier-ignore

/** Sections read to their end, so leftover bytes mean a malformed module. */
const FULLY_READ = new Set([1, 2, 3, 4, 5, 6, 7, 10, 13]);

const EXPORT_KINDS = ["function", "table", "memory", "global", "tag"] as const;

export interface InspectOptions {
  /** Walk function bodies to detect features (default true). The runner skips it: it needs imports and exports only. */
  scanCode?: boolean;
}

interface Parsed {
  scanCode: boolean;
  info: ModuleInfo;
  /** Every function type's signature by type index; null for struct and array types. */
  types: (FuncSignature | null)[];
  /** Type index of every function, imports first. */
  functionTypes: number[];
  features: FeatureSet;
}

function signatureOf(parsed: Parsed, typeIndex: number, reader: Reader): FuncSignature {
  const signature = parsed.types[typeIndex];
  if (!signature) fail(reader, `type ${typeIndex} is missing or not a function type`);
  return signature;
}

/** A count the inspector refuses past `limit`, with the limit in the message. */
function boundedCount(reader: Reader, what: string, limit: number): number {
  const n = count(reader, what);
  if (n > limit) {
    fail(
      reader,
      `${formatCount(n)} ${what}, over the ${formatCount(limit)} the sandbox accepts in one module`,
    );
  }
  return n;
}

/** A name the inspector refuses past INSPECT_LIMITS.nameBytes (V8 itself has no limit). */
function boundedName(reader: Reader, what: string): string {
  const start = reader.pos;
  const length = reader.u32();
  if (length > INSPECT_LIMITS.nameBytes) {
    reader.pos = start;
    fail(
      reader,
      `${what} of ${formatCount(length)} bytes, over the ${formatCount(INSPECT_LIMITS.nameBytes)} the sandbox accepts`,
    );
  }
  reader.pos = start;
  return readName(reader);
}

function readImports(reader: Reader, parsed: Parsed): void {
  const { info, features } = parsed;
  const n = boundedCount(reader, "imports", INSPECT_LIMITS.imports);
  for (let i = 0; i < n; i++) {
    const module = boundedName(reader, "an import module name");
    const name = boundedName(reader, "an import name");
    const kind = reader.byte();
    let entry: ImportInfo;
    if (kind === 0x00) {
      const typeIndex = reader.u32();
      parsed.functionTypes.push(typeIndex);
      entry = { module, name, kind: "function", signature: signatureOf(parsed, typeIndex, reader) };
    } else if (kind === 0x01) {
      entry = { module, name, kind: "table", ...readTableType(reader, features) };
    } else if (kind === 0x02) {
      entry = { module, name, kind: "memory", limits: readLimits(reader, features) };
    } else if (kind === 0x03) {
      const type = readValType(reader, features);
      entry = { module, name, kind: "global", type, mutable: reader.byte() === 1 };
    } else if (kind === 0x04) {
      features.add("exception-handling");
      reader.byte(); // attribute: always 0 (exception)
      entry = { module, name, kind: "tag", signature: signatureOf(parsed, reader.u32(), reader) };
    } else {
      fail(reader, `unknown import kind 0x${kind.toString(16)}`);
    }
    info.imports.push(entry);
  }
}

function readTables(reader: Reader, parsed: Parsed): void {
  const n = count(reader, "tables");
  for (let i = 0; i < n; i++) {
    const withInit = reader.bytes[reader.pos] === 0x40;
    if (withInit) {
      reader.skip(2); // 0x40 0x00: a table with an initialiser expression
      parsed.features.add("gc");
    }
    parsed.info.tables.push(readTableType(reader, parsed.features));
    if (withInit) skipConstExpr(reader, parsed.features);
  }
}

function readGlobals(reader: Reader, parsed: Parsed): void {
  const n = count(reader, "globals");
  for (let i = 0; i < n; i++) {
    const type = readValType(reader, parsed.features);
    const mutable = reader.byte() === 1;
    skipConstExpr(reader, parsed.features);
    parsed.info.globals.push({ type, mutable });
  }
}

function readExports(reader: Reader, parsed: Parsed): void {
  const n = boundedCount(reader, "exports", INSPECT_LIMITS.exports);
  for (let i = 0; i < n; i++) {
    const name = boundedName(reader, "an export name");
    const kindByte = reader.byte();
    const index = reader.u32();
    const kind = EXPORT_KINDS[kindByte];
    if (kind === undefined) fail(reader, `unknown export kind 0x${kindByte.toString(16)}`);
    if (kind === "function") {
      const typeIndex = parsed.functionTypes[index];
      if (typeIndex === undefined) fail(reader, `export "${name}" names missing function ${index}`);
      const signature = signatureOf(parsed, typeIndex, reader);
      parsed.info.exports.push({ name, kind, index, signature });
    } else {
      parsed.info.exports.push({ name, kind, index } satisfies ExportInfo);
    }
  }
}

function readCode(reader: Reader, parsed: Parsed): void {
  const n = count(reader, "function bodies");
  for (let i = 0; i < n; i++) {
    const size = reader.u32();
    if (size > reader.remaining) fail(reader, `function body ${i} runs past its section`);
    const body = new Reader(reader.bytes, reader.pos, reader.pos + size);
    reader.skip(size);
    const localGroups = count(body, "local groups");
    for (let j = 0; j < localGroups; j++) {
      body.u32();
      readValType(body, parsed.features);
    }
    scanInstructions(body, parsed.features);
  }
}

function readSection(id: number, reader: Reader, parsed: Parsed): void {
  const { info, features } = parsed;
  switch (id) {
    case 1: {
      const types = readTypeSection(reader, features);
      parsed.types = types.map((t) => (t.composite.kind === "func" ? t.composite.signature : null));
      info.types = types.slice(0, INSPECT_LIMITS.listedTypes);
      info.typeCount = types.length;
      return;
    }
    case 2:
      return readImports(reader, parsed);
    case 3: {
      const n = count(reader, "functions");
      for (let i = 0; i < n; i++) parsed.functionTypes.push(reader.u32());
      info.functionCount = n;
      return;
    }
    case 4:
      return readTables(reader, parsed);
    case 5: {
      const n = count(reader, "memories");
      for (let i = 0; i < n; i++) info.memories.push(readLimits(reader, features));
      return;
    }
    case 6:
      return readGlobals(reader, parsed);
    case 7:
      return readExports(reader, parsed);
    case 8:
      info.hasStart = true;
      return;
    case 10:
      return parsed.scanCode ? readCode(reader, parsed) : undefined;
    case 12:
      features.add("bulk-memory");
      return;
    case 13: {
      features.add("exception-handling");
      const n = count(reader, "tags");
      for (let i = 0; i < n; i++) {
        reader.byte(); // attribute: always 0 (exception)
        info.tags.push(signatureOf(parsed, reader.u32(), reader));
      }
      return;
    }
    default:
      return; // element (9) and data (11): nothing inspect reports
  }
}

function parse(bytes: Uint8Array, scanCode: boolean): ModuleInfo {
  const reader = new Reader(bytes);
  if (bytes.length < 8)
    throw new InspectError(`too short for a wasm module (${bytes.length} bytes)`);
  if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new InspectError("not a wasm module: the file does not start with \\0asm");
  }
  const version = bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24);
  if (version !== 1) {
    throw new InspectError(`unsupported wasm version ${version} (components are not supported)`);
  }
  reader.pos = 8;
  const info = emptyModuleInfo(bytes.length);
  const parsed: Parsed = { scanCode, info, types: [], functionTypes: [], features: new Set() };
  while (!reader.done) {
    const offset = reader.pos;
    if (info.sections.length === INSPECT_LIMITS.sections) {
      throw new InspectError(
        `more than ${formatCount(INSPECT_LIMITS.sections)} sections (custom sections included; section ${formatCount(INSPECT_LIMITS.sections + 1)} starts at byte 0x${offset.toString(16)}): the sandbox reads at most ${formatCount(INSPECT_LIMITS.sections)}`,
      );
    }
    const id = reader.byte();
    const size = reader.u32();
    if (size > reader.remaining) fail(reader, `section ${id} (${size} bytes) runs past the end`);
    const section = new Reader(bytes, reader.pos, reader.pos + size);
    reader.skip(size);
    const known = SECTION_NAMES[id];
    if (known === undefined)
      throw new InspectError(`unknown section id ${id} at byte 0x${offset.toString(16)}`);
    let name = known;
    if (id === 0) {
      const customName = boundedName(section, "a custom section name");
      name = `custom:${customName}`;
      // A damaged name section is legal (V8 ignores it): it must not fail inspection.
      if (customName === "name") info.functionNames = readFunctionNames(section);
    } else {
      readSection(id, section, parsed);
      const fullyRead = FULLY_READ.has(id) && (id !== 10 || scanCode);
      if (fullyRead && !section.done) {
        fail(section, `section "${known}" has ${section.remaining} unread bytes`);
      }
    }
    info.sections.push({ name, id, offset, size: reader.pos - offset } satisfies SectionInfo);
  }
  const memories = info.memories.length + info.imports.filter((i) => i.kind === "memory").length;
  if (memories > 1) parsed.features.add("multimemory");
  if (info.tables.length + info.imports.filter((i) => i.kind === "table").length > 1) {
    parsed.features.add("reference-types");
  }
  info.features = [...parsed.features].sort();
  return info;
}

/** Reads a module's structure. Never throws: a malformed binary gives { ok: false, message }. */
export function inspect(bytes: Uint8Array, options: InspectOptions = {}): InspectResult {
  try {
    return { ok: true, info: parse(bytes, options.scanCode ?? true) };
  } catch (error) {
    if (error instanceof InspectError || error instanceof MalformedError)
      return { ok: false, message: `invalid module: ${error.message}` };
    if (error instanceof RangeError)
      return { ok: false, message: "invalid module: nested too deeply" };
    throw error;
  }
}
