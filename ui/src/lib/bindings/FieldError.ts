// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * One field that failed validation: which (the form's field name) and what to do.
 */
export type FieldError = { field: string, message: string, };
