// The one toolchain worker of the page, created on first use and shared by every sandbox and
// by the UI's compile buttons.
import { spawnToolchainWorker } from "./spawn-workers";
import { ToolchainHost } from "./toolchain-host";

let shared: ToolchainHost | undefined;

export function sharedToolchain(): ToolchainHost {
  shared ??= new ToolchainHost(spawnToolchainWorker);
  return shared;
}
