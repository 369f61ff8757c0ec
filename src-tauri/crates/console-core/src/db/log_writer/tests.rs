use std::time::Duration;

use smpp_codec::message_id::correlation_keys;

use super::*;
use crate::addresses::Address;
use crate::db::{Db, pdus};
use crate::model::MessageState;

fn pdu(connection_id: i64, n: u32) -> PduRow {
    // A generic_nack header with sequence number n: 16 bytes, readable by read_header.
    let mut bytes = Vec::with_capacity(16);
    bytes.extend_from_slice(&16u32.to_be_bytes());
    bytes.extend_from_slice(&0x8000_0000u32.to_be_bytes());
    bytes.extend_from_slice(&0u32.to_be_bytes());
    bytes.extend_from_slice(&n.to_be_bytes());
    PduRow { connection_id, inbound: n.is_multiple_of(2), bytes, warnings: None, at: i64::from(n) }
}

fn message(profile_id: i64, parts: usize) -> MessageInsert {
    MessageInsert {
        id: uuid::Uuid::now_v7().to_string(),
        profile_id,
        direction: "MT",
        source: Address { addr: "Acme".into(), ton: 5, npi: 0 },
        dest: Address { addr: "447700900123".into(), ton: 1, npi: 1 },
        body: "hello".into(),
        data_coding: 0,
        alphabet: "GSM7",
        parts,
        segments: parts,
        request_dlr: true,
        state: MessageState::Queued,
        error: None,
        at: 1,
    }
}

fn accepted(profile_id: i64, segment_id: i64, smsc_id: &str) -> OutcomeRow {
    OutcomeRow {
        segment_id,
        state: MessageState::Accepted,
        command_status: Some(0),
        smsc_message_id: Some(smsc_id.into()),
        error: None,
        keys: Some((profile_id, correlation_keys(smsc_id))),
        at: 2,
    }
}

fn receipt(profile_id: i64, connection_id: i64, smsc_id: &str, stat: &str) -> ReceiptRow {
    ReceiptRow {
        profile_id,
        connection_id,
        smsc_message_id: smsc_id.into(),
        keys: correlation_keys(smsc_id),
        message_state: Some(2),
        state: MessageState::Delivered,
        stat: Some(stat.into()),
        err: Some("000".into()),
        text: format!("id:{smsc_id} stat:{stat}"),
        at: 3,
    }
}

/// A log with one profile and one connection: (dir, pool, writer, profile id, connection id).
async fn open(capacity: usize) -> (tempfile::TempDir, Db, LogWriter, i64, i64) {
    open_publishing(capacity, None).await
}

/// Like [`open`], publishing changed messages on `events`.
async fn open_publishing(
    capacity: usize,
    events: Option<broadcast::Sender<ConsoleEvent>>,
) -> (tempfile::TempDir, Db, LogWriter, i64, i64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.db");
    let db = crate::db::open(&path).await.unwrap();
    let p = crate::db::profiles::NewProfile {
        name: "w",
        preset: "generic",
        host: "h",
        port: 1,
        system_id: "s",
        bind_type: "TRX",
        builtin_simulator: false,
    };
    let profile = crate::db::profiles::upsert_profile(&db, p, 0).await.unwrap();
    let conn = crate::db::connections::insert_connection(&db, profile.id, "h", 1, "TRX", 0).await.unwrap();
    let log = LogWriter::with_capacity(&path, events, capacity).unwrap();
    (dir, db, log, profile.id, conn)
}

async fn message_state(db: &Db, id: &str) -> String {
    sqlx::query_scalar("SELECT state FROM messages WHERE id = ?").bind(id).fetch_one(db).await.unwrap()
}

#[tokio::test]
async fn flush_persists_every_queued_pdu_in_order() {
    let (_dir, db, log, _, conn) = open(64).await;
    let sent: Vec<PduRow> = (1..=5000).map(|n| pdu(conn, n)).collect();
    for r in &sent {
        log.pdu(r.clone()).await;
    }
    log.flush().await;
    let stored = pdus::list_pdu_bytes_for_connection(&db, conn).await.unwrap();
    assert_eq!(stored.len(), sent.len());
    assert!(stored.iter().zip(&sent).all(|(s, r)| *s == r.bytes), "rows out of order");
    // The header columns the trace joins on are filled from the bytes.
    let seqs: Vec<i64> = sqlx::query_scalar("SELECT sequence_number FROM pdus WHERE connection_id = ? ORDER BY id")
        .bind(conn)
        .fetch_all(&db)
        .await
        .unwrap();
    assert_eq!(seqs, (1..=5000).collect::<Vec<i64>>());
}

