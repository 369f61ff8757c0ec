// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * How a text will be sent: the Send page's live encoding and segment count.
 */
export type EncodingPreview = { 
/**
 * "GSM7" or "UCS2": GSM 7-bit when every character fits, else UCS2.
 */
alphabet: string, 
/**
 * Why that alphabet, in words (names the characters that forced UCS2).
 */
reason: string, 
/**
 * Characters typed (Unicode scalar values).
 */
chars: number, 
/**
 * Septets (GSM7) or UTF-16 code units (UCS2) the text costs; GSM extension characters
 * such as € cost two.
 */
units: number, 
/**
 * Parts (submit_sm PDUs) the text needs.
 */
parts: number, 
/**
 * Capacity of each part in units (160/153 for GSM7, 70/67 for UCS2).
 */
unitsPerPart: number, 
/**
 * Units still free in the last part.
 */
unitsLeft: number, 
/**
 * The characters that are not in the GSM 7-bit alphabet.
 */
forcedBy: Array<string>, };
