-- The PDU log's two lookup indexes held every PDU, while each lookup only ever wants a few
-- command types: the trace finds a part's submit_sm, submit_sm_resp or generic_nack by
-- (connection, sequence number), and a receipt's deliver_sm by (connection, time). Binds also
-- log deliver_sm_resp, enquire_link and their responses, so most entries were never read but
-- paid for on every insert (the log writer's hottest table). Partial now: each holds only the
-- PDUs its lookup reads. The lookups (console-core db::trace) repeat these WHERE terms word for
-- word, which is how SQLite knows the partial index holds every row they want.
-- No foreign-key action needs a whole index on pdus.connection_id: connections are never
-- deleted (a profile is deleted softly and its log kept; retention keeps connection rows).
-- Forward-only.

DROP INDEX pdus_connection_seq;
-- 4 = submit_sm, 2147483652 = submit_sm_resp (0x80000004), 2147483648 = generic_nack (0x80000000).
CREATE INDEX pdus_exchange_seq ON pdus (connection_id, sequence_number)
    WHERE command_id IN (4, 2147483652, 2147483648);

DROP INDEX pdus_connection_at;
-- 5 = deliver_sm, received: the PDUs that carry receipts (and MO messages).
CREATE INDEX pdus_deliver_at ON pdus (connection_id, at) WHERE command_id = 5 AND direction = 'in';
