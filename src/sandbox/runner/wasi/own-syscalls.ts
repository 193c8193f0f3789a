// The WASI functions this host implements itself instead of delegating to browser_wasi_shim,
// each for a measured reason:
// - args_*: the shim sizes argv_buf by UTF-16 length but writes UTF-8, so a non-ASCII argument
//   overruns the buffer the guest allocated.
// - clock_*, random_get, poll_oneoff: must be virtual in deterministic mode; the shim's
//   poll_oneoff also spins the CPU for the whole sleep.
// - proc_exit: throws our typed WasiExit and records the code.
// - proc_raise, sock_*: the shim throws bare strings; the spec answer is an errno.
// Arguments arrive already read as unsigned (see wasi-host.ts). Spec: wasi_snapshot_preview1.witx.
import { OpenFile, wasi } from "@bjorn3/browser_wasi_shim";
import type { GuestClock, GuestRandom } from "./clocks";
import { WasiExit } from "./errors";
import type { GuestMemory } from "./guest-memory";

export interface OwnSyscallState {
  args: Uint8Array[];
  env: Uint8Array[];
  clock: GuestClock;
  random: GuestRandom;
  fds: unknown[];
  onExit(code: number): void;
}

type Impl = (mem: () => GuestMemory, ...args: never[]) => number;

function sizes(list: Uint8Array[]): [count: number, bytes: number] {
  return [list.length, list.reduce((sum, item) => sum + item.byteLength + 1, 0)];
}

/** Writes a NUL-terminated string list: pointers at `ptrs`, bytes at `buf` (args_get/environ_get). */
function writeStrings(m: GuestMemory, list: Uint8Array[], ptrs: number, buf: number): number {
  const [count, bytes] = sizes(list);
  m.check(ptrs, count * 4);
  m.check(buf, bytes);
  for (const item of list) {
    m.setU32(ptrs, buf);
    m.write(buf, item);
    m.write(buf + item.byteLength, new Uint8Array(1));
    ptrs += 4;
    buf += item.byteLength + 1;
  }
  return wasi.ERRNO_SUCCESS;
}

function writeSizes(m: GuestMemory, list: Uint8Array[], countPtr: number, sizePtr: number): number {
  const [count, bytes] = sizes(list);
  m.check(countPtr, 4);
  m.check(sizePtr, 4);
  m.setU32(countPtr, count);
  m.setU32(sizePtr, bytes);
  return wasi.ERRNO_SUCCESS;
}

// Layout of subscription (48 bytes) and event (32 bytes) in the witx.
const SUBSCRIPTION_BYTES = 48;
const EVENT_BYTES = 32;
const SUBCLOCKFLAGS_ABSTIME = 1;

