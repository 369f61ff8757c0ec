// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { Field } from "./Field";

/**
 * One PDU.
 */
export type DissectedPdu = { 
/**
 * Offset of command_length in the input.
 */
offset: number, 
/**
 * Octets of the input this PDU covers: command_length, or less when the input ends early
 * (or just the header when command_length is impossible).
 */
length: number, command_id: number, 
/**
 * The spec's name, or `unknown command 0x…`.
 */
command_name: string, command_status: number, 
/**
 * `ESME_…` name (or the hex value for unassigned codes).
 */
status_name: string, status_description: string, sequence_number: number, 
/**
 * The header fields, then the body fields, in wire order.
 */
fields: Array<Field>, 
/**
 * Every warning in this PDU, including those attached to fields (prefixed with the field
 * name and offset), in offset order.
 */
warnings: Array<string>, 
/**
 * Why the PDU could not be dissected completely (truncated, invalid command_length, a
 * mandatory field cut off). The fields read before the problem are still there.
 */
error: string | null, };
