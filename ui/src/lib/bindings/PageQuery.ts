// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { PageAnchor } from "./PageAnchor";
import type { PageCursor } from "./PageCursor";
import type { PageFilter } from "./PageFilter";
import type { PageOrder } from "./PageOrder";

/**
 * One page of the log.
 */
export type PageQuery = { filter: PageFilter, order: PageOrder, anchor: PageAnchor, 
/**
 * Rows wanted (1 to 1000).
 */
limit: number, 
/**
 * The snapshot a previous page of this listing returned; None starts a new listing.
 */
snapshot: PageCursor | null, 
/**
 * Count the rows of the whole listing too (once per listing: it reads every matching
 * index entry).
 */
withTotal: boolean, };
