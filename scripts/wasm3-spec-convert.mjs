// Converts the Wasm 3.0 core testsuite's .wast scripts (the proposals' files) into the command
// lists the spec harness runs (src/sandbox/testing/wast-runner.ts), with every module as binary.
// wabt's wast2json cannot parse GC, so this splits the scripts itself and turns module text into
// binaries with wasm-tools (jco's build). Run by hand when the pin moves; CI only reads the output.
//
//   npm i --prefix /tmp/jco @bytecodealliance/jco-transpile@0.15.0
//   node scripts/wasm3-spec-convert.mjs <testsuite checkout> <commit>
//
// Writes e2e/fixtures/wasm3-spec/scripts.json.gz. Number literals are parsed by wasm-tools too
// (each script's constants become globals of one module, read back as raw bits), so hex floats,
// NaN payloads and underscores mean exactly what the text format says.
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const require = createRequire("/tmp/jco/node_modules/");
const { parse } = await import(require.resolve("@bytecodealliance/jco-transpile/wasm-tools"));

/** The proposals merged into 3.0, and the testsuite files that test each. */
export const PROPOSAL_FILES = {
  gc: "array array_copy array_fill array_init_data array_init_elem array_new_data array_new_elem binary-gc br_on_cast br_on_cast_fail extern i31 ref_cast ref_eq ref_test struct type-canon type-equivalence type-rec type-subtyping table-sub",
  "function-references":
    "br_on_non_null br_on_null call_ref ref_as_non_null return_call_ref local_init ref ref_null ref_func ref_is_null type",
  exceptions: "tag throw throw_ref try_table",
  memory64:
    "address64 align64 bulk64 call_indirect64 endianness64 float_memory64 load64 memory64 memory64-imports memory_copy64 memory_fill64 memory_grow64 memory_init64 memory_redundancy64 memory_trap64 table64 table_copy64 table_fill64 table_get64 table_grow64 table_init64 table_set64 table_size64 binary_leb128_64",
  "multi-memory":
    "address0 address1 align0 binary0 data0 data1 data_drop0 exports0 float_exprs0 float_exprs1 float_memory0 imports0 imports1 imports2 imports3 imports4 linking0 linking1 linking2 linking3 load0 load1 load2 memory-multi memory_copy0 memory_copy1 memory_fill0 memory_init0 memory_size0 memory_size1 memory_size2 memory_size3 memory_trap0 memory_trap1 start0 store0 store1 store2 traps0",
  "relaxed-simd":
    "relaxed_dot_product relaxed_laneselect relaxed_madd_nmadd relaxed_min_max i16x8_relaxed_q15mulr_s i32x4_relaxed_trunc i8x16_relaxed_swizzle",
  "extended-const": "global data elem",
};

// ---- S-expressions -------------------------------------------------------------------------

/** Splits text into nested lists of atoms ({ atom, start }) and lists ({ list, start, end }). */
function readSexprs(text) {
  let i = 0;
  const top = [];
  const stack = [{ list: top }];
  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) if (text[k] === "\n") lineStarts.push(k + 1);
  while (i < text.length) {
    const c = text[i];
    if (c === ";" && text[i + 1] === ";") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "(" && text[i + 1] === ";") {
      let depth = 1;
      i += 2;
      while (depth > 0 && i < text.length) {
        const pair = text.slice(i, i + 2);
        depth += pair === "(;" ? 1 : pair === ";)" ? -1 : 0;
        i += pair === "(;" || pair === ";)" ? 2 : 1;
      }
    } else if (c === "(") {
      const node = { list: [], start: i };
      stack.at(-1).list.push(node);
      stack.push(node);
      i++;
    } else if (c === ")") {
      stack.pop().end = i + 1;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      const start = i;
      if (c === '"') {
        i++;
        while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
        i++;
      } else {
        while (i < text.length && !/[\s()";]/.test(text[i])) i++;
      }
      stack.at(-1).list.push({ atom: text.slice(start, i), start });
    }
  }
  const lineOf = (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  return { top, lineOf };
}

/** The bytes a wat string literal stands for. */
function stringBytes(literal) {
  const out = [];
  const s = literal.slice(1, -1);
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== "\\") {
      const cp = s.codePointAt(i);
      if (cp > 0xffff) i++;
      out.push(...enc.encode(String.fromCodePoint(cp)));
      continue;
    }
    const e = s[++i];
    if (/[0-9a-fA-F]/.test(e)) out.push(parseInt(s.slice(i, ++i + 1), 16));
    else if (e === "u") {
      const close = s.indexOf("}", i);
      out.push(...enc.encode(String.fromCodePoint(parseInt(s.slice(i + 2, close), 16))));
      i = close;
    } else out.push({ n: 10, t: 9, r: 13, '"': 34, "'": 39, "\\": 92 }[e]);
  }
  return Uint8Array.from(out);
}

