// Typed values env host functions throw to end a guest run. They unwind through wasm frames like
// any JS exception; the runner remembers the first one (a guest could catch it with catch_all)
// and recognises them by class before anything else. Exits are not signals: a host binding
// reports them through exitCode() (host-bindings.ts).

/** A host function refused its arguments (bad pointer, abort()): reported as a trap. */
export class HostTrap extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HostTrap";
  }
}

/** The guest wrote more output than maxOutputBytes allows. */
export class OutputLimitReached extends Error {
  constructor(readonly limitBytes: number) {
    super(`output limit of ${limitBytes} bytes reached`);
    this.name = "OutputLimitReached";
  }
}

export type GuestSignal = HostTrap | OutputLimitReached;

export function isGuestSignal(value: unknown): value is GuestSignal {
  return value instanceof HostTrap || value instanceof OutputLimitReached;
}
