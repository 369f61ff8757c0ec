// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * A delivery receipt, explained.
 */
export type TraceReceipt = { receiptId: number, 
/**
 * The message_id the receipt names, as received.
 */
smscMessageId: string, 
/**
 * `stat:` as received (DELIVRD, UNDELIV, ...), else from the message_state TLV.
 */
stat: string | null, 
/**
 * What that state means.
 */
statMeaning: string | null, 
/**
 * `err:` as received.
 */
err: string | null, 
/**
 * What the err code means (the provider's table where the profile's preset has one).
 */
errMeaning: string | null, 
/**
 * A repeat of a receipt already applied (the SMSC resent it); it changed nothing.
 */
duplicate: boolean, 
/**
 * It arrived before the submit_sm_resp that told us the message_id (kept as an orphan,
 * then attached).
 */
beforeResponse: boolean, 
/**
 * Milliseconds since submit_sm was written.
 */
latencyMs: number | null, 
/**
 * The deliver_sm that carried it, when found in the PDU log.
 */
pduId: number | null, };
