// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { MessageState } from "./MessageState";

/**
 * Narrows the listing. Empty filters match everything.
 */
export type PageFilter = { 
/**
 * Profile name, exactly.
 */
profile: string | null, 
/**
 * "MT" or "MO" (the Inbox).
 */
direction: string | null, state: MessageState | null, 
/**
 * An error code as logged (ESME_RINVDSTADR, response_timeout), exactly.
 */
errorCode: string | null, 
/**
 * RFC 3339: messages created at or after this moment.
 */
since: string | null, 
/**
 * RFC 3339: messages created before this moment.
 */
until: string | null, };
