// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * The retention setting (None: keep forever / no size limit).
 */
export type Retention = { 
/**
 * Prune messages, receipts and PDUs older than this many days.
 */
maxAgeDays: number | null, 
/**
 * Prune the oldest messages while the log uses more than this many MB.
 */
maxSizeMb: number | null, };
