// A download of bytes the program wrote: a Blob behind an object URL made for this link and
// revoked when the link goes away (or its bytes change), so no URL outlives what it shows.
import { useEffect, useRef } from "react";

export function DownloadLink({
  bytes,
  fileName,
  testId,
}: {
  bytes: Uint8Array;
  fileName: string;
  testId?: string;
}) {
  const anchor = useRef<HTMLAnchorElement>(null);
  useEffect(() => {
    const link = anchor.current;
    if (!link) return;
    const url = URL.createObjectURL(
      new Blob([bytes.slice()], { type: "application/octet-stream" }),
    );
    link.href = url;
    return () => {
      link.removeAttribute("href");
      URL.revokeObjectURL(url);
    };
  }, [bytes]);
  return (
    <a
      ref={anchor}
      className="button button--small"
      download={fileName}
      data-testid={testId}
      aria-label={`Download ${fileName}`}
    >
      ⤓ Download
    </a>
  );
}
