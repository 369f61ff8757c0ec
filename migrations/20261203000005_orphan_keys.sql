-- Normalised keys (see smpp_codec::message_id) of receipts kept as orphans: a receipt that came
-- before its submit_sm_resp, or for an ID we do not know yet. When a submit is accepted, its
-- keys find such receipts with one indexed lookup instead of reading every orphan of the
-- profile. A row goes when its receipt is matched or deleted. Forward-only.
CREATE TABLE orphan_keys (
    profile_id  INTEGER NOT NULL,
    key         TEXT    NOT NULL,
    receipt_id  INTEGER NOT NULL REFERENCES receipts (id) ON DELETE CASCADE,
    PRIMARY KEY (profile_id, key, receipt_id)
) WITHOUT ROWID;
-- Deleting a receipt (retention) finds its keys without a scan.
CREATE INDEX orphan_keys_receipt ON orphan_keys (receipt_id);
