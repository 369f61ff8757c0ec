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
latencyMs: number | null, pduId: number | null, } | { "kind": "noResponse", error: ApiError, } | { "kind": "attempt", 
/**
 * throttled, timeout, connection_lost, resubmitted or possible_duplicate.
 */
event: string, 
/**
 * What happened, in plain words.
 */
detail: string, 
/**
 * The SMSC's answer to that attempt, when it gave one (e.g. ESME_RTHROTTLED).
 */
statusName: string | null, 
/**
 * The attempt's submit_sm sequence_number, when it was written.
 */
sequenceNumber: number | null, 
/**
 * The SMSC's answer in the PDU log (submit_sm_resp or generic_nack), when found.
 */
pduId: number | null, } | { "kind": "receipt" } & TraceReceipt | { "kind": "final", state: MessageState, error: ApiError | null, };
