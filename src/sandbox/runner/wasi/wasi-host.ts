// createWasiHost: WASI preview 1 (`wasi_snapshot_preview1`, witx snapshot — see signatures.ts)
// as a HostModule for the runner, built on @bjorn3/browser_wasi_shim 0.4.2.
//
//   const wasi = createWasiHost({ context, programName: "hello.wasm", argv, env, stdin, files });
//   // offer wasi.module (name "wasi_snapshot_preview1") beside `env`; its signatures are exact
//   const instance = await WebAssembly.instantiate(module, { [wasi.module.name]: ... });
//   wasi.bindInstance(instance);            // optional when context.memory() already answers
//   try { instance.exports._start(); } catch (e) { if (!isWasiExit(e)) throw e; }
//   wasi.exitCode();   // undefined: the program returned; 0: success; n ≠ 0: errorKind "exit"
//   wasi.readFiles();  // { "/input.txt": bytes, "/output.txt": bytes, … } after the run
//
// What the guest gets: argv = [programName, ...argv]; env as "KEY=value"; fd 0 reads `stdin`;
// fd 1 and 2 go to context.write (which enforces the output cap and streams); fd 3 is the
// preopened directory "/" holding `files`, readable and writable. Clocks and random_get are
// virtual and seeded when context.deterministic is true (clocks.ts), real otherwise.
//
// Safety: every i32 argument is read as unsigned and every guest range is checked before use
// (pointer-checks.ts, own-syscalls.ts); a bad one, or a call made before the guest's memory
// exists (from a start function, before bindInstance), throws a WasiTrap — the runner's
// HostTrap signal, reported as errorKind "trap" — never another host exception. Every file the
// guest can reach counts once against maxFsBytes (fs-budget.ts); growth past it gets ERRNO_FBIG
// before anything is allocated. readFiles returns each file object once, under its first name;
// its other names (hard links) are in readFileLinks.
// proc_exit throws WasiExit; once the guest has exited, every further WASI call throws it again,
// so a guest that catches foreign exceptions (wasm EH catch_all) cannot run on after exit.
import {
  ConsoleStdout,
  File,
  Inode,
  OpenFile,
  PreopenDirectory,
  WASI,
  wasi,
} from "@bjorn3/browser_wasi_shim";
import type { GuestFile } from "../../types";
import type { HostContext, HostFunction, HostModule } from "../host-module";
import { cryptoRandom, realClock, seededRandom, virtualClock } from "./clocks";
import { toWasiError, WasiExit, WasiTrap } from "./errors";
import { SandboxConfigError } from "../../config";
import {
  buildRootContents,
  collectFiles,
  DEFAULT_MAX_FS_BYTES,
  fileLinks,
  sizeAfterWrite,
} from "./file-system";
import { FsBudget, inodesOf } from "./fs-budget";
import { GuestMemory } from "./guest-memory";
import { ownSyscalls } from "./own-syscalls";
import { DELEGATED_CHECKS, NO_MEMORY } from "./pointer-checks";
import { SIGNED_I64_PARAMS, WASI_FUNCTION_NAMES, WASI_MODULE, WASI_SIGNATURES } from "./signatures";
import type { WasiFunctionName } from "./signatures";

export interface WasiHostOptions {
  context: HostContext;
  /** argv[0]. Default "main.wasm". */
  programName?: string;
  /** argv[1..]. */
  argv?: readonly string[];
  env?: Readonly<Record<string, string>>;
  stdin?: string | Uint8Array;
  /** The person's files, placed under the preopened "/". */
  files?: readonly GuestFile[];
  /** PRNG seed in deterministic mode. Default DEFAULT_SEED (clocks.ts). */
  seed?: number;
  /**
   * Cap on the bytes of all files together, each file object once (its names and open fds add
   * nothing; an unlinked file still open counts); a write past it gets ERRNO_FBIG. The person's
   * files must fit in it. Default 64 MiB.
   */
  maxFsBytes?: number;
}

