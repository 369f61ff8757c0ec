// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * What a prune removed.
 */
export type PruneReport = { messages: bigint, 
/**
 * Receipts of those messages, and orphan receipts past the age.
 */
receipts: bigint, pdus: bigint, 
/**
 * Bytes the log's rows used before and after (the file itself shrinks only on VACUUM).
 */
usedBytesBefore: number, usedBytesAfter: number, };
