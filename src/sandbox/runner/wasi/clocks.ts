// Time and randomness for a WASI guest: fixed and seeded in deterministic mode, so a share link
// reproduces a run byte for byte; real otherwise.
//
// Deterministic time is a virtual clock: it starts at FIXED_EPOCH_NS (realtime) and 0
// (monotonic) and advances by CLOCK_TICK_NS on every reading, so loops that wait for time to
// pass still end, and two runs read the same sequence of values. A sleep (poll_oneoff on a
// clock) advances it by the requested time instead of blocking.

/** 2024-01-01T00:00:00Z in nanoseconds since the Unix epoch. Values must not change: share links reproduce with it. */
export const FIXED_EPOCH_NS = 1_704_067_200n * 1_000_000_000n;
/** How far the virtual clock moves on each reading (1 ms). */
export const CLOCK_TICK_NS = 1_000_000n;
/** The default PRNG seed in deterministic mode. */
export const DEFAULT_SEED = 0x5eed_c0de;

// clockid values of the witx.
export const CLOCKID_REALTIME = 0;
export const CLOCKID_MONOTONIC = 1;
export const CLOCKID_PROCESS_CPUTIME_ID = 2;
export const CLOCKID_THREAD_CPUTIME_ID = 3;

export interface GuestClock {
  /** Nanoseconds on `clockId`, or undefined for an unknown clock. */
  now(clockId: number): bigint | undefined;
  resolution(clockId: number): bigint | undefined;
  /** Let `ns` nanoseconds pass (virtually, or by blocking this worker). */
  sleep(ns: bigint): void;
}

export interface GuestRandom {
  fill(target: Uint8Array): void;
}

function isKnownClock(id: number): boolean {
  return id >= CLOCKID_REALTIME && id <= CLOCKID_THREAD_CPUTIME_ID;
}

export function virtualClock(): GuestClock {
  let elapsed = 0n;
  return {
    now(id) {
      if (!isKnownClock(id)) return undefined;
      const value = id === CLOCKID_REALTIME ? FIXED_EPOCH_NS + elapsed : elapsed;
      elapsed += CLOCK_TICK_NS;
      return value;
    },
    resolution: (id) => (isKnownClock(id) ? CLOCK_TICK_NS : undefined),
    sleep(ns) {
      elapsed += ns;
    },
  };
}

export function realClock(): GuestClock {
  // performance.now() is relative to the worker's start; monotonic only needs to be monotonic.
  const monotonicNs = () => BigInt(Math.round(performance.now() * 1e6));
  return {
    now(id) {
      if (!isKnownClock(id)) return undefined;
      return id === CLOCKID_REALTIME ? BigInt(Date.now()) * 1_000_000n : monotonicNs();
    },
    resolution: (id) => (isKnownClock(id) ? 1_000n : undefined),
    sleep(ns) {
      const ms = Number(ns / 1_000_000n);
      if (ms <= 0) return;
      // Block without spinning: Atomics.wait is allowed in workers (and in Node). The watchdog
      // still terminates the worker at the timeout, so a long sleep cannot outlive the run.
      try {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
      } catch {
        const end = performance.now() + ms;
        while (performance.now() < end) {
          // No SharedArrayBuffer (page not cross-origin isolated): spin instead.
        }
      }
    },
  };
}

/**
 * xoshiro128** seeded through splitmix32: small, fast, and the same stream on every engine.
 * Not cryptographic, and need not be: in deterministic mode reproducibility is the point.
 */
export function seededRandom(seed: number = DEFAULT_SEED): GuestRandom {
  let x = seed >>> 0;
  const splitmix32 = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const s = [splitmix32(), splitmix32(), splitmix32(), splitmix32()];
  const rotl = (v: number, k: number) => ((v << k) | (v >>> (32 - k))) >>> 0;
  const next = () => {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  return {
    fill(target) {
      for (let i = 0; i < target.length; i += 4) {
        let word = next();
        for (let j = i; j < Math.min(i + 4, target.length); j++, word >>>= 8)
          target[j] = word & 0xff;
      }
    },
  };
}

export function cryptoRandom(): GuestRandom {
  return {
    fill(target) {
      // getRandomValues refuses views of a SharedArrayBuffer (shared guest memory) and more than
      // 65,536 bytes at a time: fill a private chunk and copy it in.
      for (let i = 0; i < target.length; i += 65_536) {
        const chunk = new Uint8Array(Math.min(65_536, target.length - i));
        crypto.getRandomValues(chunk);
        target.set(chunk, i);
      }
    },
  };
}
