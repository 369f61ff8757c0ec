// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { CredentialStatus } from "./CredentialStatus";
import type { ProfileInput } from "./ProfileInput";

/**
 * A profile as listed: its fields, whether it is the built-in simulator, its credential.
 */
export type ProfileView = { profile: ProfileInput, 
/**
 * The built-in "Local simulator" (its host and port are set at each start).
 */
builtin: boolean, credential: CredentialStatus, 
/**
 * RFC 3339 UTC.
 */
createdAt: string, updatedAt: string, 
/**
 * Messages logged through this profile (they stay in the log if it is deleted).
 */
messageCount: bigint, };