#[tokio::test]
async fn a_full_queue_makes_senders_wait_instead_of_growing() {
    let (_dir, db, log, _, conn) = open(4).await;
    // Hold the write lock so the writer cannot commit: the queue fills and stays full.
    let mut blocker = db.acquire().await.unwrap();
    sqlx::query("BEGIN IMMEDIATE").execute(&mut *blocker).await.unwrap();
    // The writer takes what is queued into its (blocked) batch; after that at most 4 fit.
    let mut queued = 0u32;
    loop {
        match tokio::time::timeout(Duration::from_millis(200), log.pdu(pdu(conn, queued + 1))).await {
            Ok(()) => queued += 1,
            Err(_) => break,
        }
        assert!(queued <= 4 + MAX_BATCH as u32, "send never waited: the queue is not bounded");
    }
    assert!(queued >= 4, "only {queued} queued before send waited");
    assert_eq!(log.capacity(), 0, "send waited although the queue had room");
    sqlx::query("COMMIT").execute(&mut *blocker).await.unwrap();
    drop(blocker);
    // Once the disk is writable again, the waiting is over and nothing was lost.
    tokio::time::timeout(Duration::from_secs(20), async {
        log.pdu(pdu(conn, queued + 1)).await;
        log.flush().await;
    })
    .await
    .expect("the writer did not resume");
    let stored = pdus::list_pdu_bytes_for_connection(&db, conn).await.unwrap();
    assert_eq!(stored.len(), queued as usize + 1);
}

#[tokio::test]
async fn a_persisted_message_is_committed_with_its_parts_and_rolls_up() {
    let (_dir, db, log, profile, conn) = open(64).await;
    let m = message(profile, 2);
    let id = m.id.clone();
    let segs = log.persist_message(m).await.unwrap();
    assert_eq!(segs.len(), 2);
    // Committed when persist_message returns, not only queued.
    assert_eq!(message_state(&db, &id).await, "Queued");
    for (k, &s) in segs.iter().enumerate() {
        log.send(LogOp::Submitted { segment_id: s, connection_id: conn, sequence_number: k as u32 + 1, at: 2 }).await;
    }
    log.flush().await;
    assert_eq!(message_state(&db, &id).await, "Submitted");
    log.outcome(accepted(profile, segs[0], "00AB")).await;
    log.outcome(accepted(profile, segs[1], "00AC")).await;
    log.receipt(receipt(profile, conn, "171", "DELIVRD")).await; // 0xAB in decimal
    log.flush().await;
    assert_eq!(message_state(&db, &id).await, "Enroute", "one part delivered, one accepted");
    log.receipt(receipt(profile, conn, "ac", "DELIVRD")).await;
    log.flush().await;
    assert_eq!(message_state(&db, &id).await, "Delivered");
}

#[tokio::test]
async fn a_receipt_before_its_response_is_an_orphan_until_the_response_comes() {
    let (_dir, db, log, profile, conn) = open(64).await;
    let m = message(profile, 1);
    let id = m.id.clone();
    let seg = log.persist_message(m).await.unwrap()[0];
    log.receipt(receipt(profile, conn, "0000FF01", "DELIVRD")).await;
    log.flush().await;
    let orphan_keys: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orphan_keys").fetch_one(&db).await.unwrap();
    assert_eq!(orphan_keys, 1);
    log.outcome(accepted(profile, seg, "ff01")).await;
    log.flush().await;
    assert_eq!(message_state(&db, &id).await, "Delivered");
    let (all, orphans, _) = crate::db::receipts::count_receipts(&db, profile).await.unwrap();
    assert_eq!((all, orphans), (1, 0));
    let orphan_keys: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orphan_keys").fetch_one(&db).await.unwrap();
    assert_eq!(orphan_keys, 0, "an adopted receipt's keys are gone");
}

#[tokio::test]
async fn one_bad_operation_costs_itself_not_its_batch() {
    let (_dir, db, log, profile, conn) = open(64).await;
    // Queued together so they share a batch: a PDU, one on a connection that does not exist
    // (a foreign key violation), another PDU and a message somebody waits for.
    log.pdu(pdu(conn, 1)).await;
    log.pdu(pdu(conn + 1000, 2)).await;
    log.pdu(pdu(conn, 3)).await;
    let m = message(profile, 1);
    let id = m.id.clone();
    log.persist_message(m).await.unwrap();
    let stored = pdus::list_pdu_bytes_for_connection(&db, conn).await.unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(message_state(&db, &id).await, "Queued");
    // A message that cannot be stored (its id is taken) is an error for whoever waits for it.
    let mut again = message(profile, 1);
    again.id = id;
    let e = log.persist_message(again).await.unwrap_err();
    assert!(e.to_string().contains("UNIQUE"), "{e}");
}

