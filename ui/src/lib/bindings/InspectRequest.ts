// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * The PDU Inspector's input: hex as pasted (spaces, newlines, `0x`, `:` and `-` tolerated).
 */
export type InspectRequest = { hex: string, 
/**
 * Show bind passwords (off by default: pasted PDUs go into tickets).
 */
showPasswords: boolean, };
