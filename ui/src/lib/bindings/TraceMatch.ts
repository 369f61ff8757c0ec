// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * How the query was read, in the order the lookups are tried.
 */
export type TraceMatch = "ourId" | "smscId" | "number" | "text";