const head = (node) => node.list?.[0]?.atom;
const isName = (node) => node?.atom?.startsWith("$");

// ---- values --------------------------------------------------------------------------------

/** Reads a const expression; numbers are left as { pending } for the batch parse. */
function readValue(node, pending) {
  const h = head(node);
  const args = node.list.slice(1).map((a) => a.atom);
  if (h === "either")
    return { type: "either", options: node.list.slice(1).map((n) => readValue(n, pending)) };
  if (h === "ref.null") return { type: "ref", kind: "null" };
  if (h === "ref.extern" || h === "ref.host") {
    return args.length
      ? { type: "ref", kind: "extern", n: Number(args[0]) }
      : { type: "ref", kind: "extern" };
  }
  if (h?.startsWith("ref.")) return { type: "ref", kind: h.slice(4) };
  if (h === "v128.const") return { type: "v128" };
  const type = h?.slice(0, 3);
  if (!["i32", "i64", "f32", "f64"].includes(type) || h.slice(3) !== ".const") {
    throw new Error(`unknown value ${h}`);
  }
  if (args[0].startsWith("nan:canonical") || args[0].startsWith("nan:arithmetic")) {
    return { type, nan: args[0].slice(4) };
  }
  const value = { type, literal: args[0] };
  pending.push(value);
  return value;
}

/** Resolves every pending literal through one module of globals parsed by wasm-tools. */
async function resolveLiterals(pending) {
  if (pending.length === 0) return;
  const globals = pending.map((v, i) => `(global $g${i} ${v.type} (${v.type}.const ${v.literal}))`);
  const bytes = await parse(`(module ${globals.join(" ")})`);
  let p = 8;
  const leb = () => {
    let r = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[p++];
      r += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) return r;
    }
  };
  const sleb = () => {
    let r = 0n;
    let shift = 0n;
    let b;
    do {
      b = bytes[p++];
      r |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    return b & 0x40 ? r - (1n << shift) : r;
  };
  while (bytes[p] !== 6) {
    p++;
    const size = leb();
    p += size;
  }
  p++;
  leb();
  const count = leb();
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  for (let i = 0; i < count; i++) {
    p += 2; // value type, mutability
    const op = bytes[p++];
    const v = pending[i];
    delete v.literal;
    if (op === 0x41) v.value = Number(BigInt.asIntN(32, sleb()));
    else if (op === 0x42) v.value = BigInt.asIntN(64, sleb()).toString();
    else if (op === 0x43) v.bits = view.getUint32(p, true);
    else if (op === 0x44) v.bits = view.getBigUint64(p, true).toString();
    p += op === 0x43 ? 4 : op === 0x44 ? 8 : 0;
    p++; // end
  }
}

// ---- v128 assertions: checked inside wasm ---------------------------------------------------

