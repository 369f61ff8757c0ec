#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Crash safety for incoming messages: `smppctl send` (a TRX bind, so it also receives) is
//! killed with SIGKILL while the first part of a two-part MO message waits for the second. The
//! part must not be lost from the Inbox: the next console takes it back, and the second part,
//! arriving through that console, completes the message.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use console_core::{Console, Reconnect};
use smpp_codec::coding::{self, Alphabet, Concat};
use smpp_codec::pdu::{ESM_CLASS_UDHI, ShortMessage};
use smsc_sim::{Faults, SimConfig, Simulator};

const HANDSET: &str = "447700900777";

fn part(short_message: Vec<u8>) -> ShortMessage {
    ShortMessage {
        source_addr: HANDSET.into(),
        source_addr_ton: 1,
        source_addr_npi: 1,
        destination_addr: "12345".into(),
        esm_class: ESM_CLASS_UDHI,
        short_message,
        ..Default::default()
    }
}

/// Reads `sql` (one integer) from the log the killed process wrote, without a console (which
/// would take the held parts back).
async fn count(db_file: &Path, sql: &str) -> Option<i64> {
    if !db_file.exists() {
        return None;
    }
    let db = console_core::db::open(db_file).await.ok()?;
    let n = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string())).fetch_one(&db).await.ok();
    db.close().await;
    n
}

async fn until(db_file: &Path, sql: &str, at_least: i64, what: &str) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while count(db_file, sql).await.unwrap_or(0) < at_least {
        assert!(tokio::time::Instant::now() < deadline, "{what} within 30 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_part_held_when_smppctl_is_killed_completes_its_message_after_the_restart() {
    let mut config = SimConfig::new("esme", "secret");
    // Slow answers keep the bulk send (and its bind) going while the MO part comes.
    config.faults = Faults { response_delay: Duration::from_millis(20), ..Faults::default() };
    let sim = Simulator::start("127.0.0.1:0", config).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db_file = data.join("console.db");

    let mut child = common::bulk_send(&data, sim.local_addr().port(), Stdio::null());
    until(&db_file, "SELECT COUNT(*) FROM messages", 50, "the bulk send's bind is up").await;

    let text = "A reply from a handset, long enough for two messages; the console dies in between. ".repeat(2);
    let parts = coding::split(&text, Alphabet::Gsm7, Concat::Udh8, 0x77).unwrap();
    assert_eq!(parts.len(), 2);
    assert!(sim.send_mo("esme", part(parts[0].short_message())).await, "no bind to receive the MO part");
    until(&db_file, "SELECT COUNT(*) FROM mo_held_parts", 1, "the first part held in the log").await;
    child.start_kill().unwrap(); // SIGKILL on Unix: no unbind, no shutdown.
    assert!(!child.wait().await.unwrap().success());

    let console = Console::open(&data).await.unwrap();
    let mo = |list: Vec<console_core::model::MessageView>| list.into_iter().find(|m| m.source == HANDSET);
    assert!(mo(console.list_messages(100).await.unwrap()).is_none(), "the part waits for the rest");
    let profile = console.adhoc_profile("127.0.0.1", sim.local_addr().port(), "esme").await.unwrap();
    console.bind(profile, "secret".into(), Reconnect::Never).await.unwrap();
    assert!(sim.send_mo("esme", part(parts[1].short_message())).await);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    let message = loop {
        if let Some(m) = mo(console.list_messages(100).await.unwrap()) {
            break m;
        }
        assert!(tokio::time::Instant::now() < deadline, "the message was not completed");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!((message.text.as_str(), message.parts, message.error.as_ref()), (text.as_str(), 2, None));
    console.shutdown().await;
    assert_eq!(count(&db_file, "SELECT COUNT(*) FROM mo_held_parts").await, Some(0));
    sim.shutdown().await;
}
