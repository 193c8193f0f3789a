// The C/C++ compiler's progress while a compile is under way: downloading N of M MB (or reading
// it back from the browser cache), preparing, compiling. The download has a determinate bar;
// the other stages an indeterminate one.
import { usePlaygroundState } from "../state/context";
import { clangProgressText } from "../controller/compile";

export function ClangProgress() {
  const progress = usePlaygroundState((s) => s.clangProgress);
  if (progress === null) return null;
  const download = progress.stage === "download";
  return (
    <div
      className="clang-progress"
      role="status"
      data-testid="clang-progress"
      data-stage={progress.stage}
      data-source={download ? progress.source : undefined}
    >
      <progress
        max={download ? progress.totalBytes : undefined}
        value={download ? progress.loadedBytes : undefined}
        aria-label="C/C++ compiler progress"
      />
      <span>{clangProgressText(progress)}</span>
    </div>
  );
}