function pollOneoff(
  s: OwnSyscallState,
  m: GuestMemory,
  inPtr: number,
  outPtr: number,
  n: number,
  neventsPtr: number,
): number {
  if (n === 0) return wasi.ERRNO_INVAL;
  m.check(inPtr, n * SUBSCRIPTION_BYTES, "subscriptions");
  m.check(outPtr, n * EVENT_BYTES, "events");
  m.check(neventsPtr, 4);
  const view = m.view();
  const events: { userdata: bigint; error: number; type: number; nbytes: bigint }[] = [];
  let soonest: { userdata: bigint; wait: bigint } | undefined;
  for (let i = 0; i < n; i++) {
    const at = inPtr + i * SUBSCRIPTION_BYTES;
    const userdata = view.getBigUint64(at, true);
    const type = view.getUint8(at + 8);
    if (type === wasi.EVENTTYPE_CLOCK) {
      const id = view.getUint32(at + 16, true);
      const timeout = view.getBigUint64(at + 24, true);
      const absolute = (view.getUint16(at + 40, true) & SUBCLOCKFLAGS_ABSTIME) !== 0;
      const now = s.clock.now(id);
      if (now === undefined) {
        events.push({ userdata, error: wasi.ERRNO_INVAL, type, nbytes: 0n });
        continue;
      }
      const wait = absolute ? (timeout > now ? timeout - now : 0n) : timeout;
      if (soonest === undefined || wait < soonest.wait) soonest = { userdata, wait };
    } else if (type === wasi.EVENTTYPE_FD_READ || type === wasi.EVENTTYPE_FD_WRITE) {
      // In-memory files and the console never block: every fd is ready at once.
      const fd = s.fds[view.getUint32(at + 16, true)];
      const left = fd instanceof OpenFile ? fd.file.size - fd.file_pos : 0n;
      const error = fd === undefined ? wasi.ERRNO_BADF : wasi.ERRNO_SUCCESS;
      events.push({ userdata, error, type, nbytes: left > 0n ? left : 0n });
    } else {
      events.push({ userdata, error: wasi.ERRNO_INVAL, type, nbytes: 0n });
    }
  }
  // Sleep only when nothing is ready now (as poll does), and only until the soonest timer.
  if (events.length === 0 && soonest !== undefined) {
    s.clock.sleep(soonest.wait);
    events.push({ userdata: soonest.userdata, error: 0, type: wasi.EVENTTYPE_CLOCK, nbytes: 0n });
  }
  const out = m.view();
  events.forEach((event, i) => {
    const at = outPtr + i * EVENT_BYTES;
    new Uint8Array(out.buffer, at, EVENT_BYTES).fill(0);
    out.setBigUint64(at, event.userdata, true);
    out.setUint16(at + 8, event.error, true);
    out.setUint8(at + 10, event.type);
    if (event.type !== wasi.EVENTTYPE_CLOCK) out.setBigUint64(at + 16, event.nbytes, true);
  });
  m.setU32(neventsPtr, events.length);
  return wasi.ERRNO_SUCCESS;
}

export function ownSyscalls(s: OwnSyscallState): Record<string, Impl> {
  const impls = {
    args_get: (mem: () => GuestMemory, argv: number, buf: number) =>
      writeStrings(mem(), s.args, argv, buf),
    args_sizes_get: (mem: () => GuestMemory, count: number, size: number) =>
      writeSizes(mem(), s.args, count, size),
    environ_get: (mem: () => GuestMemory, env: number, buf: number) =>
      writeStrings(mem(), s.env, env, buf),
    environ_sizes_get: (mem: () => GuestMemory, count: number, size: number) =>
      writeSizes(mem(), s.env, count, size),
    clock_res_get(mem: () => GuestMemory, id: number, resPtr: number) {
      const res = s.clock.resolution(id);
      if (res === undefined) return wasi.ERRNO_INVAL;
      mem().setU64(resPtr, res);
      return wasi.ERRNO_SUCCESS;
    },
    clock_time_get(mem: () => GuestMemory, id: number, _precision: bigint, timePtr: number) {
      const m = mem();
      m.check(timePtr, 8); // before reading: a trapping call must not move the virtual clock
      const now = s.clock.now(id);
      if (now === undefined) return wasi.ERRNO_INVAL;
      m.setU64(timePtr, now);
      return wasi.ERRNO_SUCCESS;
    },
    random_get(mem: () => GuestMemory, buf: number, len: number) {
      s.random.fill(mem().region(buf, len));
      return wasi.ERRNO_SUCCESS;
    },
    poll_oneoff: (mem: () => GuestMemory, i: number, o: number, n: number, ne: number) =>
      pollOneoff(s, mem(), i, o, n, ne),
    proc_exit(_mem: () => GuestMemory, code: number): never {
      const signed = code | 0; // read back as the C `int` the guest passed to exit()
      s.onExit(signed);
      throw new WasiExit(signed);
    },
    proc_raise: () => wasi.ERRNO_NOSYS,
    sched_yield: () => wasi.ERRNO_SUCCESS,
    sock_accept: () => wasi.ERRNO_NOTSUP,
    sock_recv: () => wasi.ERRNO_NOTSUP,
    sock_send: () => wasi.ERRNO_NOTSUP,
    sock_shutdown: () => wasi.ERRNO_NOTSUP,
  };
  return impls as Record<string, Impl>;
}
