//! The SQLite message log: one module per table, names that say what they return.

pub mod connections;
pub mod log_writer;
pub mod message_pages;
pub mod messages;
pub mod meta;
pub mod pdus;
pub mod profile_hosts;
pub mod profiles;
pub mod receipts;
pub mod segment_events;
pub mod segments;
pub mod trace;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

use crate::error::CoreError;

pub type Db = SqlitePool;

/// The database file inside the data directory.
pub const DATABASE_FILE: &str = "console.db";

/// Begins a write transaction: IMMEDIATE takes the write lock at BEGIN (waiting up to the busy
/// timeout). A deferred one that has read first (a statement whose preparation reads, such as
/// one firing a trigger on a virtual table) would fail at once with "database is locked"
/// (SQLITE_BUSY_SNAPSHOT) when another connection committed meanwhile.
pub async fn begin_write(db: &Db) -> sqlx::Result<sqlx::Transaction<'static, sqlx::Sqlite>> {
    db.begin_with("BEGIN IMMEDIATE").await
}

/// Opens (creating if needed) the log and applies pending migrations.
///
/// WAL with synchronous=NORMAL: a crash loses at most the last transactions, never the file.
pub async fn open(path: &Path) -> Result<Db, CoreError> {
    let url = format!("sqlite://{}", path.display());
    let options = SqliteConnectOptions::from_str(&url)
        .map_err(|source| CoreError::OpenDatabase { path: path.display().to_string(), source })?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10));
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .map_err(|source| CoreError::OpenDatabase { path: path.display().to_string(), source })?;
    sqlx::migrate!("../../../migrations").run(&pool).await?;
    Ok(pool)
}