/** WAT that leaves 1 on the stack if the local `r` holds the expected value node, else 0. */
function checkExpr(node, r, text) {
  const h = head(node);
  if (h === "either") {
    const options = node.list.slice(1).map((n) => checkExpr(n, r, text));
    return options.reduce((a, b) => `(i32.or ${a} ${b})`);
  }
  const atoms = node.list.slice(1).map((n) => n.atom);
  if (h === "v128.const") {
    const [shape, ...lanes] = atoms;
    if (shape !== "f32x4" && shape !== "f64x2") {
      return `(i8x16.all_true (i8x16.eq (local.get ${r}) ${text.slice(node.start, node.end)}))`;
    }
    const lane = shape.slice(0, 3);
    return lanes
      .map((literal, i) =>
        floatCheck(lane, `(${shape}.extract_lane ${i} (local.get ${r}))`, literal),
      )
      .reduce((a, b) => `(i32.and ${a} ${b})`);
  }
  const type = h.slice(0, 3);
  if (type === "f32" || type === "f64") return floatCheck(type, `(local.get ${r})`, atoms[0]);
  if (type === "i32" || type === "i64")
    return `(${type}.eq (local.get ${r}) ${text.slice(node.start, node.end)})`;
  throw new Error(`no in-wasm check for ${h}`);
}

/** A float compared by its bits, or by the NaN class the script names. */
function floatCheck(type, value, literal) {
  const int = type === "f32" ? "i32" : "i64";
  const bits = `(${int}.reinterpret_${type} ${value})`;
  const quiet = type === "f32" ? "0x7fc00000" : "0x7ff8000000000000";
  const magnitude = type === "f32" ? "0x7fffffff" : "0x7fffffffffffffff";
  if (literal.startsWith("nan:canonical")) {
    return `(${int}.eq (${int}.and ${bits} (${int}.const ${magnitude})) (${int}.const ${quiet}))`;
  }
  if (literal.startsWith("nan:arithmetic")) {
    return `(${int}.eq (${int}.and ${bits} (${int}.const ${quiet})) (${int}.const ${quiet}))`;
  }
  return `(${int}.eq ${bits} (${int}.reinterpret_${type} (${type}.const ${literal})))`;
}

const valueType = (node) =>
  head(node) === "either" ? valueType(node.list[1]) : head(node).slice(0, 4);

/**
 * A module that imports the function under test as "spec_under_test" "f", calls it with the
 * script's arguments and exports "check": 1 if every result is what the script expects. A v128
 * cannot cross the JS boundary, but it can cross from module to module.
 */
function wrapperWat(invoke, expected, text) {
  const args = invoke.list.slice(1).filter((n) => n.list && !isName(n));
  const params = args.map((n) => head(n).slice(0, 4)).join(" ");
  const results = expected.map(valueType).join(" ");
  const locals = expected.map((n, i) => `(local $r${i} ${valueType(n)})`).join(" ");
  const sets = expected.map((_, i) => `(local.set $r${expected.length - 1 - i})`).join(" ");
  const checks = expected.map((n, i) => checkExpr(n, `$r${i}`, text));
  const all = checks.length ? checks.reduce((a, b) => `(i32.and ${a} ${b})`) : "(i32.const 1)";
  const call = args.map((n) => text.slice(n.start, n.end)).join(" ");
  return `(module
    (import "spec_under_test" "f" (func $f (param ${params}) (result ${results})))
    (func (export "check") (result i32) ${locals}
      ${call} (call $f) ${sets} ${all}))`;
}

const mentionsV128 = (nodes) =>
  nodes.some(
    (n) => head(n) === "v128.const" || (head(n) === "either" && mentionsV128(n.list.slice(1))),
  );

// ---- commands ------------------------------------------------------------------------------

