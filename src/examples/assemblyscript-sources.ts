// AssemblyScript sources of the examples, compiled in the browser by the toolchain worker.

export const FIBONACCI_AS = `// The original design's AssemblyScript example: recursive Fibonacci.
export function fibonacci(n: i32): i32 {
  if (n < 2) return n;
  return fibonacci(n - 1) + fibonacci(n - 2);
}
`;

export const STRINGS_AS = `// Strings and arrays work: the module is compiled with AssemblyScript's incremental
// garbage-collected runtime. Returns how many words of the sentence are longer than 4 letters.
export function countLongWords(minLength: i32): i32 {
  const words = "the quick brown fox jumps over the lazy sleeping dog".split(" ");
  const long = new Array<string>();
  for (let i = 0; i < words.length; i++) {
    if (words[i].length > minLength) long.push(words[i].toUpperCase());
  }
  return long.length;
}
`;
