// The "env" host module: env.log for plain modules, env.abort and the rest of AssemblyScript's
// standard imports (assemblyscript-env.ts).
// NOTE: signatures are part of the allow-list contract; an import with any other signature is
// denied before instantiation.
import { assemblyScriptFunctions } from "./assemblyscript-env";
import { HostTrap } from "./guest-signals";
import { guestMemory, readAssemblyScriptString, readGuestBytes } from "./guest-memory";
import type { HostBindingFactory } from "./host-bindings";
import type { HostContext, HostModule } from "./host-module";

export function createEnvModule(context: HostContext): HostModule {
  return {
    name: "env",
    functions: {
      ...assemblyScriptFunctions(context),
      log: {
        signature: { params: ["i32", "i32"], results: [] },
        fn: (pointer: number, length: number) => {
          const memory = guestMemory(context, "env.log");
          context.write("stdout", readGuestBytes(memory, pointer, length, "env.log"));
        },
      },
      abort: {
        signature: { params: ["i32", "i32", "i32", "i32"], results: [] },
        fn: (message: number, file: number, line: number, column: number) => {
          const memory = context.memory();
          const text = memory ? readAssemblyScriptString(memory, message) : undefined;
          const where = memory ? readAssemblyScriptString(memory, file) : undefined;
          const location = where ? ` at ${where}:${line >>> 0}:${column >>> 0}` : "";
          throw new HostTrap(`abort: ${text ?? "(no message)"}${location}`);
        },
      },
    },
  };
}

export const envBinding: HostBindingFactory = (context) => ({ module: createEnvModule(context) });
