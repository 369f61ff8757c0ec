//! `segment_events`: what a segment lived through besides its final state (throttled,
//! timed out, connection lost, resubmitted as a possible duplicate).

use sqlx::FromRow;

use super::Db;

/// Kinds of event, as stored.
pub const THROTTLED: &str = "throttled";
pub const TIMEOUT: &str = "timeout";
pub const CONNECTION_LOST: &str = "connection_lost";
/// Submitted again after the connection dropped before it was written: no duplicate risk.
pub const RESUBMITTED: &str = "resubmitted";
/// Submitted again although the SMSC may have the earlier copy.
pub const POSSIBLE_DUPLICATE: &str = "possible_duplicate";

#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SegmentEvent {
    pub id: i64,
    pub segment_id: i64,
    pub kind: String,
    pub connection_id: Option<i64>,
    pub sequence_number: Option<i64>,
    pub command_status: Option<i64>,
    pub detail: String,
    pub at: i64,
}

#[derive(Debug)]
pub struct NewSegmentEvent<'a> {
    pub segment_id: i64,
    pub kind: &'a str,
    /// The connection and sequence_number of the attempt the event concerns, if written.
    pub attempt: Option<(i64, u32)>,
    pub command_status: Option<u32>,
    pub detail: &'a str,
    pub at: i64,
}

pub async fn insert_segment_event(db: &Db, e: NewSegmentEvent<'_>) -> sqlx::Result<i64> {
    let r = sqlx::query(
        "INSERT INTO segment_events (segment_id, kind, connection_id, sequence_number, command_status, detail, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(e.segment_id)
    .bind(e.kind)
    .bind(e.attempt.map(|a| a.0))
    .bind(e.attempt.map(|a| i64::from(a.1)))
    .bind(e.command_status.map(i64::from))
    .bind(e.detail)
    .bind(e.at)
    .execute(db)
    .await?;
    Ok(r.last_insert_rowid())
}

/// Oldest first.
pub async fn list_events_for_segment(db: &Db, segment_id: i64) -> sqlx::Result<Vec<SegmentEvent>> {
    sqlx::query_as(
        "SELECT id, segment_id, kind, connection_id, sequence_number, command_status, detail, at
         FROM segment_events WHERE segment_id = ? ORDER BY id",
    )
    .bind(segment_id)
    .fetch_all(db)
    .await
}

/// Whether the segment has an event of this kind.
pub async fn has_segment_event(db: &Db, segment_id: i64, kind: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM segment_events WHERE segment_id = ? AND kind = ?)")
        .bind(segment_id)
        .bind(kind)
        .fetch_one(db)
        .await
}
