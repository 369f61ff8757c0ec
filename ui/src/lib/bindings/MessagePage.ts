// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { MessageView } from "./MessageView";
import type { PageCursor } from "./PageCursor";

/**
 * A page of rows in the listing's order.
 */
export type MessagePage = { rows: Array<MessageView>, 
/**
 * Row number of the first row, when the anchor says it (Start: 0, Offset: the offset).
 */
offset: number | null, 
/**
 * Rows in the listing, when asked for.
 */
total: number | null, 
/**
 * The newest row the listing includes: pass it back with every further page. A message
 * newer than this is not in the listing (the UI adds it from its event).
 */
snapshot: PageCursor, 
/**
 * More rows follow past this page in the direction it was read (after its last row for
 * Start, After and Offset; before its first for Before).
 */
more: boolean, };
