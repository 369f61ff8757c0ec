-- SMPP Console message log, first schema. Forward-only: later changes come as new files.
-- Times are INTEGER milliseconds since the Unix epoch (UTC): compact, sortable, indexable.
-- No secret is ever stored here: passwords live in the OS keyring (the built-in simulator's
-- throwaway password lives in a file beside this database).

CREATE TABLE profiles (
    id                INTEGER PRIMARY KEY,
    name              TEXT    NOT NULL UNIQUE,
    preset            TEXT    NOT NULL DEFAULT 'generic',
    host              TEXT    NOT NULL,
    port              INTEGER NOT NULL,
    system_id         TEXT    NOT NULL,
    system_type       TEXT    NOT NULL DEFAULT '',
    bind_type         TEXT    NOT NULL DEFAULT 'TRX' CHECK (bind_type IN ('TX', 'RX', 'TRX')),
    -- 1 for the "Local simulator" profile whose port is assigned at each start.
    builtin_simulator INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);

-- One row per connection attempt: where, when, and how it ended.
CREATE TABLE connections (
    id          INTEGER PRIMARY KEY,
    profile_id  INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    host        TEXT    NOT NULL,
    port        INTEGER NOT NULL,
    bind_type   TEXT    NOT NULL,
    started_at  INTEGER NOT NULL,
    bound_at    INTEGER,
    ended_at    INTEGER,
    outcome     TEXT
);
CREATE INDEX connections_profile ON connections (profile_id, started_at);

-- One row per logical message (MT sent by us, MO received).
CREATE TABLE messages (
    id             TEXT    PRIMARY KEY,            -- UUIDv7, time-ordered
    profile_id     INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    direction      TEXT    NOT NULL CHECK (direction IN ('MT', 'MO')),
    source_addr    TEXT    NOT NULL,
    source_ton     INTEGER NOT NULL,
    source_npi     INTEGER NOT NULL,
    dest_addr      TEXT    NOT NULL,
    dest_ton       INTEGER NOT NULL,
    dest_npi       INTEGER NOT NULL,
    body           TEXT    NOT NULL,
    data_coding    INTEGER NOT NULL,
    alphabet       TEXT    NOT NULL,
    parts          INTEGER NOT NULL,
    request_dlr    INTEGER NOT NULL,
    state          TEXT    NOT NULL,
    error_code     TEXT,
    error_message  TEXT,
    receipt_stat   TEXT,
    receipt_err    TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE INDEX messages_created ON messages (created_at DESC);
CREATE INDEX messages_dest ON messages (dest_addr, created_at DESC);
CREATE INDEX messages_unfinished ON messages (state) WHERE state IN ('Queued', 'Submitted');

-- One row per submit_sm (or deliver_sm for MO): the parts of a message.
CREATE TABLE segments (
    id               INTEGER PRIMARY KEY,
    message_id       TEXT    NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    part_no          INTEGER NOT NULL,
    connection_id    INTEGER REFERENCES connections (id),
    sequence_number  INTEGER,
    smsc_message_id  TEXT,                          -- exactly as the SMSC sent it
    command_status   INTEGER,
    state            TEXT    NOT NULL,
    error_code       TEXT,
    error_message    TEXT,
    receipt_stat     TEXT,
    receipt_err      TEXT,
    queued_at        INTEGER NOT NULL,
    submitted_at     INTEGER,
    responded_at     INTEGER,
    receipt_at       INTEGER,
    UNIQUE (message_id, part_no)
);
CREATE INDEX segments_smsc_id ON segments (smsc_message_id);

-- Normalised forms of each segment's SMSC message_id (see smpp_codec::message_id), so a
-- receipt finds its segment whatever format the SMSC used.
CREATE TABLE segment_keys (
    profile_id  INTEGER NOT NULL,
    key         TEXT    NOT NULL,
    segment_id  INTEGER NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
    PRIMARY KEY (profile_id, key, segment_id)
) WITHOUT ROWID;

-- Every PDU in and out. Bind passwords are masked before they reach this table.
CREATE TABLE pdus (
    id               INTEGER PRIMARY KEY,
    connection_id    INTEGER NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    direction        TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
    command_id       INTEGER NOT NULL,
    command_status   INTEGER NOT NULL,
    sequence_number  INTEGER NOT NULL,
    bytes            BLOB    NOT NULL,
    warnings         TEXT,
    at               INTEGER NOT NULL
);
CREATE INDEX pdus_connection_seq ON pdus (connection_id, sequence_number);

-- Delivery receipts, matched to a segment or kept as orphans (segment_id NULL).
CREATE TABLE receipts (
    id               INTEGER PRIMARY KEY,
    profile_id       INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    connection_id    INTEGER REFERENCES connections (id),
    segment_id       INTEGER REFERENCES segments (id) ON DELETE SET NULL,
    smsc_message_id  TEXT    NOT NULL,
    message_state    INTEGER,
    stat             TEXT,
    err              TEXT,
    text             TEXT,
    duplicate        INTEGER NOT NULL DEFAULT 0,
    received_at      INTEGER NOT NULL
);
CREATE INDEX receipts_segment ON receipts (segment_id);
CREATE INDEX receipts_orphans ON receipts (profile_id) WHERE segment_id IS NULL;
