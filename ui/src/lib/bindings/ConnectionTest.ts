// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * What "Test connection" found, in plain words.
 */
export type ConnectionTest = { ok: boolean, 
/**
 * e.g. "Bound as TRX to 127.0.0.1:2775 in 12 ms (SMSC system_id: smsc-sim)".
 */
summary: string, 
/**
 * The SMPP status name of a refusal (ESME_RINVPASWD …) or our code (connect, tls, keyring).
 */
code: string | null, 
/**
 * The attempt's time to bind_resp (or to the failure), in milliseconds.
 */
elapsedMs: bigint, 
/**
 * Set when the current password was refused and the previous one (rotation) worked.
 */
usedPreviousPassword: boolean, };
