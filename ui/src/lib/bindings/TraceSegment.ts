// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { ApiError } from "./ApiError";
import type { MessageState } from "./MessageState";

/**
 * One part of a message and where it stands.
 */
export type TraceSegment = { part: number, state: MessageState, smscMessageId: string | null, error: ApiError | null, receipts: number, };
