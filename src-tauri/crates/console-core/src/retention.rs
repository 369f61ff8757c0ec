//! Keeping the log to a size: prune messages (with their parts, receipts and events) and PDUs
//! older than an age, or the oldest ones while the log is over a size; VACUUM on demand.
//! Deletes run in small batches, each its own transaction, so sends and traces go on meanwhile.
//! Messages still in flight (Queued, Submitted) are never pruned.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::now_ms;
use crate::console::Console;
use crate::db::Db;
use crate::error::CoreError;

/// Messages deleted per transaction: short enough that a send waiting for the write lock
/// barely notices (the SQL below repeats it: static SQL only).
const BATCH: i64 = 500;
const PDU_BATCH: i64 = 5_000;

/// The oldest batch of finished messages created before ?1 (never those still in flight).
macro_rules! message_batch {
    () => {
        "SELECT id FROM messages WHERE created_at < ?1 AND state NOT IN ('Queued', 'Submitted')
         ORDER BY created_at, id LIMIT 500"
    };
}
const DELETE_MESSAGE_RECEIPTS: &str = concat!(
    "DELETE FROM receipts WHERE segment_id IN (SELECT s.id FROM segments s WHERE s.message_id IN (",
    message_batch!(),
    "))"
);
const DELETE_MESSAGES: &str = concat!("DELETE FROM messages WHERE id IN (", message_batch!(), ")");
const DELETE_ORPHAN_RECEIPTS: &str = "DELETE FROM receipts WHERE id IN
     (SELECT id FROM receipts WHERE segment_id IS NULL AND received_at < ?1 LIMIT 500)";
/// PDUs logged before ?2 among those before row ?1, oldest first (see `delete_pdus_before`).
const DELETE_PDUS: &str =
    "DELETE FROM pdus WHERE id IN (SELECT id FROM pdus WHERE id < ?1 AND at < ?2 ORDER BY id LIMIT 5000)";
/// How far out of time order PDUs may be logged and still be pruned with their time: a bind's
/// frames are timed when read or written, and queued to the log writer moments later.
const PDU_ORDER_SLACK_MS: i64 = 5_000;
const DAY_MS: i64 = 86_400_000;

/// The retention setting (None: keep forever / no size limit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Retention {
    /// Prune messages, receipts and PDUs older than this many days.
    pub max_age_days: Option<u32>,
    /// Prune the oldest messages while the log uses more than this many MB.
    pub max_size_mb: Option<u32>,
}

/// What a prune removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PruneReport {
    #[ts(type = "number")]
    pub messages: u64,
    /// Receipts of those messages, and orphan receipts past the age.
    #[ts(type = "number")]
    pub receipts: u64,
    #[ts(type = "number")]
    pub pdus: u64,
    /// Bytes the log's rows used before and after (the file itself shrinks only on VACUUM).
    #[ts(type = "number")]
    pub used_bytes_before: u64,
    #[ts(type = "number")]
    pub used_bytes_after: u64,
}

/// The database file before and after a VACUUM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VacuumReport {
    #[ts(type = "number")]
    pub file_bytes_before: u64,
    #[ts(type = "number")]
    pub file_bytes_after: u64,
}

const AGE_KEY: &str = "retention_max_age_days";
const SIZE_KEY: &str = "retention_max_size_mb";

