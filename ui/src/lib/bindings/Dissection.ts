// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { DissectedPdu } from "./DissectedPdu";
import type { Field } from "./Field";

/**
 * The dissection of a whole input.
 */
export type Dissection = { 
/**
 * The PDUs found, in order (a truncated last PDU included, with its `error` set).
 */
pdus: Array<DissectedPdu>, 
/**
 * Octets after the last PDU that do not form one (fewer than a header, or after a
 * command_length that makes re-synchronisation impossible).
 */
trailing: Field | null, 
/**
 * Problems of the input as a whole.
 */
warnings: Array<string>, };
