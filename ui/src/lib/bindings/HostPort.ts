// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * A further host tried after the profile's own (failover), in order.
 */
export type HostPort = { host: string, port: number, };
