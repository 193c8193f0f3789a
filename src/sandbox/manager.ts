// WasmSandboxManager: named sandboxes, as the original Python API had them.
import type { WasmSandboxConfig } from "./config";
import {
  defaultRuntime,
  WasmSandbox,
  type SandboxExecuteOptions,
  type SandboxRuntime,
} from "./sandbox";
import type { ExecutionResult } from "./types";

export class WasmSandboxManager {
  private readonly sandboxes = new Map<string, WasmSandbox>();

  constructor(private readonly runtime: SandboxRuntime = defaultRuntime()) {}

  /** Creates a sandbox under `name`; throws if the name is taken or the config is bad. */
  async createSandbox(name: string, config: WasmSandboxConfig = {}): Promise<WasmSandbox> {
    if (this.sandboxes.has(name)) throw new Error(`a sandbox named "${name}" already exists`);
    const sandbox = new WasmSandbox(config, this.runtime);
    this.sandboxes.set(name, sandbox);
    return sandbox;
  }

  /** The sandbox named `name`; throws, listing the names there are, when there is none. */
  get(name: string): WasmSandbox {
    const sandbox = this.sandboxes.get(name);
    if (!sandbox) {
      const names = [...this.sandboxes.keys()].map((n) => `"${n}"`).join(", ") || "none";
      throw new Error(
        `no sandbox named "${name}" (sandboxes: ${names}); create it with createSandbox first`,
      );
    }
    return sandbox;
  }

  has(name: string): boolean {
    return this.sandboxes.has(name);
  }

  get names(): string[] {
    return [...this.sandboxes.keys()];
  }

  async execute(
    name: string,
    bytes: Uint8Array | ArrayBuffer,
    options?: SandboxExecuteOptions,
  ): Promise<ExecutionResult> {
    return this.get(name).execute(bytes, options);
  }

  async close(name: string): Promise<void> {
    const sandbox = this.get(name);
    this.sandboxes.delete(name);
    await sandbox.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.sandboxes.values()];
    this.sandboxes.clear();
    await Promise.all(all.map((sandbox) => sandbox.close()));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.closeAll();
  }
}
