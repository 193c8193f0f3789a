// The drivers by name (types.ts GUEST_DRIVERS).
import type { GuestDriver } from "../../types";
import type { Driver } from "./driver";
import { rubyWasmDriver } from "./ruby-wasm";

export type { Driver } from "./driver";

export const DRIVERS: Record<GuestDriver, Driver> = {
  "ruby-wasm": rubyWasmDriver,
};
