-- Deleting a part (retention, a profile's removal) deletes its correlation keys through the
-- foreign key's ON DELETE CASCADE, and SQLite finds a child's rows through an index that leads
-- with the child key. segment_keys had none on segment_id, so every part deleted read the whole
-- table: a retention batch of 500 messages over a log of a million read it some 575 times.
-- The index on the key alone (20261203000001) served only the trace's lookup of an ID pasted
-- without its profile; that lookup now reads the primary key once per profile (a handful), so
-- the key index goes and the writer keeps the same number of entries per key. Forward-only.
CREATE INDEX segment_keys_segment ON segment_keys (segment_id);
DROP INDEX segment_keys_key;