export interface WasiHost {
  /** The import module "wasi_snapshot_preview1": all 46 preview 1 functions, exact signatures. */
  module: HostModule;
  /** Gives the host the guest's memory: an instance exporting "memory", or the memory itself. */
  bindInstance(target: WebAssembly.Instance | WebAssembly.Memory): void;
  /** The code the guest passed to proc_exit (a signed i32), or undefined if it never called it. */
  exitCode(): number | undefined;
  /** Every regular file in the guest's file system after the run, "/path" → bytes (copies), each
   * file object once, under the first of its names in name order. */
  readFiles(): Record<string, Uint8Array>;
  /** The other names of those files (hard links): "/name" → the path readFiles has it under. */
  readFileLinks(): Record<string, string>;
}

type Growth = { fd: number; length: number; offset?: bigint };
type Args = (number | bigint)[];

/** The delegated calls that can grow a file, and by how much (offset: absent = the fd's position). */
const GROWING_CALLS: Record<string, (a: Args, m: () => GuestMemory) => Growth> = {
  fd_write: (a, m) => ({
    fd: a[0] as number,
    length: m().checkIovecs(a[1] as number, a[2] as number),
  }),
  fd_pwrite: (a, m) => ({
    fd: a[0] as number,
    length: m().checkIovecs(a[1] as number, a[2] as number),
    offset: a[3] as bigint,
  }),
  fd_allocate: (a) => ({ fd: a[0] as number, length: Number(a[2]), offset: a[1] as bigint }),
  fd_filestat_set_size: (a) => ({ fd: a[0] as number, length: 0, offset: a[1] as bigint }),
};

/** The delegated calls that may free bytes (a name or fd gone, a file truncated or replaced). */
const FREEING_CALLS = new Set([
  "fd_close",
  "fd_renumber",
  "fd_filestat_set_size",
  "path_open", // O_TRUNC
  "path_rename", // over an existing file
  "path_unlink_file",
]);

const encoder = new TextEncoder();
const toBytes = (data: string | Uint8Array) =>
  typeof data === "string" ? encoder.encode(data) : new Uint8Array(data);

/** The shim over the given files and stdio, and the file budget over what the guest holds. */
function openFileSystem(options: WasiHostOptions) {
  const { context } = options;
  const root = buildRootContents(options.files);
  const preopen = new PreopenDirectory("/", root);
  const fds = [
    new OpenFile(new File(toBytes(options.stdin ?? ""), { readonly: true })),
    new ConsoleStdout((bytes) => context.write("stdout", bytes)),
    new ConsoleStdout((bytes) => context.write("stderr", bytes)),
    preopen,
  ];
  // debug must be false explicitly: the shim's default (undefined) turns on a console.log of
  // every path the guest opens.
  const shim = new WASI([], [], fds, { debug: false });
  // What the guest holds: the tree under "/" and whatever its fds still hold open.
  const budget = new FsBudget(
    () => [preopen.dir, ...inodesOf(shim.fds)],
    options.maxFsBytes ?? DEFAULT_MAX_FS_BYTES,
  );
  if (budget.usedBytes > budget.maxBytes) {
    throw new SandboxConfigError(
      "files",
      `the files given hold ${budget.usedBytes} bytes, more than the file budget of ` +
        `${budget.maxBytes} bytes`,
    );
  }
  return { shim, budget, preopen };
}

