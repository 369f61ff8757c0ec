//! `segments`: one row per submit_sm, with its own state (written by the log writer, see `log_writer`).

use sqlx::FromRow;

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

pub async fn list_segments_for_message(db: &Db, message_id: &str) -> sqlx::Result<Vec<Segment>> {
    sqlx::query_as(
        "SELECT id, message_id, part_no, state, error_code, error_message, receipt_stat, receipt_err, smsc_message_id
         FROM segments WHERE message_id = ? ORDER BY part_no",
    )
    .bind(message_id)
    .fetch_all(db)
    .await
}

pub async fn list_unfinished_segment_ids(db: &Db, message_id: &str) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as("SELECT id, state FROM segments WHERE message_id = ? AND state IN ('Queued', 'Submitted')")
        .bind(message_id)
        .fetch_all(db)
        .await
}
