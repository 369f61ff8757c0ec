// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * What a prune removed.
 */
export type PruneReport = { messages: number, 
/**
 * Receipts of those messages, and orphan receipts past the age.
 */
receipts: number, pdus: number, 
/**
 * Bytes the log's rows used before and after (the file itself shrinks only on VACUUM).
 */
usedBytesBefore: number, usedBytesAfter: number, };
