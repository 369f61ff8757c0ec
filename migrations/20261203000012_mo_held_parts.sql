-- Parts of incoming multipart messages that wait for the rest. The reassembler holds them in
-- memory; this copy is what a hard kill (SIGKILL, power loss) would otherwise take from the
-- Inbox: the next start feeds them back, so a later part still completes the message and one
-- whose parts stop coming is stored as incomplete. The log writer adds a row when a part is
-- held and deletes the message's rows in the transaction that stores it (complete or
-- incomplete), so a message is either held here or in `messages`, never both or neither.
-- Forward-only.

CREATE TABLE mo_held_parts (
    id          INTEGER PRIMARY KEY,
    profile_id  INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    -- The message the part belongs to (console-core mo::hold_key: addresses, reference, method).
    hold_key    TEXT    NOT NULL,
    -- The part as a deliver_sm frame (sequence number 0), decoded by the codec on restart.
    pdu         BLOB    NOT NULL,
    received_at INTEGER NOT NULL
);
CREATE INDEX mo_held_parts_key ON mo_held_parts (hold_key);
CREATE INDEX mo_held_parts_profile ON mo_held_parts (profile_id);
