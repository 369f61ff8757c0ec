// Generated from the Rust types in console-core by ts-rs (`make bindings`). Do not edit.
import type { BindSettings } from "./BindSettings";
import type { HostPort } from "./HostPort";

/**
 * Every editable field of a profile. What the edit form submits, what `profile show` prints
 * and what an export contains. Never a password.
 */
export type ProfileInput = { name: string, 
/**
 * generic, telesign, twilio (simulator: the built-in one's).
 */
preset: string, host: string, port: number, failoverHosts: Array<HostPort>, 
/**
 * TLS 1.2 or 1.3, the server certificate always verified.
 */
tls: boolean, 
/**
 * PEM bundle of CA certificates to trust instead of the system's.
 */
caFile: string | null, 
/**
 * Client certificate chain and its private key (PEM), for SMSCs that ask for one.
 */
clientCertFile: string | null, clientKeyFile: string | null, 
/**
 * Name the server certificate must carry, also sent as SNI (None: the host).
 */
serverName: string | null, systemId: string, systemType: string, 
/**
 * "TRX", "TX", "RX", or "TX+RX": each bind a transmitter and a receiver session.
 */
bindType: string, 
/**
 * Binds opened for this profile (all with the same credentials).
 */
bindCount: number, 
/**
 * "3.4" or "5.0".
 */
interfaceVersion: string, addressRange: string, settings: BindSettings, 
/**
 * Default sender for the Send page and smppctl (empty: none).
 */
sourceAddr: string, 
/**
 * None: chosen from the sender (alphanumeric 5/0, short code 3/0, number 1/1).
 */
sourceTon: number | null, sourceNpi: number | null, destTon: number, destNpi: number, 
/**
 * auto, gsm7, ucs2, latin1, ia5.
 */
defaultEncoding: string, 
/**
 * udh8, udh16, sar, payload.
 */
concatMethod: string, requestReceipt: boolean, };
