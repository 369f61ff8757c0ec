// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { BindStatus } from "./BindStatus";
import type { MessageView } from "./MessageView";

/**
 * Pushed to the UI whenever something it shows changes.
 */
export type ConsoleEvent = { "kind": "message", message: MessageView, } | { "kind": "bind", bind: BindStatus, } | { "kind": "missed", count: bigint, };
