// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * The database file before and after a VACUUM.
 */
export type VacuumReport = { fileBytesBefore: number, fileBytesAfter: number, };
