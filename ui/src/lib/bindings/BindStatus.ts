// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { BindState } from "./BindState";

/**
 * The live state of a profile's bind.
 */
export type BindStatus = { profileName: string, state: BindState, 
/**
 * Why it is in Error (or Disconnected), in plain words.
 */
detail: string | null, host: string, port: number, 
/**
 * "TRX", "TX" or "RX".
 */
bindType: string, systemId: string, 
/**
 * RFC 3339 UTC: when the state last changed.
 */
since: string, };
