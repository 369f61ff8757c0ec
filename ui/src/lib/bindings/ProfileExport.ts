// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { ProfileInput } from "./ProfileInput";

/**
 * The JSON file `profile export` writes and `profile import` reads. No secrets.
 */
export type ProfileExport = { 
/**
 * "smpp-console-profiles": tells a profiles file from any other JSON.
 */
format: string, version: number, profiles: Array<ProfileInput>, };