impl Console {
    /// The stored retention setting.
    pub async fn retention(&self) -> Result<Retention, CoreError> {
        let read = |key: &'static str| async move {
            let v: Option<String> = sqlx::query_scalar("SELECT value FROM console_meta WHERE key = ?")
                .bind(key)
                .fetch_optional(self.db())
                .await?;
            Ok::<_, CoreError>(v.and_then(|s| s.parse().ok()))
        };
        Ok(Retention { max_age_days: read(AGE_KEY).await?, max_size_mb: read(SIZE_KEY).await? })
    }

    /// Stores the retention setting (the app prunes by it in the background).
    pub async fn set_retention(&self, r: &Retention) -> Result<(), CoreError> {
        if r.max_age_days == Some(0) {
            return Err(CoreError::validation(
                "maxAgeDays",
                "Keep at least 1 day, or leave it empty to keep everything.",
            ));
        }
        if r.max_size_mb.is_some_and(|mb| mb < 10) {
            return Err(CoreError::validation("maxSizeMb", "Use at least 10 MB, or leave it empty for no size limit."));
        }
        for (key, value) in [(AGE_KEY, r.max_age_days), (SIZE_KEY, r.max_size_mb)] {
            match value {
                Some(v) => {
                    sqlx::query("INSERT INTO console_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
                        .bind(key)
                        .bind(v.to_string())
                        .execute(self.db())
                        .await?;
                }
                None => {
                    sqlx::query("DELETE FROM console_meta WHERE key = ?").bind(key).execute(self.db()).await?;
                }
            }
        }
        Ok(())
    }

    /// Prunes by the stored setting, now.
    pub async fn prune_log(&self) -> Result<PruneReport, CoreError> {
        let r = self.retention().await?;
        self.prune_log_by(&r).await
    }

    /// Prunes by `r` (not the stored setting), now.
    pub async fn prune_log_by(&self, r: &Retention) -> Result<PruneReport, CoreError> {
        self.prune_log_with(r, now_ms()).await
    }

    /// Prunes by `r` as of `now` (milliseconds since the epoch).
    pub async fn prune_log_with(&self, r: &Retention, now: i64) -> Result<PruneReport, CoreError> {
        // Logged PDUs still queued belong in the count and the size.
        self.inner().log.flush().await;
        let db = self.db();
        let mut report = PruneReport { used_bytes_before: used_bytes(db).await?, ..PruneReport::default() };
        if let Some(days) = r.max_age_days {
            let cutoff = now - i64::from(days) * DAY_MS;
            prune_messages_before(db, cutoff, &mut report).await?;
            report.receipts += delete_batched(db, DELETE_ORPHAN_RECEIPTS, &[cutoff], BATCH).await?;
            report.pdus += delete_pdus_before(db, cutoff).await?;
        }
        if let Some(mb) = r.max_size_mb {
            let limit = u64::from(mb) * 1024 * 1024;
            while used_bytes(db).await? > limit {
                // The oldest batch of finished messages, then everything logged before the
                // oldest message left.
                let Some(cutoff) = nth_oldest_created_at(db, BATCH).await? else { break };
                let before = report.messages;
                prune_messages_before(db, cutoff + 1, &mut report).await?;
                let oldest_left: Option<i64> =
                    sqlx::query_scalar("SELECT MIN(created_at) FROM messages").fetch_one(db).await?;
                let pdu_cutoff = oldest_left.unwrap_or(now);
                report.receipts += delete_batched(db, DELETE_ORPHAN_RECEIPTS, &[pdu_cutoff], BATCH).await?;
                report.pdus += delete_pdus_before(db, pdu_cutoff).await?;
                if report.messages == before {
                    break; // nothing left that may be pruned
                }
            }
        }
        report.used_bytes_after = used_bytes(db).await?;
        if report.messages + report.pdus + report.receipts > 0 {
            tracing::info!(
                "log pruned: {} messages, {} receipts, {} PDUs",
                report.messages,
                report.receipts,
                report.pdus
            );
        }
        Ok(report)
    }

    /// Rebuilds the database file so the space pruning freed goes back to the disk. Takes a
    /// while on a big log and holds the write lock meanwhile: on demand only.
    pub async fn vacuum_log(&self) -> Result<VacuumReport, CoreError> {
        self.inner().log.flush().await;
        let path = self.data_dir().join(crate::db::DATABASE_FILE);
        let size = |p: &std::path::Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let wal = self.data_dir().join(format!("{}-wal", crate::db::DATABASE_FILE));
        let file_bytes_before = size(&path) + size(&wal);
        sqlx::query("VACUUM").execute(self.db()).await?;
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(self.db()).await?;
        Ok(VacuumReport { file_bytes_before, file_bytes_after: size(&path) + size(&wal) })
    }
}

