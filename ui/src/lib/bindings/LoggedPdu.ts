// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * A PDU as it went over the wire (bind passwords were masked before it was logged).
 */
export type LoggedPdu = { id: number, 
/**
 * "in" (from the SMSC) or "out" (from us).
 */
direction: string, 
/**
 * RFC 3339 UTC with milliseconds.
 */
at: string, 
/**
 * The whole frame, lowercase hex without separators.
 */
hex: string, 
/**
 * e.g. submit_sm_resp; "command 0x…" for an unknown command, "unknown" when the header
 * is unreadable.
 */
commandName: string, };
