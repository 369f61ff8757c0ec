// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { TraceMatch } from "./TraceMatch";
import type { TraceOrphan } from "./TraceOrphan";
import type { TracedMessage } from "./TracedMessage";

/**
 * The answer to "what happened to this message?".
 */
export type TraceResult = { query: string, 
/**
 * The readings of the query that were tried, in order.
 */
tried: Array<TraceMatch>, 
/**
 * Newest first.
 */
messages: Array<TracedMessage>, orphanReceipts: Array<TraceOrphan>, 
/**
 * More messages matched than the limit allowed.
 */
truncated: boolean, };
