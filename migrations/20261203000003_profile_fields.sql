-- Everything a provider profile holds besides its bind settings: TLS, bind options, address
-- and encoding defaults, and when its password was set (the password itself lives only in the
-- OS keyring). Profiles are deleted softly so the messages logged through them keep their
-- history (messages cascade from profiles). Forward-only.

ALTER TABLE profiles ADD COLUMN tls INTEGER NOT NULL DEFAULT 0;
-- PEM files: a CA bundle to trust instead of the system roots; a client certificate and key.
ALTER TABLE profiles ADD COLUMN ca_file TEXT;
ALTER TABLE profiles ADD COLUMN client_cert_file TEXT;
ALTER TABLE profiles ADD COLUMN client_key_file TEXT;
-- Name the server certificate must carry (also SNI); NULL: the host name.
ALTER TABLE profiles ADD COLUMN server_name TEXT;
ALTER TABLE profiles ADD COLUMN bind_count INTEGER NOT NULL DEFAULT 1;
-- 1: each bind is a pair, a transmitter and a receiver session (bind_type is then 'TRX'
-- for the CHECK; the UI shows "TX+RX"), for SMSCs that do not offer transceiver binds.
ALTER TABLE profiles ADD COLUMN tx_rx_pair INTEGER NOT NULL DEFAULT 0;
-- 0x34 (SMPP 3.4) or 0x50 (SMPP 5.0).
ALTER TABLE profiles ADD COLUMN interface_version INTEGER NOT NULL DEFAULT 52;
ALTER TABLE profiles ADD COLUMN address_range TEXT NOT NULL DEFAULT '';
ALTER TABLE profiles ADD COLUMN source_addr TEXT NOT NULL DEFAULT '';
-- NULL: chosen from the address (alphanumeric 5/0, short code 3/0, number 1/1).
ALTER TABLE profiles ADD COLUMN source_ton INTEGER;
ALTER TABLE profiles ADD COLUMN source_npi INTEGER;
ALTER TABLE profiles ADD COLUMN dest_ton INTEGER NOT NULL DEFAULT 1;
ALTER TABLE profiles ADD COLUMN dest_npi INTEGER NOT NULL DEFAULT 1;
-- auto (GSM7 when every character fits, else UCS2), gsm7, ucs2, latin1, ia5.
ALTER TABLE profiles ADD COLUMN default_encoding TEXT NOT NULL DEFAULT 'auto';
-- udh8, udh16, sar, payload.
ALTER TABLE profiles ADD COLUMN concat_method TEXT NOT NULL DEFAULT 'udh8';
ALTER TABLE profiles ADD COLUMN request_receipt INTEGER NOT NULL DEFAULT 1;
-- Credential bookkeeping (no secret): when the current password was set, and until when the
-- previous one (kept in the keyring during a provider's rotation window) may still be used.
ALTER TABLE profiles ADD COLUMN password_set_at INTEGER;
ALTER TABLE profiles ADD COLUMN previous_password_until INTEGER;
ALTER TABLE profiles ADD COLUMN deleted_at INTEGER;

-- Names keyring entries after this database, so two data directories never share secrets.
CREATE TABLE console_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Counting a profile's messages (shown before it is deleted) and filtering the log by profile.
CREATE INDEX messages_profile ON messages (profile_id, created_at DESC);
