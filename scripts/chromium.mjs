// The Chromium every browser test and benchmark drives: Debian's, since browsers cannot be
// downloaded here. The flags keep a headless run quiet on a machine with no outside network.
export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
  "--disable-quic",
];
