// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { PageCursor } from "./PageCursor";

/**
 * Where the page starts, in the listing's order.
 */
export type PageAnchor = { "kind": "start" } | { "kind": "after", cursor: PageCursor, } | { "kind": "before", cursor: PageCursor, } | { "kind": "offset", offset: number, total: number | null, };
