// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * What the Send page (and `smppctl send`) asks for.
 */
export type SendRequest = { from: string, to: string, text: string, requestDlr: boolean, };
