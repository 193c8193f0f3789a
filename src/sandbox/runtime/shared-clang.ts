// The page's one clang worker host, created on the first C or C++ compile.
import { ClangHost } from "./clang-host";
import { spawnClangWorker } from "./spawn-workers";

let shared: ClangHost | undefined;

export function sharedClang(): ClangHost {
  shared ??= new ClangHost(spawnClangWorker);
  return shared;
}