/// Each change is published once committed, and a flush returns after the events of what it
/// flushed (the publisher reads on its own connection, so it must see the commit).
#[tokio::test]
async fn changed_messages_are_published_after_the_commit() {
    let (events, mut rx) = broadcast::channel(16);
    let (_dir, _db, log, profile, _) = open_publishing(64, Some(events)).await;
    let published = |rx: &mut broadcast::Receiver<ConsoleEvent>| {
        let mut states = Vec::new();
        while let Ok(ConsoleEvent::Message { message }) = rx.try_recv() {
            states.push((message.id, message.state));
        }
        states
    };
    let m = message(profile, 1);
    let id = m.id.clone();
    let seg = log.persist_message(m).await.unwrap()[0];
    log.flush().await;
    assert_eq!(published(&mut rx), [(id.clone(), MessageState::Queued)]);
    log.outcome(accepted(profile, seg, "1")).await;
    log.flush().await;
    assert_eq!(published(&mut rx), [(id, MessageState::Accepted)]);
    log.flush().await;
    assert_eq!(published(&mut rx), [], "nothing changed, nothing published");
}

/// The writer inserts into these tables for every message. An index whose WHERE holds an IN
/// list (or a statement with RETURNING) makes SQLite build an ephemeral table, a page cache made
/// and torn down, for every row: it once cost more per PDU than the index entry it decided on.
#[tokio::test]
async fn inserting_a_row_the_writer_logs_builds_no_ephemeral_table() {
    let (_dir, db, _log, _, _) = open(16).await;
    for table in
        ["messages", "segments", "segment_keys", "segment_events", "pdus", "receipts", "orphan_keys", "mo_held_parts"]
    {
        let ops: Vec<(i64, String)> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("EXPLAIN INSERT INTO {table} DEFAULT VALUES")))
                .fetch_all(&db)
                .await
                .unwrap();
        assert!(!ops.is_empty(), "{table}: no program");
        assert!(!ops.iter().any(|(_, op)| op == "OpenEphemeral"), "{table}: an insert builds an ephemeral table");
    }
}

/// The workspace's `.cargo/config.toml` compiles SQLite without its two process-wide mutexes
/// (one page-cache group for every connection, allocation statistics): the writer and the
/// readers would otherwise lock each other on every page. A build that lost the flags (another
/// build directory, an overriding LIBSQLITE3_FLAGS) fails here rather than in a benchmark.
#[test]
fn sqlite_is_built_without_the_global_mutexes() {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    let mut st = conn.prepare("PRAGMA compile_options").unwrap();
    let options: Vec<String> = st.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
    assert!(options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"), "{options:?}");
    assert!(!options.iter().any(|o| o == "ENABLE_MEMORY_MANAGEMENT"), "{options:?}");
}

/// An incoming message stored from held parts releases them in its transaction. One given up on
/// (incomplete) is stored only if its parts were still held: a second console on the same log
/// that took the same parts back at its start, and gives up on them later, stores nothing.
#[tokio::test]
async fn an_mo_message_releases_its_held_parts_and_one_given_up_twice_is_stored_once() {
    let (_dir, db, log, profile_id, _) = open(16).await;
    let held = |key: &str| HeldPart { profile_id, hold_key: key.into(), pdu: vec![0; 16], at: 1 };
    let mo = |key: &str, only_if_held: bool| {
        let m = MessageInsert { direction: "MO", segments: 0, ..message(profile_id, 2) };
        LogOp::MoMessage(Box::new(m), Release { hold_key: key.into(), only_if_held })
    };
    let count = |sql: &'static str| {
        let db = db.clone();
        async move { sqlx::query_scalar::<_, i64>(sql).fetch_one(&db).await.unwrap() }
    };
    log.send(LogOp::HoldPart(Box::new(held("a")))).await;
    log.send(LogOp::HoldPart(Box::new(held("b")))).await;
    log.flush().await;
    assert_eq!(count("SELECT COUNT(*) FROM mo_held_parts").await, 2);

    // Given up on by two consoles: stored once, and only "a"'s part is released.
    log.send(mo("a", true)).await;
    log.send(mo("a", true)).await;
    log.flush().await;
    assert_eq!(count("SELECT COUNT(*) FROM messages WHERE direction = 'MO'").await, 1);
    assert_eq!(count("SELECT COUNT(*) FROM mo_held_parts WHERE hold_key = 'b'").await, 1);
    assert_eq!(count("SELECT COUNT(*) FROM mo_held_parts").await, 1);

    // A completed message is stored whether or not parts were held.
    log.send(mo("b", false)).await;
    log.send(mo("c", false)).await;
    log.flush().await;
    assert_eq!(count("SELECT COUNT(*) FROM messages WHERE direction = 'MO'").await, 3);
    assert_eq!(count("SELECT COUNT(*) FROM mo_held_parts").await, 0);
}
