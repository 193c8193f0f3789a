// The one rule for a guest file path, wherever one enters: a file the person adds on the page,
// a file in a share link or a draft, a file handed to the runner. Paths live under WASI's
// preopened "/", so "input.txt", "./a/b" and "/a//b" all name "/input.txt", "/a/b".

/** Longest path accepted (characters of the normalised form). */
export const MAX_GUEST_PATH_CHARS = 4096;

export type GuestPathCheck = { ok: true; path: string } | { ok: false; message: string };

/** The absolute form of `raw`, or why it is refused ("..", NUL, empty, too long). */
export function normalizeGuestPath(raw: string): GuestPathCheck {
  const parts = raw.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.length === 0) return { ok: false, message: "Give the file a name, e.g. /input.txt" };
  if (parts.includes("..")) return { ok: false, message: "A path cannot contain “..”" };
  if (raw.includes("\0")) return { ok: false, message: "A path cannot contain a NUL character" };
  const path = `/${parts.join("/")}`;
  if (path.length > MAX_GUEST_PATH_CHARS) {
    return { ok: false, message: `The path is longer than ${MAX_GUEST_PATH_CHARS} characters` };
  }
  return { ok: true, path };
}
