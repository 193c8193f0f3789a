// ExecuteOptions.outputBlobs: the whole stdout and stderr travel as Blobs, made where the text
// already is (the runner worker, or the pool from what streamed back before a kill), so the
// caller's thread gets a handle and a short head, never a string as long as the output cap.
import type { ExecutionResult } from "./types";

/** Characters of stdout and stderr a result keeps as text when the whole is in Blobs. */
export const OUTPUT_HEAD_CHARS = 64 * 1024;

const TEXT = "text/plain;charset=utf-8";

/** The first OUTPUT_HEAD_CHARS characters, never ending inside a surrogate pair. */
export function outputHead(text: string): string {
  if (text.length <= OUTPUT_HEAD_CHARS) return text;
  const code = text.charCodeAt(OUTPUT_HEAD_CHARS - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? OUTPUT_HEAD_CHARS - 1 : OUTPUT_HEAD_CHARS;
  return text.slice(0, end);
}

type Output = Pick<ExecutionResult, "output" | "stderr" | "outputBlob" | "stderrBlob">;

/** The head of text given in parts, joining only the parts the head needs. */
function headOfParts(parts: readonly string[]): string {
  let head = "";
  for (const part of parts) {
    if (head.length >= OUTPUT_HEAD_CHARS) break;
    head += part.slice(0, OUTPUT_HEAD_CHARS + 1);
  }
  return outputHead(head);
}

/** The output as a result carries it in Blob mode; the text arrives whole or in streamed parts. */
export function blobOutput(stdout: readonly string[], stderr: readonly string[]): Required<Output> {
  return {
    output: headOfParts(stdout),
    stderr: headOfParts(stderr),
    outputBlob: new Blob([...stdout], { type: TEXT }),
    stderrBlob: new Blob([...stderr], { type: TEXT }),
  };
}
