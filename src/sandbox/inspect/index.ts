export { inspect, type InspectResult } from "./inspect";
export type * from "./module-info";
export { formatSignature, sameSignature } from "./read-types";
export { formatType } from "./format-type";
export { INSPECT_LIMITS } from "./limits";
