-- pdus_exchange_seq's WHERE was `command_id IN (4, 2147483652, 2147483648)`. SQLite evaluates
-- an IN list in a partial index's WHERE by building an ephemeral table of its values for every
-- row inserted, a page cache made and torn down per PDU; on the log writer's hottest table
-- that cost more than the index entry it decides on. The same set written as ORs compares
-- three integers. The lookup (console-core db::trace PDUS_FOR_SEQUENCE) repeats this WHERE
-- word for word, as SQLite needs to use a partial index. Forward-only.

DROP INDEX pdus_exchange_seq;
-- 4 = submit_sm, 2147483652 = submit_sm_resp (0x80000004), 2147483648 = generic_nack (0x80000000).
CREATE INDEX pdus_exchange_seq ON pdus (connection_id, sequence_number)
    WHERE command_id = 4 OR command_id = 2147483652 OR command_id = 2147483648;
