// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * An error as data: a stable code (an SMPP status name such as `ESME_RINVDSTADR`, or one of
 * ours such as `validation`) and a human message that says what to do.
 */
export type ApiError = { code: string, message: string, };
