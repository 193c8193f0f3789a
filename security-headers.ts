// The page's security headers: one place, used by `vite preview` (and the e2e tests, which run
// on it), by the dev server (less the CSP: Vite's dev client runs inline scripts), written to
// dist/_headers for static hosts that read that file, and the CSP as a <meta> tag in the built
// HTML for hosts that cannot set headers at all (a meta CSP cannot carry frame-ancestors).

/**
 * script-src: the bundle only, plus compiling wasm ('wasm-unsafe-eval'), never eval or inline.
 * worker-src blob:: Monaco's and the toolchain's workers. connect-src data:: binaryen fetches its
 * own wasm from a data: URL. Styles are left open: Monaco sets inline styles.
 */
const CSP_DIRECTIVES = [
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "connect-src 'self' data:",
  "form-action 'none'",
];

export const CSP_META = CSP_DIRECTIVES.join("; ");
export const CSP = [...CSP_DIRECTIVES, "frame-ancestors 'none'"].join("; ");

/** Cross-origin isolation: precise timers and SharedArrayBuffer for the page and its workers. */
export const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export const DEV_HEADERS = {
  ...ISOLATION_HEADERS,
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
};

export const PRODUCTION_HEADERS = { ...DEV_HEADERS, "Content-Security-Policy": CSP };

/** The Netlify / Cloudflare Pages `_headers` format: a path, then indented headers. */
export function headersFile(): string {
  const lines = Object.entries(PRODUCTION_HEADERS).map(([name, value]) => `  ${name}: ${value}`);
  return `/*\n${lines.join("\n")}\n`;
}
