// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { TraceReceipt } from "./TraceReceipt";

/**
 * A receipt that matched an ID query but belongs to no logged message (yet).
 */
export type TraceOrphan = { profileName: string, 
/**
 * RFC 3339 UTC with milliseconds.
 */
receivedAt: string, receipt: TraceReceipt, };
