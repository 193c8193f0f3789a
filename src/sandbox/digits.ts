// Numbers in messages as people read them: "12,345,678". Written out rather than through
// toLocaleString("en-US"): the first Intl number format in a page loads ICU's locale data, which
// measured 30-450 ms on the main thread of a fresh Chromium renderer, and the page formats a
// number while it boots (the link schema's messages).

/** Groups the integer part's digits by thousands; a fraction keeps at most 3 digits, rounded. */
export function groupDigits(n: number | bigint): string {
  if (typeof n === "bigint") return group(n < 0n ? -n : n, n < 0n);
  if (!Number.isFinite(n)) return String(n);
  const rounded = Math.round(Math.abs(n) * 1000) / 1000;
  const whole = Math.trunc(rounded);
  const fraction = String(rounded).split(".")[1];
  // Beyond 2^53 a number has no exact digits; String gives its shortest exact form.
  const digits = Number.isSafeInteger(whole) ? group(BigInt(whole), false) : String(whole);
  const sign = n < 0 ? "-" : "";
  return `${sign}${digits}${fraction ? `.${fraction}` : ""}`;
}

function group(value: bigint, negative: boolean): string {
  const digits = value.toString();
  let out = "";
  for (let end = digits.length; end > 0; end -= 3) {
    const start = Math.max(0, end - 3);
    out = digits.slice(start, end) + (out ? `,${out}` : "");
  }
  return negative ? `-${out}` : out;
}
