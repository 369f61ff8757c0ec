// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * One field (or part of a field) with what it means.
 */
export type Field = { name: string, 
/**
 * Offset of the first octet in the input.
 */
offset: number, 
/**
 * Octets the field occupies (0 for a field that is missing).
 */
length: number, 
/**
 * The octets, lowercase hex without separators.
 */
raw_hex: string, 
/**
 * The value decoded for humans: numbers in decimal or hex, strings quoted.
 */
value: string, 
/**
 * What the value means (names of codes, bit fields, parsed times...).
 */
meaning: string | null, 
/**
 * Sub-fields: bit groups, TLV tag/length/value, UDH elements, receipt fields...
 */
children: Array<Field>, 
/**
 * What is wrong with the field (several problems are joined with "; ").
 */
warning: string | null, };
