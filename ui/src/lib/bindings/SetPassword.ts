// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * How a rotation keeps the old password: providers such as Telesign keep it valid for a
 * window after a reset (immediately, 1 h, 24 h, 7, 30, 60 or 90 days).
 */
export type SetPassword = { password: string, 
/**
 * Keep the replaced password for this many hours and bind with it if the SMSC refuses the
 * new one (ESME_RINVPASWD). None or 0: forget it.
 */
keepPreviousHours: number | null, };
