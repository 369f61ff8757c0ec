-- An SMSC message_id pasted into the trace is found through the correlation keys
-- (segment_keys) of every accepted part, whatever its format. Only a part the SMSC refused but
-- still gave an ID (some do, in the submit_sm_resp) has no keys: the exact-ID index is needed
-- for those alone, so it now holds only them instead of every part the writer logs. The lookup
-- (console-core db::trace, by_smsc_id_query) repeats this WHERE word for word, which is how
-- SQLite knows the partial index holds every row it wants. Forward-only.
DROP INDEX segments_smsc_id;
CREATE INDEX segments_refused_smsc_id ON segments (smsc_message_id) WHERE command_status <> 0;
