//! `receipts`: reads of delivery receipts (the log writer stores and matches them, see `log_writer`).

use super::Db;

/// Counts (all, orphans, duplicates) for a profile: tests and status displays.
pub async fn count_receipts(db: &Db, profile_id: i64) -> sqlx::Result<(i64, i64, i64)> {
    sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(segment_id IS NULL), 0), COALESCE(SUM(duplicate), 0) FROM receipts WHERE profile_id = ?",
    )
    .bind(profile_id)
    .fetch_one(db)
    .await
}
