//! Retention on a real SQLite log filled like live traffic (messages, parts, PDUs, receipts):
//! prune by age and by size, never a message in flight, nothing left dangling; VACUUM returns
//! the space; the setting round-trips with its validation.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use console_core::Console;
use console_core::log_bench::{fill_log, smsc_id_of, token_of};
use console_core::model::TraceFilters;
use console_core::retention::Retention;

const DAY_MS: i64 = 86_400_000;

async fn count(console: &Console, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(console.db()).await.unwrap()
}

#[tokio::test]
async fn pruning_by_age_removes_old_messages_with_their_parts_receipts_and_pdus() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    fill_log(console.db(), console.log_writer(), 0, 2000).await.unwrap();
    let messages = count(&console, "SELECT COUNT(*) FROM messages").await;
    let orphans = count(&console, "SELECT COUNT(*) FROM receipts WHERE segment_id IS NULL").await;
    // The 1000th oldest message's time, as if a day had passed since: everything older goes.
    let cutoff: i64 = sqlx::query_scalar("SELECT created_at FROM messages ORDER BY created_at LIMIT 1 OFFSET 1000")
        .fetch_one(console.db())
        .await
        .unwrap();
    // A message still in flight is never pruned, however old.
    let stuck: String = sqlx::query_scalar("SELECT id FROM messages ORDER BY created_at LIMIT 1")
        .fetch_one(console.db())
        .await
        .unwrap();
    sqlx::query("UPDATE messages SET state = 'Submitted' WHERE id = ?")
        .bind(&stuck)
        .execute(console.db())
        .await
        .unwrap();

    let r = Retention { max_age_days: Some(1), max_size_mb: None };
    let report = console.prune_log_with(&r, cutoff + DAY_MS).await.unwrap();
    assert_eq!(report.messages, 999, "the 1000 older ones but the one in flight");
    assert!(report.receipts > 0 && report.pdus > 0, "{report:?}");
    assert!(report.used_bytes_after < report.used_bytes_before, "{report:?}");
    assert_eq!(count(&console, "SELECT COUNT(*) FROM messages").await, messages - 999);
    assert!(console.get_message(&stuck).await.unwrap().is_some());

    // Nothing dangles and nothing old is left: no parts without a message, no receipt turned
    // orphan by the prune, no PDU older than the cutoff.
    assert_eq!(
        count(&console, "SELECT COUNT(*) FROM segments WHERE message_id NOT IN (SELECT id FROM messages)").await,
        0
    );
    assert!(count(&console, "SELECT COUNT(*) FROM receipts WHERE segment_id IS NULL").await <= orphans);
    let old_pdus: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pdus WHERE at < ?")
        .bind(cutoff)
        .fetch_one(console.db())
        .await
        .unwrap();
    assert_eq!(old_pdus, 0);
    let fk: Vec<(String,)> =
        sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check").fetch_all(console.db()).await.unwrap();
    assert!(fk.is_empty(), "foreign keys broken in {fk:?}");

    // A pruned message is gone from Trace; a kept one is still found.
    let filters = TraceFilters::default();
    assert!(console.trace(&smsc_id_of(1, 1), &filters).await.unwrap().messages.is_empty());
    assert_eq!(console.trace(&smsc_id_of(1999, 1), &filters).await.unwrap().messages.len(), 1);
    console.shutdown().await;
}

/// Deleting a message deletes its parts, and a part its keys, events and receipts' links,
/// through foreign keys; SQLite finds those rows through an index that leads with the child
/// column, or else reads the whole child table once per row deleted (at a million messages, a
/// retention batch would take minutes). Every such index must exist and hold every row.
#[tokio::test]
async fn what_retention_deletes_finds_its_dependents_through_indexes() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    let unindexed: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT m.name, f.\"from\", f.\"table\" FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f.\"table\" IN ('messages', 'segments', 'receipts')
         AND NOT EXISTS (SELECT 1 FROM pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii
                         WHERE il.partial = 0 AND ii.seqno = 0 AND ii.name = f.\"from\")",
    )
    .fetch_all(console.db())
    .await
    .unwrap();
    assert!(unindexed.is_empty(), "foreign keys without a full index (child, column, parent): {unindexed:?}");
}

