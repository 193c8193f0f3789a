// The C examples (public/examples/wasi), run against createWasiHost: one WASI function group each.
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { EXAMPLES_DIR, loadExample, runWasi } from "./test-harness";

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe("WASI C examples", () => {
  it("hello: stdout and stderr go to their streams; returning 0 is no proc_exit", async () => {
    const run = await runWasi(loadExample("hello"));
    expect(run.stdout).toBe("Hello from C on WASI!\n");
    expect(run.stderr).toBe("this line goes to stderr\n");
    expect(run.exitCode).toBeUndefined();
  });

  it("args-env: argv[0] is the program name, then the args (UTF-8 intact), then env", async () => {
    const run = await runWasi(loadExample("args-env"), {
      programName: "args-env.wasm",
      argv: ["one", "two words", "héllo ✓"],
      env: { GREETING: "hi", EMPTY: "" },
    });
    expect(run.stdout).toBe(
      [
        "argc=4",
        "argv[0]=args-env.wasm",
        "argv[1]=one",
        "argv[2]=two words",
        "argv[3]=héllo ✓",
        "env GREETING=hi",
        "env EMPTY=",
        "",
      ].join("\n"),
    );
  });

  it("exit3: exit(3) is proc_exit(3), seen as exitCode 3 after the output", async () => {
    const run = await runWasi(loadExample("exit3"));
    expect(run.stdout).toBe("about to exit with status 3\n");
    expect(run.exitCode).toBe(3);
  });

  it("stdin-echo: reads all of stdin from fd 0", async () => {
    const run = await runWasi(loadExample("stdin-echo"), { stdin: "first\nsecond\n" });
    expect(run.stdout).toBe("1: first\n2: second\n\nread 13 bytes from stdin\n");
    const empty = await runWasi(loadExample("stdin-echo"));
    expect(empty.stdout).toBe("\nread 0 bytes from stdin\n");
    const bytes = await runWasi(loadExample("stdin-echo"), { stdin: new Uint8Array([65, 10]) });
    expect(bytes.stdout).toContain("1: A\n");
  });

  it("wordcount: reads /input.txt and writes /output.txt; readFiles returns both", async () => {
    const input = "the quick brown fox\njumps over\n\nthe lazy dog\n";
    const run = await runWasi(loadExample("wordcount"), {
      files: [
        { path: "/input.txt", data: input },
        { path: "notes/keep.bin", data: new Uint8Array([1, 2, 3]) },
      ],
    });
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBeUndefined();
    expect(run.stdout).toBe("wrote /output.txt: 4 lines, 9 words, 45 bytes\n");
    expect(Object.keys(run.files).sort()).toEqual(["/input.txt", "/notes/keep.bin", "/output.txt"]);
    expect(text(run.files["/output.txt"])).toBe("lines: 4\nwords: 9\nbytes: 45\n");
    expect(text(run.files["/input.txt"])).toBe(input);
    expect([...run.files["/notes/keep.bin"]]).toEqual([1, 2, 3]);
  });

  it("wordcount: a missing input file is an error message and exit code 1", async () => {
    const run = await runWasi(loadExample("wordcount"));
    expect(run.stderr).toMatch(/^cannot open \/input.txt: No such file or directory/);
    expect(run.exitCode).toBe(1);
    expect(run.files).toEqual({});
  });

  it("wordcount: overwrites an existing /output.txt (O_TRUNC)", async () => {
    const run = await runWasi(loadExample("wordcount"), {
      files: [
        { path: "/input.txt", data: "a b\n" },
        { path: "/output.txt", data: "x".repeat(1000) },
      ],
    });
    expect(text(run.files["/output.txt"])).toBe("lines: 1\nwords: 2\nbytes: 4\n");
  });
});

