//! `receipts`: delivery receipts, matched to a segment or kept as orphans.

use sqlx::FromRow;

use super::Db;

#[derive(Debug)]
pub struct NewReceipt<'a> {
    pub profile_id: i64,
    pub connection_id: i64,
    pub segment_id: Option<i64>,
    pub smsc_message_id: &'a str,
    pub message_state: Option<u8>,
    pub stat: Option<&'a str>,
    pub err: Option<&'a str>,
    pub text: &'a str,
    pub duplicate: bool,
    pub now: i64,
}

pub async fn insert_receipt(db: &Db, r: NewReceipt<'_>) -> sqlx::Result<i64> {
    let res = sqlx::query(
        "INSERT INTO receipts (profile_id, connection_id, segment_id, smsc_message_id, message_state, stat, err, text,
             duplicate, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(r.profile_id)
    .bind(r.connection_id)
    .bind(r.segment_id)
    .bind(r.smsc_message_id)
    .bind(r.message_state.map(i64::from))
    .bind(r.stat)
    .bind(r.err)
    .bind(r.text)
    .bind(r.duplicate)
    .bind(r.now)
    .execute(db)
    .await?;
    Ok(res.last_insert_rowid())
}

/// Whether `segment_id` already has a receipt with this stat (an SMSC resends a receipt when
/// our deliver_sm_resp got lost; the repeat is kept but marked, and changes nothing).
pub async fn has_receipt_with_stat(db: &Db, segment_id: i64, stat: Option<&str>) -> sqlx::Result<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM receipts WHERE segment_id = ? AND stat IS ? AND duplicate = 0")
            .bind(segment_id)
            .bind(stat)
            .fetch_one(db)
            .await?;
    Ok(n > 0)
}

#[derive(Debug, Clone, FromRow)]
pub struct OrphanReceipt {
    pub id: i64,
    pub smsc_message_id: String,
    pub message_state: Option<i64>,
    pub stat: Option<String>,
    pub err: Option<String>,
}

pub async fn list_orphan_receipts(db: &Db, profile_id: i64) -> sqlx::Result<Vec<OrphanReceipt>> {
    sqlx::query_as(
        "SELECT id, smsc_message_id, message_state, stat, err FROM receipts
         WHERE profile_id = ? AND segment_id IS NULL ORDER BY id",
    )
    .bind(profile_id)
    .fetch_all(db)
    .await
}

pub async fn attach_receipt_to_segment(db: &Db, receipt_id: i64, segment_id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE receipts SET segment_id = ? WHERE id = ?")
        .bind(segment_id)
        .bind(receipt_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Counts (all, orphans, duplicates) for a profile: tests and status displays.
pub async fn count_receipts(db: &Db, profile_id: i64) -> sqlx::Result<(i64, i64, i64)> {
    sqlx::query_as(
        "SELECT COUNT(*), COALESCE(SUM(segment_id IS NULL), 0), COALESCE(SUM(duplicate), 0) FROM receipts WHERE profile_id = ?",
    )
    .bind(profile_id)
    .fetch_one(db)
    .await
}
