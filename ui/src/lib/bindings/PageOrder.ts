// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * The order rows are listed in; creation time with our ID as the tie-breaker, so every row has
 * one place.
 */
export type PageOrder = "newestFirst" | "oldestFirst";
