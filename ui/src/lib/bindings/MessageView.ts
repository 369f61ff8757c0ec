// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { ApiError } from "./ApiError";
import type { MessageState } from "./MessageState";

/**
 * One logged message as the Messages page shows it.
 */
export type MessageView = { 
/**
 * Our ID (UUIDv7, time-ordered).
 */
id: string, profileName: string, 
/**
 * "MT" (we sent it) or "MO" (received).
 */
direction: string, source: string, destination: string, text: string, 
/**
 * "GSM7", "UCS2", ...
 */
dataCoding: string, parts: number, requestDlr: boolean, state: MessageState, 
/**
 * The SMSC's message_id from submit_sm_resp (first part's for multipart messages).
 */
smscMessageId: string | null, 
/**
 * The failure, if any: SMPP status name and meaning, or our own code.
 */
error: ApiError | null, 
/**
 * The receipt's `stat` (e.g. DELIVRD) and `err` as received.
 */
receiptStat: string | null, receiptErr: string | null, 
/**
 * RFC 3339 UTC with milliseconds.
 */
createdAt: string, updatedAt: string, };
