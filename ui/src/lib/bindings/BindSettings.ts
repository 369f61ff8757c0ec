// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

export type BindSettings = { 
/**
 * Most submit_sm awaiting submit_sm_resp at once.
 */
windowSize: number, 
/**
 * Segments (submit_sm PDUs, retries included) per second; None: no limit.
 */
rateLimit: number | null, 
/**
 * How long a submit_sm may wait for its response before its outcome is unknown.
 */
responseTimeoutMs: number, 
/**
 * enquire_link after this long without traffic.
 */
enquireLinkMs: number, 
/**
 * After ESME_RTHROTTLED or ESME_RMSGQFUL: wait this long, then submit the part again.
 */
throttleRetryDelayMs: number, 
/**
 * Retries after throttling before the part fails with the SMSC's status.
 */
throttleRetryLimit: number, 
/**
 * A part written but unanswered when the connection dropped: submit it again after the
 * reconnect, marked as a possible duplicate (the SMSC may have it), instead of recording
 * an unknown outcome.
 */
resubmitUnanswered: boolean, 
/**
 * How long a part in flight waits for a lost bind to come back.
 */
reconnectWaitMs: number, 
/**
 * Reconnect backoff: the first wait, doubled per failure up to the maximum (jittered).
 */
backoffInitialMs: number, backoffMaxMs: number, };