/// PDUs are pruned in the order they were logged, up to the cutoff (`pdus` has no time index):
/// one logged a few seconds out of time order goes with its neighbours; one logged far out of
/// order (the clock set back) waits for a later prune, rather than every prune reading the
/// whole table to find it.
#[tokio::test]
async fn pdus_are_pruned_in_the_order_they_were_logged_up_to_the_cutoff() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    fill_log(console.db(), console.log_writer(), 0, 10).await.unwrap();
    let newest: i64 = count(&console, "SELECT MAX(at) FROM pdus").await;
    let cutoff = newest + 100_000;
    // In the order logged: (time relative to the cutoff, kept by a prune at the cutoff).
    let logged = [(-10_000, false), (2_000, true), (-1_000, false), (10_000, true), (-50_000, true)];
    let connection: i64 = count(&console, "SELECT MIN(id) FROM connections").await;
    for (dt, _) in logged {
        sqlx::query(
            "INSERT INTO pdus (connection_id, direction, command_id, command_status, sequence_number, bytes, at)
             VALUES (?, 'in', 21, 0, 1, x'00', ?)",
        )
        .bind(connection)
        .bind(cutoff + dt)
        .execute(console.db())
        .await
        .unwrap();
    }
    let left = |console: &Console| {
        let db = console.db().clone();
        async move {
            let at: Vec<i64> = sqlx::query_scalar("SELECT at FROM pdus ORDER BY id").fetch_all(&db).await.unwrap();
            at.into_iter().map(|t| t - cutoff).collect::<Vec<_>>()
        }
    };
    let r = Retention { max_age_days: Some(1), max_size_mb: None };
    console.prune_log_with(&r, cutoff + DAY_MS).await.unwrap();
    let kept: Vec<i64> = logged.iter().filter(|(_, kept)| *kept).map(|(dt, _)| *dt).collect();
    assert_eq!(left(&console).await, kept, "the fill's PDUs and the old ones up to the first past the slack go");
    // A later prune takes the one the clock put out of order.
    console.prune_log_with(&r, cutoff + 20_000 + DAY_MS).await.unwrap();
    assert_eq!(left(&console).await, Vec::<i64>::new());
    console.shutdown().await;
}

#[tokio::test]
async fn pruning_by_size_removes_the_oldest_first_and_vacuum_returns_the_space() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    // Not a multiple of the prune batch (500): what is left after the last batch fits.
    fill_log(console.db(), console.log_writer(), 0, 3200).await.unwrap();
    let newest: i64 = count(&console, "SELECT MAX(created_at) FROM messages").await;
    let r = Retention { max_age_days: None, max_size_mb: Some(1) };
    let report = console.prune_log_with(&r, newest).await.unwrap();
    assert!(report.used_bytes_before > 1024 * 1024, "the fill is over the limit: {report:?}");
    assert!(report.used_bytes_after <= 1024 * 1024, "{report:?}");
    assert!(report.messages > 0);
    let left = count(&console, "SELECT COUNT(*) FROM messages").await;
    assert!(left > 0, "it stops once under the limit");
    assert_eq!(count(&console, "SELECT MAX(created_at) FROM messages").await, newest, "the newest stay");

    let vacuum = console.vacuum_log().await.unwrap();
    assert!(vacuum.file_bytes_after < vacuum.file_bytes_before, "{vacuum:?}");
    // VACUUM renumbers rows; the text index was rebuilt and still finds the right message
    // (case-insensitively), and a pruned one no more.
    let filters = TraceFilters::default();
    let found = console.trace(&token_of(3199).to_uppercase(), &filters).await.unwrap().messages;
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.text.contains(&token_of(3199)));
    assert!(console.trace(&token_of(1), &filters).await.unwrap().messages.is_empty());
    console.shutdown().await;
}

#[tokio::test]
async fn the_setting_round_trips_and_refuses_nonsense() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    assert_eq!(console.retention().await.unwrap(), Retention::default(), "keep everything by default");
    let r = Retention { max_age_days: Some(30), max_size_mb: Some(500) };
    console.set_retention(&r).await.unwrap();
    assert_eq!(console.retention().await.unwrap(), r);
    let e = console.set_retention(&Retention { max_age_days: Some(0), max_size_mb: None }).await.unwrap_err();
    assert!(e.to_string().contains("at least 1 day"), "{e}");
    let e = console.set_retention(&Retention { max_age_days: None, max_size_mb: Some(5) }).await.unwrap_err();
    assert!(e.to_string().contains("at least 10 MB"), "{e}");
    assert_eq!(console.retention().await.unwrap(), r, "a refused setting changes nothing");
    console.set_retention(&Retention::default()).await.unwrap();
    assert_eq!(console.retention().await.unwrap(), Retention::default());
    // With nothing set, a prune removes nothing.
    fill_log(console.db(), console.log_writer(), 0, 100).await.unwrap();
    let report = console.prune_log().await.unwrap();
    assert_eq!((report.messages, report.receipts, report.pdus), (0, 0, 0));
    console.shutdown().await;
}
