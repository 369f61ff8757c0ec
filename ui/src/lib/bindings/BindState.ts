// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

export type BindState = "Disconnected" | "Connecting" | "Bound" | "Error";
