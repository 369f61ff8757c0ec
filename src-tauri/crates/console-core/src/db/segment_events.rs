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
