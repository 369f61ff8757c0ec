//! `segments`: one row per submit_sm, with its own state, and the normalised ID keys.

use sqlx::{FromRow, Sqlite, Transaction};

use super::Db;
use crate::model::MessageState;

#[derive(Debug, Clone, FromRow)]
pub struct Segment {
    pub id: i64,
    pub message_id: String,
    pub part_no: i64,
    pub state: String,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub receipt_stat: Option<String>,
    pub receipt_err: Option<String>,
    pub smsc_message_id: Option<String>,
}

impl Segment {
    pub fn state(&self) -> MessageState {
        MessageState::parse(&self.state).unwrap_or(MessageState::UnknownOutcome)
    }
}

pub async fn insert_segment(
    tx: &mut Transaction<'_, Sqlite>,
    message_id: &str,
    part_no: usize,
    now: i64,
) -> sqlx::Result<i64> {
    let r = sqlx::query("INSERT INTO segments (message_id, part_no, state, queued_at) VALUES (?, ?, 'Queued', ?)")
        .bind(message_id)
        .bind(part_no as i64)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(r.last_insert_rowid())
}

pub async fn list_segments_for_message(db: &Db, message_id: &str) -> sqlx::Result<Vec<Segment>> {
    sqlx::query_as(
        "SELECT id, message_id, part_no, state, error_code, error_message, receipt_stat, receipt_err, smsc_message_id
         FROM segments WHERE message_id = ? ORDER BY part_no",
    )
    .bind(message_id)
    .fetch_all(db)
    .await
}

pub async fn get_segment(db: &Db, id: i64) -> sqlx::Result<Option<Segment>> {
    sqlx::query_as(
        "SELECT id, message_id, part_no, state, error_code, error_message, receipt_stat, receipt_err, smsc_message_id
         FROM segments WHERE id = ?",
    )
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn mark_segment_submitted(
    db: &Db,
    id: i64,
    connection_id: i64,
    sequence_number: u32,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE segments SET state = 'Submitted', connection_id = ?, sequence_number = ?, submitted_at = ? WHERE id = ?")
        .bind(connection_id)
        .bind(i64::from(sequence_number))
        .bind(now)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Records the outcome of a submit: the response (status and SMSC id) or why there was none.
#[derive(Debug)]
pub struct SegmentOutcome<'a> {
    pub state: MessageState,
    pub command_status: Option<u32>,
    pub smsc_message_id: Option<&'a str>,
    pub error: Option<(&'a str, &'a str)>,
}

pub async fn record_segment_outcome(db: &Db, id: i64, o: SegmentOutcome<'_>, now: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE segments SET state = ?, command_status = ?, smsc_message_id = ?, error_code = ?, error_message = ?,
             responded_at = CASE WHEN ? IS NULL THEN responded_at ELSE ? END
         WHERE id = ?",
    )
    .bind(o.state.as_str())
    .bind(o.command_status.map(i64::from))
    .bind(o.smsc_message_id)
    .bind(o.error.map(|e| e.0))
    .bind(o.error.map(|e| e.1))
    .bind(o.command_status.map(i64::from))
    .bind(now)
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

pub async fn record_segment_receipt(
    db: &Db,
    id: i64,
    state: MessageState,
    stat: Option<&str>,
    err: Option<&str>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE segments SET state = ?, receipt_stat = ?, receipt_err = ?, receipt_at = ? WHERE id = ?")
        .bind(state.as_str())
        .bind(stat)
        .bind(err)
        .bind(now)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn insert_segment_keys(db: &Db, profile_id: i64, segment_id: i64, keys: &[String]) -> sqlx::Result<()> {
    for key in keys {
        sqlx::query("INSERT OR IGNORE INTO segment_keys (profile_id, key, segment_id) VALUES (?, ?, ?)")
            .bind(profile_id)
            .bind(key)
            .bind(segment_id)
            .execute(db)
            .await?;
    }
    Ok(())
}

/// The segment whose SMSC message_id shares a normalised key with one of `keys` (newest
/// first: an SMSC that reuses IDs over months matches the recent message).
pub async fn find_segment_by_keys(db: &Db, profile_id: i64, keys: &[String]) -> sqlx::Result<Option<i64>> {
    for key in keys {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT segment_id FROM segment_keys WHERE profile_id = ? AND key = ? ORDER BY segment_id DESC LIMIT 1",
        )
        .bind(profile_id)
        .bind(key)
        .fetch_optional(db)
        .await?;
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

pub async fn list_unfinished_segment_ids(db: &Db, message_id: &str) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as("SELECT id, state FROM segments WHERE message_id = ? AND state IN ('Queued', 'Submitted')")
        .bind(message_id)
        .fetch_all(db)
        .await
}
