//! A segment's changes within one batch, written with one UPDATE at its end: a part usually
//! goes Submitted → Accepted → Delivered within a few milliseconds, and three UPDATEs of the
//! same row (and of its SMSC-id index entry) cost more than the rest of its logging.

use std::collections::HashMap;

use rusqlite::{Transaction, params};

use crate::model::MessageState;

/// Columns to set; `None`: unchanged. Later changes overwrite earlier ones, as UPDATEs in
/// the order of the operations would.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct SegmentPatch {
    pub state: Option<MessageState>,
    pub submitted: Option<Submitted>,
    pub response: Option<Response>,
    pub receipt: Option<Receipt>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Submitted {
    pub connection_id: i64,
    pub sequence_number: i64,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Response {
    pub command_status: Option<i64>,
    pub smsc_message_id: Option<String>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    /// Set only when a response came (command_status): a failure without one keeps the time.
    pub responded_at: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Receipt {
    pub stat: Option<String>,
    pub err: Option<String>,
    pub at: i64,
}

/// The patches of one batch, by segment id, in the order segments were first changed.
#[derive(Debug, Default)]
pub(super) struct Patches {
    by_segment: HashMap<i64, usize>,
    list: Vec<(i64, SegmentPatch)>,
}

impl Patches {
    pub fn get(&mut self, segment_id: i64) -> &mut SegmentPatch {
        let i = *self.by_segment.entry(segment_id).or_insert_with(|| {
            self.list.push((segment_id, SegmentPatch::default()));
            self.list.len() - 1
        });
        &mut self.list[i].1
    }

    /// Writes every patch; returns the ids of the messages whose parts changed.
    pub fn write(&mut self, tx: &Transaction<'_>) -> rusqlite::Result<Vec<String>> {
        let mut st = tx.prepare_cached(
            "UPDATE segments SET
                 state = coalesce(?1, state),
                 connection_id = CASE WHEN ?2 THEN ?3 ELSE connection_id END,
                 sequence_number = CASE WHEN ?2 THEN ?4 ELSE sequence_number END,
                 submitted_at = CASE WHEN ?2 THEN ?5 ELSE submitted_at END,
                 command_status = CASE WHEN ?6 THEN ?7 ELSE command_status END,
                 smsc_message_id = CASE WHEN ?6 THEN ?8 ELSE smsc_message_id END,
                 error_code = CASE WHEN ?6 THEN ?9 ELSE error_code END,
                 error_message = CASE WHEN ?6 THEN ?10 ELSE error_message END,
                 responded_at = coalesce(?11, responded_at),
                 receipt_stat = CASE WHEN ?12 THEN ?13 ELSE receipt_stat END,
                 receipt_err = CASE WHEN ?12 THEN ?14 ELSE receipt_err END,
                 receipt_at = CASE WHEN ?12 THEN ?15 ELSE receipt_at END
             WHERE id = ?16",
        )?;
        // Not `RETURNING message_id`: SQLite gathers returned rows in an ephemeral table, a
        // pager and page cache made and torn down per row, which cost more than this lookup
        // of the row the UPDATE just wrote (its page is in the cache).
        let mut message_of = tx.prepare_cached("SELECT message_id FROM segments WHERE id = ?")?;
        let mut messages = Vec::new();
        for (segment_id, p) in self.list.drain(..) {
            let (s, r, d) = (p.submitted.as_ref(), p.response.as_ref(), p.receipt.as_ref());
            let updated = st.execute(params![
                p.state.map(MessageState::as_str),
                s.is_some(),
                s.map(|s| s.connection_id),
                s.map(|s| s.sequence_number),
                s.map(|s| s.at),
                r.is_some(),
                r.and_then(|r| r.command_status),
                r.and_then(|r| r.smsc_message_id.as_deref()),
                r.and_then(|r| r.error_code.as_deref()),
                r.and_then(|r| r.error_message.as_deref()),
                r.and_then(|r| r.responded_at),
                d.is_some(),
                d.and_then(|d| d.stat.as_deref()),
                d.and_then(|d| d.err.as_deref()),
                d.map(|d| d.at),
                segment_id,
            ])?;
            if updated > 0 {
                messages.push(message_of.query_row([segment_id], |row| row.get(0))?);
            }
        }
        self.by_segment.clear();
        Ok(messages)
    }
}
