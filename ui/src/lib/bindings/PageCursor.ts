// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * A row's place in the order: its creation time and ID.
 */
export type PageCursor = { 
/**
 * Milliseconds since the Unix epoch, as stored (the `createdAt` of the row).
 */
createdAtMs: number, id: string, };
