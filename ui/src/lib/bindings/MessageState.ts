// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * Where a message stands. Moves Queued → Submitted → Accepted → (receipt state), or ends
 * early in SubmitFailed / Failed / UnknownOutcome. Every message ends in a recorded state.
 */
export type MessageState = "Queued" | "Submitted" | "Accepted" | "SubmitFailed" | "Failed" | "UnknownOutcome" | "Enroute" | "Delivered" | "Expired" | "Deleted" | "Undeliverable" | "Rejected" | "ReceiptUnknown" | "Received";
