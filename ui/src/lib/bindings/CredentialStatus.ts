// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * Whether a password is stored, and when. Never the password.
 */
export type CredentialStatus = { 
/**
 * A current password is stored (in the keyring; the simulator's in its local file).
 */
passwordSet: boolean, 
/**
 * RFC 3339 UTC: when the current password was set.
 */
setAt: string | null, 
/**
 * RFC 3339 UTC: until when the previous password (rotation) is still tried, if kept.
 */
previousValidUntil: string | null, 
/**
 * "keyring" or "local file" (the built-in simulator's throwaway password).
 */
store: string, 
/**
 * Why the keyring could not be asked, and how to fix it (None: it answered).
 */
problem: string | null, };