async function moduleBinary(node, text) {
  const items = node.list.slice(1).filter((n) => !isName(n) && n.atom !== "definition");
  if (items[0]?.atom === "binary") {
    const parts = items.slice(1).map((n) => stringBytes(n.atom));
    return Buffer.concat(parts);
  }
  let source = text.slice(node.start, node.end);
  if (items[0]?.atom === "quote") {
    source = `(module ${items
      .slice(1)
      .map((n) => new TextDecoder().decode(stringBytes(n.atom)))
      .join(" ")})`;
  } else {
    source = source.replace(/^\(module(\s+(\$[^\s()]+|definition))*/, "(module");
  }
  return Buffer.from(await parse(source));
}

function readAction(node, pending) {
  const items = node.list.slice(1);
  const module = isName(items[0]) ? items.shift().atom : undefined;
  const name = new TextDecoder().decode(stringBytes(items.shift().atom));
  if (head(node) === "get") return { kind: "get", module, name };
  return { kind: "invoke", module, name, args: items.map((n) => readValue(n, pending)) };
}

/** Converts one script; a module wasm-tools cannot parse becomes an "unconverted" command. */
async function convertScript(text) {
  const { top, lineOf } = readSexprs(text);
  const commands = [];
  const modules = [];
  const pending = [];
  const addModule = async (node) => {
    const bytes = await moduleBinary(node, text);
    modules.push(bytes.toString("base64"));
    return modules.length - 1;
  };
  for (const node of top) {
    const line = lineOf(node.start);
    const h = head(node);
    const second = node.list[1];
    try {
      if (h === "module" && node.list.some((n) => n.atom === "instance")) {
        const [, , instance, of] = node.list.map((n) => n.atom);
        commands.push({ line, type: "instance", name: instance, of });
      } else if (h === "module") {
        const definition = node.list.some((n) => n.atom === "definition");
        const name = node.list.slice(1, 3).find(isName)?.atom;
        commands.push({ line, type: "module", name, definition, module: await addModule(node) });
      } else if (h === "register") {
        const as = new TextDecoder().decode(stringBytes(second.atom));
        commands.push({ line, type: "register", as, name: node.list[2]?.atom });
      } else if (h === "invoke" || h === "get") {
        commands.push({ line, type: "action", action: readAction(node, pending) });
      } else if (h === "assert_return" && mentionsV128([...second.list, ...node.list.slice(2)])) {
        const action = readAction(second, []);
        delete action.args;
        const wat = wrapperWat(second, node.list.slice(2), text);
        const wrapper = Buffer.from(await parse(wat));
        modules.push(wrapper.toString("base64"));
        commands.push({ line, type: "assert_return_in_wasm", action, wrapper: modules.length - 1 });
      } else if (h === "assert_return") {
        const action = readAction(second, pending);
        const expected = node.list.slice(2).map((n) => readValue(n, pending));
        commands.push({ line, type: h, action, expected });
      } else if (["assert_trap", "assert_exhaustion", "assert_exception"].includes(h)) {
        if (head(second) === "module") {
          commands.push({ line, type: "assert_trap_instantiate", module: await addModule(second) });
        } else commands.push({ line, type: h, action: readAction(second, pending) });
      } else if (["assert_invalid", "assert_malformed", "assert_unlinkable"].includes(h)) {
        if (h === "assert_malformed" && second.list.some((n) => n.atom === "quote")) {
          continue; // a text-format parser test: nothing for a binary engine to check
        }
        commands.push({ line, type: h, module: await addModule(second) });
      } else {
        commands.push({ line, type: "unconverted", reason: `unknown command ${h}` });
      }
    } catch (error) {
      const reason = String(error).split("\n")[0].slice(0, 160);
      commands.push({ line, type: "unconverted", reason: `${h}: ${reason}` });
    }
  }
  await resolveLiterals(pending);
  return { commands, modules };
}

const [root, commit] = process.argv.slice(2);
if (!root || !/^[0-9a-f]{40}$/.test(commit ?? "")) {
  console.error("usage: node scripts/wasm3-spec-convert.mjs <testsuite checkout> <commit>");
  process.exit(2);
}
const scripts = [];
for (const [proposal, files] of Object.entries(PROPOSAL_FILES)) {
  for (const file of files.split(" ")) {
    const text = readFileSync(join(root, `${file}.wast`), "utf8");
    const script = await convertScript(text);
    const unconverted = script.commands.filter((c) => c.type === "unconverted").length;
    console.log(
      `${proposal} ${file}: ${script.commands.length} commands, ${unconverted} unconverted`,
    );
    scripts.push({ file: `${file}.wast`, proposal, ...script });
  }
}
const out = gzipSync(JSON.stringify({ testsuite: "WebAssembly/testsuite", commit, scripts }), {
  level: 9,
});
writeFileSync("e2e/fixtures/wasm3-spec/scripts.json.gz", out);
console.log(`wrote ${out.length} bytes`);
