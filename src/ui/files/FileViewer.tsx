// Read-only view of a file's contents: text as it is, anything else as a hex dump of its start.
import { textOf } from "../controller/guest-files";

const MAX_TEXT_CHARS = 100_000;
const HEX_BYTES = 256;

function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let at = 0; at < Math.min(bytes.length, HEX_BYTES); at += 16) {
    const row = [...bytes.subarray(at, at + 16)].map((b) => b.toString(16).padStart(2, "0"));
    lines.push(`${at.toString(16).padStart(6, "0")}  ${row.join(" ")}`);
  }
  if (bytes.length > HEX_BYTES) lines.push(`… ${bytes.length - HEX_BYTES} more bytes`);
  return lines.join("\n");
}

export function FileViewer({ path, bytes }: { path: string; bytes: Uint8Array }) {
  const text = textOf(bytes);
  const shown =
    text === null
      ? hexDump(bytes)
      : text.length > MAX_TEXT_CHARS
        ? `${text.slice(0, MAX_TEXT_CHARS)}\n… (${text.length - MAX_TEXT_CHARS} more characters; download to see all)`
        : text;
  return (
    <figure className="file-viewer">
      <figcaption className="small muted">
        {path} · {text === null ? "binary" : "text"}
      </figcaption>
      <pre className="file-viewer__body mono" data-testid="file-viewer" tabIndex={0}>
        {shown === "" ? <span className="muted">(empty file)</span> : shown}
      </pre>
    </figure>
  );
}
