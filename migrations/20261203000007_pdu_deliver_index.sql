-- The PDU log's time index (20261203000001) held every PDU, while its one lookup, the
-- deliver_sm that carried a receipt, only reads received deliver_sm PDUs: a part's submit_sm,
-- submit_sm_resp, deliver_sm_resp and every enquire_link paid for an entry on insert (the log
-- writer's hottest table) that nothing read. Partial now. The lookup (console-core db::trace,
-- DELIVER_PDUS_BETWEEN) repeats this WHERE word for word, which is how SQLite knows the index
-- holds every row it wants. pdus_connection_seq stays whole: besides the submit exchanges it
-- is the index foreign-key actions use when a connection's rows go. Forward-only.
DROP INDEX pdus_connection_at;
-- 5 = deliver_sm, received: the PDUs that carry receipts (and MO messages).
CREATE INDEX pdus_deliver_at ON pdus (connection_id, at) WHERE command_id = 5 AND direction = 'in';
