// AssemblyScript kernel: edit distance between pseudo-random strings, a dynamic-programming
// loop over two rows of a StaticArray (bounds-checked accesses, the shape of typical AS code).
// Built by ../build.sh with the npm package's asc; exports run(n) like the C kernels.

const LEN: i32 = 2000;

function fill(seed: u32, out: StaticArray<u8>): void {
  let x = seed;
  for (let i = 0; i < out.length; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    out[i] = <u8>(97 + (x & 3));
  }
}

export function run(reps: i32): i32 {
  const a = new StaticArray<u8>(LEN);
  const b = new StaticArray<u8>(LEN);
  let prev = new StaticArray<i32>(LEN + 1);
  let cur = new StaticArray<i32>(LEN + 1);
  let total = 0;
  for (let r = 0; r < reps; r++) {
    fill(<u32>(r * 2 + 1), a);
    fill(<u32>(r * 2 + 2), b);
    for (let j = 0; j <= LEN; j++) prev[j] = j;
    for (let i = 1; i <= LEN; i++) {
      cur[0] = i;
      const ca = a[i - 1];
      for (let j = 1; j <= LEN; j++) {
        const cost = ca == b[j - 1] ? 0 : 1;
        let d = prev[j - 1] + cost;
        const up = prev[j] + 1;
        const left = cur[j - 1] + 1;
        if (up < d) d = up;
        if (left < d) d = left;
        cur[j] = d;
      }
      const t = prev;
      prev = cur;
      cur = t;
    }
    total += prev[LEN];
  }
  return total;
}
