// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { ApiError } from "./ApiError";
import type { MessageState } from "./MessageState";
import type { TraceReceipt } from "./TraceReceipt";

/**
 * What happened. PDU ids open the PDU in the Inspector.
 */
export type TraceStep = { "kind": "queued" } | { "kind": "submitSm", sequenceNumber: number | null, pduId: number | null, } | { "kind": "submitSmResp", commandStatus: number, 
/**
 * e.g. ESME_RINVDSTADR.
 */
statusName: string, 
/**
 * What the status means and what to do.
 */
meaning: string, 
/**
 * The SMSC's message_id exactly as received.
 */
smscMessageId: string | null, 
/**
 * Milliseconds since submit_sm was written.
 */
latencyMs: number | null, pduId: number | null, } | { "kind": "noResponse", error: ApiError, } | { "kind": "receipt" } & TraceReceipt | { "kind": "final", state: MessageState, error: ApiError | null, };
