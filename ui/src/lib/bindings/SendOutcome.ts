// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { MessageView } from "./MessageView";

/**
 * The result of one send: the message as logged once submit_sm_resp (or the failure) came.
 */
export type SendOutcome = { message: MessageView, };
