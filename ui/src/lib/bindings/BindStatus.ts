// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { BindState } from "./BindState";

/**
 * The live state of a profile's bind.
 */
export type BindStatus = { profileName: string, state: BindState, 
/**
 * Why it is in Error (or Disconnected), in plain words.
 */
detail: string | null, host: string, port: number, 
/**
 * "TRX", "TX" or "RX".
 */
bindType: string, systemId: string, 
/**
 * Which of the profile's binds (1-based) and how many it has.
 */
bindIndex: number, bindCount: number, 
/**
 * RFC 3339 UTC: when the state last changed.
 */
since: string, 
/**
 * Most submit_sm awaiting a response at once (the profile's window setting).
 */
windowSize: number, 
/**
 * submit_sm awaiting a response now.
 */
windowInUse: number, 
/**
 * This bind's share of the profile's rate limit, in segments per second (None: no limit).
 */
rateLimit: number | null, 
/**
 * Segments (submit_sm, retries included) written in the last second.
 */
ratePerSecond: number, 
/**
 * Since the bind started: submits answered ESME_RTHROTTLED or ESME_RMSGQFUL (each retried).
 */
throttled: number, 
/**
 * Since the bind started: submits with no response within the response timer.
 */
timeouts: number, 
/**
 * Since the bind started: connection attempts after the first.
 */
reconnects: number, 
/**
 * RFC 3339 UTC: the next reconnect attempt, while waiting for it (backing off).
 */
backingOffUntil: string | null, 
/**
 * Something the user must know about this bind although it works, e.g. that it bound
 * with the previous password because the SMSC refused the new one.
 */
notice: string | null, };
