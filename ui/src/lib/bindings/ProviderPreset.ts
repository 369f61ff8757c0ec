// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.

/**
 * One provider's defaults.
 */
export type ProviderPreset = { 
/**
 * Stored in the profile: generic, telesign, twilio (simulator is the built-in one's).
 */
id: string, label: string, 
/**
 * The gateway's host name (None: the provider gives it per account). Resolved at each
 * connect, never pinned to an address: providers move their gateways.
 */
host: string | null, port: number | null, 
/**
 * TLS required (1.2 or later).
 */
tls: boolean, 
/**
 * "TRX", "TX" or "RX".
 */
bindType: string, 
/**
 * The SMSC's session-init timer: bind within this long of connecting.
 */
sessionInitMs: number, enquireLinkMs: number, responseTimeoutMs: number, 
/**
 * Destination TON/NPI for numbers in international format.
 */
destTon: number, destNpi: number, 
/**
 * Encodings the provider accepts.
 */
encodings: Array<string>, 
/**
 * What else the guide asks for, in plain words.
 */
notes: Array<string>, };