export function createWasiHost(options: WasiHostOptions): WasiHost {
  const { context } = options;
  if (context.deterministic) {
    // Inode numbers come from a counter global to the shim; restart it so fstat/readdir show
    // the same numbers on every run in this worker. (Runs in one worker are sequential.)
    (Inode as unknown as { next_ino: bigint }).next_ino = 1n;
  }
  const { shim, budget, preopen } = openFileSystem(options);
  let boundMemory: WebAssembly.Memory | undefined;
  let exit: number | undefined;

  const memoryOf = (fnName: string): WebAssembly.Memory => {
    const memory = boundMemory ?? context.memory();
    if (memory === undefined) {
      throw new WasiTrap(
        `wasi ${fnName}: called before the guest's memory is available (a WASI call from a ` +
          `start function, or a module that exports no "memory")`,
      );
    }
    return memory;
  };
  let current = "";
  // The shim reads `inst.exports.memory.buffer` afresh in every call; a getter makes that our
  // checked lookup, so a growth-detached buffer or a missing memory never reaches it.
  shim.inst = {
    exports: {
      get memory() {
        return memoryOf(current);
      },
    },
  };

  const own = ownSyscalls({
    args: [options.programName ?? "main.wasm", ...(options.argv ?? [])].map((a) =>
      encoder.encode(a),
    ),
    env: Object.entries(options.env ?? {}).map(([k, v]) => encoder.encode(`${k}=${v}`)),
    clock: context.deterministic ? virtualClock() : realClock(),
    random: context.deterministic ? seededRandom(options.seed) : cryptoRandom(),
    fds: shim.fds,
    onExit: (code) => (exit = code),
  });

  /**
   * ERRNO_FBIG when the call would grow a file past the budget; ERRNO_BADF when it would resize
   * a read-only file (stdin: the shim refuses fd_write to it, not fd_allocate or set_size).
   */
  const growthRefused = (name: string, a: Args, m: () => GuestMemory) => {
    const growth = GROWING_CALLS[name]?.(a, m);
    if (growth === undefined) return undefined;
    const after = sizeAfterWrite(shim.fds[growth.fd], growth.length, growth.offset);
    if (after === undefined) return undefined;
    if (after[0].readonly) return wasi.ERRNO_BADF;
    return budget.allowGrowth(...after) ? undefined : wasi.ERRNO_FBIG;
  };
  const delegate = (name: string, a: Args, m: () => GuestMemory): number => {
    const check = DELEGATED_CHECKS[name];
    if (check !== NO_MEMORY) check(m(), a as number[]); // checks index only i32 parameters
    const refused = growthRefused(name, a, m);
    if (refused !== undefined) return refused;
    const fn = shim.wasiImport[name] as (...args: (number | bigint)[]) => unknown;
    if (FREEING_CALLS.has(name)) budget.mayHaveFreed();
    return (fn(...a) as number | undefined) ?? wasi.ERRNO_SUCCESS;
  };

  const wrap = (name: WasiFunctionName): HostFunction => {
    const signature = WASI_SIGNATURES[name];
    const signed = SIGNED_I64_PARAMS[name] ?? [];
    const ownImpl = own[name];
    return {
      signature,
      fn: (...raw: unknown[]) => {
        if (exit !== undefined) throw new WasiExit(exit);
        // witx types every i32 as unsigned; JS hands them to us signed.
        const a = signature.params.map((type, i) =>
          type === "i64"
            ? BigInt[signed.includes(i) ? "asIntN" : "asUintN"](64, BigInt(raw[i] as bigint))
            : Number(raw[i]) >>> 0,
        );
        current = name;
        const m = () => new GuestMemory(name, memoryOf(name));
        try {
          return ownImpl ? (ownImpl as (...x: unknown[]) => number)(m, ...a) : delegate(name, a, m);
        } catch (error) {
          throw toWasiError(name, error);
        }
      },
    };
  };

  const functions: Record<string, HostFunction> = {};
  for (const name of WASI_FUNCTION_NAMES) functions[name] = wrap(name);

  return {
    module: { name: WASI_MODULE, functions },
    bindInstance(target) {
      if (target instanceof WebAssembly.Memory) {
        boundMemory = target;
        return;
      }
      const memory = target.exports.memory;
      if (memory instanceof WebAssembly.Memory) boundMemory = memory;
    },
    exitCode: () => exit,
    readFiles: () => collectFiles(preopen.dir.contents),
    readFileLinks: () => fileLinks(preopen.dir.contents),
  };
}
