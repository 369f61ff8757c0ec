#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Crash safety: `smppctl send --repeat` killed with SIGKILL in the middle of a bulk send.
//! The log must open again, be intact, and hold every message in a definite state: those
//! that were in flight are settled at the next open (unknown outcome: the SMSC may or may not
//! have them), none stays Queued or Submitted.

mod common;

use std::process::Stdio;
use std::time::Duration;

use console_core::Console;
use console_core::model::MessageState;
use smsc_sim::{Faults, SimConfig, Simulator};
use tokio::io::{AsyncBufReadExt, BufReader};

const IN_FLIGHT: &str = "SELECT COUNT(*) FROM messages WHERE state IN ('Queued', 'Submitted')";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_send_killed_mid_way_leaves_every_message_definite() {
    let mut config = SimConfig::new("esme", "secret");
    // Slow answers keep many submits in flight when the kill lands.
    config.faults = Faults { response_delay: Duration::from_millis(20), ..Faults::default() };
    let sim = Simulator::start("127.0.0.1:0", config).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    let mut child = common::bulk_send(&data, sim.local_addr().port(), Stdio::piped());
    // The first progress line (10 000 answered) takes too long; wait for some traffic in the
    // log instead, then kill without warning.
    let stderr = child.stderr.take().unwrap();
    tokio::spawn(async move {
        let mut lines = BufReader::new(stderr).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            eprintln!("smppctl: {line}");
        }
    });
    let db_file = data.join("console.db");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        assert!(tokio::time::Instant::now() < deadline, "no traffic logged within 30 s");
        tokio::time::sleep(Duration::from_millis(300)).await;
        if db_file.exists()
            && let Ok(db) = console_core::db::open(&db_file).await
        {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages").fetch_one(&db).await.unwrap_or(0);
            db.close().await;
            if n >= 200 {
                break;
            }
        }
    }
    child.start_kill().unwrap(); // SIGKILL on Unix: no unbind, no cleanup.
    let status = child.wait().await.unwrap();
    assert!(!status.success(), "smppctl should have died, got {status}");
    sim.shutdown().await;

    // Before the console settles anything: some messages are still in flight.
    let db = console_core::db::open(&db_file).await.unwrap();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&db).await.unwrap();
    assert_eq!(integrity, "ok");
    let in_flight: i64 = sqlx::query_scalar(IN_FLIGHT).fetch_one(&db).await.unwrap();
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages").fetch_one(&db).await.unwrap();
    db.close().await;
    eprintln!("after SIGKILL: {total} messages, {in_flight} in flight");
    assert!(total >= 200);

    // Opening the console settles them, each with the reason.
    let console = Console::open(&data).await.unwrap();
    let still: i64 = sqlx::query_scalar(IN_FLIGHT).fetch_one(console.db()).await.unwrap();
    assert_eq!(still, 0, "messages left in flight after recovery");
    let list = console.list_messages(u32::try_from(total).unwrap()).await.unwrap();
    assert_eq!(list.len() as i64, total, "no message lost");
    let mut settled = 0;
    for m in &list {
        match m.state {
            MessageState::Accepted | MessageState::Delivered => {}
            MessageState::UnknownOutcome => {
                let e = m.error.as_ref().unwrap_or_else(|| panic!("{} settled without a reason", m.id));
                assert_eq!(e.code, "interrupted", "{e:?}");
                settled += 1;
            }
            other => panic!("{} ended as {other:?}", m.id),
        }
    }
    // The others in flight had their response logged per part before the kill; the open
    // rolled them up to Accepted.
    assert!(settled <= in_flight, "{settled} settled but only {in_flight} were in flight");
    eprintln!("settled as interrupted: {settled}");
    console.shutdown().await;
}