describe("WASI file system calls (fixtures/fs-ops.c)", () => {
  it("mkdir, append, stat, rename, seek/tell, pread/pwrite, unlink, rmdir, readdir, no escape", async () => {
    const wasm = readFileSync(new URL("./fixtures/fs-ops.wasm", import.meta.url));
    const run = await runWasi(wasm, { files: [{ path: "/keep.txt", data: "k" }] });
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(
      [
        "mkdir: 0",
        "stat size: 0 11",
        "rename: 0",
        "old gone: 1",
        "seek: 6",
        "read: 5 world",
        "tell: 11",
        "pwrite: 1",
        "pread: 11 hello World",
        "unlink: 0",
        "rmdir non-empty: -1 1",
        "rmdir empty: 0",
        "ls /: . .. keep.txt made",
        "ls /made: . .. b.txt",
        "escape: 1",
        "",
      ].join("\n"),
    );
    // Only regular files come back; the emptied and removed directories do not.
    expect(Object.keys(run.files)).toEqual(["/keep.txt", "/made/b.txt"]);
    expect(text(run.files["/made/b.txt"])).toBe("hello World");
  });
});

describe("WASI clocks and random", () => {
  it("deterministic mode: fixed epoch, ticking monotonic clock, virtual sleep, seeded random", async () => {
    const first = await runWasi(loadExample("clock-random"));
    const second = await runWasi(loadExample("clock-random"));
    expect(first.stdout).toBe(second.stdout);
    const lines = first.stdout.split("\n");
    expect(lines[0]).toBe("realtime: 1704067200.000000000");
    expect(lines[1]).toBe("monotonic: 0.001000000 then 0.002000000");
    expect(lines[2]).toBe("time(): 1704067200");
    // One tick (1 ms) per clock read, plus the 10 ms the program slept.
    expect(lines[3]).toBe("after sleeping 10 ms: 0.015000000");
    expect(lines[4]).toMatch(/^random:( [0-9a-f]{2}){16}$/);
    expect(new Set(lines[4].split(" ").slice(1)).size).toBeGreaterThan(4);
  });

  it("a different seed gives different random bytes", async () => {
    const a = await runWasi(loadExample("clock-random"));
    const b = await runWasi(loadExample("clock-random"), { seed: 42 });
    expect(a.stdout.split("\n")[4]).not.toBe(b.stdout.split("\n")[4]);
  });

  it("real mode: wall-clock time and crypto random differ between runs", async () => {
    const a = await runWasi(loadExample("clock-random"), { deterministic: false });
    const b = await runWasi(loadExample("clock-random"), { deterministic: false });
    const year = Number(a.stdout.split("\n")[2].split(" ")[1]);
    expect(Math.abs(year - Date.now() / 1000)).toBeLessThan(60);
    // 128 random bits: equal by chance with probability 2^-128.
    expect(a.stdout.split("\n")[4]).not.toBe(b.stdout.split("\n")[4]);
  });
});

describe("forever (the fixture for timeout and fuel tests)", () => {
  it("prints, then never returns: still running 300 ms later, until terminated", async () => {
    // A guest that never returns can only be stopped by ending its thread, so it runs in a
    // worker here, with stand-in WASI imports (the host itself is covered above).
    const worker = new Worker(
      `const { parentPort, workerData } = require("node:worker_threads");
       const bytes = require("node:fs").readFileSync(workerData);
       let memory;
       const wasi = new Proxy({}, { get: (_, name) => (...args) => {
         if (name === "fd_write") {
           const v = new DataView(memory.buffer);
           let text = "";
           for (let i = 0; i < args[2]; i++) {
             const at = args[1] + i * 8;
             text += Buffer.from(memory.buffer, v.getUint32(at, true), v.getUint32(at + 4, true));
           }
           parentPort.postMessage({ stdout: text });
           v.setUint32(args[3], Buffer.byteLength(text), true);
         }
         return 0;
       } });
       WebAssembly.instantiate(bytes, { wasi_snapshot_preview1: wasi }).then(({ instance }) => {
         memory = instance.exports.memory;
         instance.exports._start();
         parentPort.postMessage({ done: true });
       });`,
      { eval: true, workerData: `${EXAMPLES_DIR}forever.wasm` },
    );
    const messages: unknown[] = [];
    worker.on("message", (m) => messages.push(m));
    try {
      await new Promise<void>((resolve, reject) => {
        worker.once("error", reject);
        worker.once("message", () => resolve());
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(messages).toEqual([{ stdout: "looping forever\n" }]);
    } finally {
      await worker.terminate();
    }
  });
});
