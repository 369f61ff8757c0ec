-- Indexes for "what happened to this message?" (console-core trace, smppctl trace/log list).
-- Forward-only. Each one serves a lookup that would otherwise scan a whole table.

-- An SMSC message_id pasted from a provider ticket, whatever profile sent it: the primary key
-- (profile_id, key, segment_id) only helps when the profile is known.
CREATE INDEX segment_keys_key ON segment_keys (key);

-- A phone number as the sender (MO messages, or our own long-number sender IDs);
-- messages_dest already serves it as the destination.
CREATE INDEX messages_source ON messages (source_addr, created_at DESC);

-- Orphan receipts (no segment yet) found by an ID query: the ID lowercased without leading
-- zeros, which is how correlation keys compare; partial, so it only holds the orphans.
CREATE INDEX receipts_orphans_id ON receipts (ltrim(lower(smsc_message_id), '0')) WHERE segment_id IS NULL;

-- The deliver_sm that carried a receipt: the PDUs of a connection around a moment.
CREATE INDEX pdus_connection_at ON pdus (connection_id, at);
