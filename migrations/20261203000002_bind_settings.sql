-- Bind settings per profile (window, rate, timers, retry policy) and the events a segment
-- lived through on its way (throttled, resubmitted, possible duplicate). Forward-only.

ALTER TABLE profiles ADD COLUMN window_size INTEGER NOT NULL DEFAULT 10;
-- Segments (submit_sm PDUs) per second; NULL: no limit.
ALTER TABLE profiles ADD COLUMN rate_limit INTEGER;
ALTER TABLE profiles ADD COLUMN response_timeout_ms INTEGER NOT NULL DEFAULT 30000;
ALTER TABLE profiles ADD COLUMN enquire_link_ms INTEGER NOT NULL DEFAULT 30000;
-- ESME_RTHROTTLED / ESME_RMSGQFUL: wait this long, then submit again, at most this often.
ALTER TABLE profiles ADD COLUMN throttle_retry_delay_ms INTEGER NOT NULL DEFAULT 1000;
ALTER TABLE profiles ADD COLUMN throttle_retry_limit INTEGER NOT NULL DEFAULT 5;
-- 1: a part written but unanswered when the connection dropped is submitted again after the
-- reconnect and marked as a possible duplicate; 0: it ends as UnknownOutcome.
ALTER TABLE profiles ADD COLUMN resubmit_unanswered INTEGER NOT NULL DEFAULT 0;
-- How long a part waits for a lost bind to come back before it is given up.
ALTER TABLE profiles ADD COLUMN reconnect_wait_ms INTEGER NOT NULL DEFAULT 30000;
ALTER TABLE profiles ADD COLUMN backoff_initial_ms INTEGER NOT NULL DEFAULT 1000;
ALTER TABLE profiles ADD COLUMN backoff_max_ms INTEGER NOT NULL DEFAULT 30000;

-- What happened to a segment besides its final state: one row per throttle, timeout,
-- lost connection and resubmission, with the connection and sequence_number it concerned.
CREATE TABLE segment_events (
    id               INTEGER PRIMARY KEY,
    segment_id       INTEGER NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
    kind             TEXT    NOT NULL,
    connection_id    INTEGER REFERENCES connections (id),
    sequence_number  INTEGER,
    command_status   INTEGER,
    detail           TEXT    NOT NULL,
    at               INTEGER NOT NULL
);
CREATE INDEX segment_events_segment ON segment_events (segment_id, id);

-- Failover: further hosts of a profile, tried in `position` order after its own host/port
-- when a connection or bind attempt fails.
CREATE TABLE profile_hosts (
    profile_id  INTEGER NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    host        TEXT    NOT NULL,
    port        INTEGER NOT NULL,
    PRIMARY KEY (profile_id, position)
);
