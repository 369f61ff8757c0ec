// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { MessageState } from "./MessageState";

/**
 * Narrows a trace or a log listing. Empty filters match everything.
 */
export type TraceFilters = { 
/**
 * Profile name, exactly.
 */
profile: string | null, 
/**
 * "MT" or "MO".
 */
direction: string | null, state: MessageState | null, 
/**
 * An error code as logged: an SMPP status name (ESME_RINVDSTADR) or one of ours
 * (response_timeout).
 */
errorCode: string | null, 
/**
 * Destination number (`+`, spaces and dashes ignored).
 */
to: string | null, 
/**
 * RFC 3339: messages created at or after this moment.
 */
since: string | null, 
/**
 * RFC 3339: messages created before this moment.
 */
until: string | null, 
/**
 * At most this many messages (default 50, at most 1000).
 */
limit: number | null, };