/// Deletes finished messages created before `cutoff` with their receipts (parts, keys and
/// events go with them by cascade), oldest first, in batches.
async fn prune_messages_before(db: &Db, cutoff: i64, report: &mut PruneReport) -> Result<(), CoreError> {
    loop {
        let mut tx = crate::db::begin_write(db).await?;
        // Receipts point at parts with ON DELETE SET NULL (so they survive as orphans when a
        // part goes for another reason): delete them with their message here.
        let receipts = sqlx::query(DELETE_MESSAGE_RECEIPTS).bind(cutoff).execute(&mut *tx).await?.rows_affected();
        let messages = sqlx::query(DELETE_MESSAGES).bind(cutoff).execute(&mut *tx).await?.rows_affected();
        tx.commit().await?;
        report.receipts += receipts;
        report.messages += messages;
        if messages < BATCH as u64 {
            return Ok(());
        }
    }
}

/// Runs `sql` (a `DELETE … LIMIT batch` with `values` as its parameters) until it deletes
/// fewer than `batch` rows.
async fn delete_batched(db: &Db, sql: &'static str, values: &[i64], batch: i64) -> Result<u64, CoreError> {
    let mut total = 0;
    loop {
        let mut q = sqlx::query(sql);
        for v in values {
            q = q.bind(*v);
        }
        let n = q.execute(db).await?.rows_affected();
        total += n;
        if n < batch as u64 {
            return Ok(total);
        }
    }
}

/// Deletes the PDUs logged before `cutoff`, in batches.
///
/// `pdus` has no index on its time: it would cost an entry for every PDU logged, on the log
/// writer's busiest table. PDUs are logged in about the order they were sent and received, so
/// they are read in rowid order, up to the first one logged [`PDU_ORDER_SLACK_MS`] or more after
/// the cutoff. (Asking for `at < cutoff` alone read the whole table whenever fewer rows than a
/// batch qualified, as in every round of a size prune: 0.4 s a round over 4.6 million PDUs,
/// with the write lock held.) A PDU logged further out of order (the clock set back) goes with a
/// later prune.
async fn delete_pdus_before(db: &Db, cutoff: i64) -> Result<u64, CoreError> {
    let past_slack: Option<i64> = sqlx::query_scalar("SELECT id FROM pdus WHERE at >= ? ORDER BY id LIMIT 1")
        .bind(cutoff.saturating_add(PDU_ORDER_SLACK_MS))
        .fetch_optional(db)
        .await?;
    delete_batched(db, DELETE_PDUS, &[past_slack.unwrap_or(i64::MAX), cutoff], PDU_BATCH).await
}

/// created_at of the `n`th oldest finished message (or of the newest, if fewer).
async fn nth_oldest_created_at(db: &Db, n: i64) -> Result<Option<i64>, CoreError> {
    Ok(sqlx::query_scalar(
        "SELECT MAX(created_at) FROM (SELECT created_at FROM messages WHERE state NOT IN ('Queued', 'Submitted')
         ORDER BY created_at LIMIT ?)",
    )
    .bind(n)
    .fetch_one(db)
    .await?)
}

/// Bytes the rows use: pages in use (not on the free list) times the page size.
async fn used_bytes(db: &Db) -> Result<u64, CoreError> {
    let pages: i64 = sqlx::query_scalar("PRAGMA page_count").fetch_one(db).await?;
    let free: i64 = sqlx::query_scalar("PRAGMA freelist_count").fetch_one(db).await?;
    let size: i64 = sqlx::query_scalar("PRAGMA page_size").fetch_one(db).await?;
    Ok(u64::try_from((pages - free).max(0) * size).unwrap_or(0))
}
