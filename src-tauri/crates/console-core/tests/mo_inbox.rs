//! Incoming (MO) messages through a real bind: multipart ones put back together whatever the
//! order (UDH and SAR), repeats kept once, and one whose parts stop coming stored as
//! incomplete with the gaps marked; parts still waiting when the console stops or is killed are
//! taken back at the next start. Loopback
//! TCP to the simulator, real SQLite.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::time::Duration;

use console_core::model::{MessageState, MessageView};
use console_core::{Console, Reconnect};
use smpp_codec::coding::{self, Alphabet, Concat};
use smpp_codec::pdu::{ESM_CLASS_UDHI, ShortMessage};
use smpp_codec::tlv::{Tlv, tag};
use smsc_sim::{SimConfig, Simulator};

async fn bound() -> (tempfile::TempDir, Console, Simulator) {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    let sim = Simulator::start("127.0.0.1:0", SimConfig::new("mo", "mo-pw")).await.unwrap();
    let profile = console.adhoc_profile("127.0.0.1", sim.local_addr().port(), "mo").await.unwrap();
    console.bind(profile, "mo-pw".into(), Reconnect::Never).await.unwrap();
    (dir, console, sim)
}

fn mo(from: &str, short_message: Vec<u8>, udhi: bool, tlvs: Vec<Tlv>) -> ShortMessage {
    ShortMessage {
        source_addr: from.into(),
        source_addr_ton: 1,
        source_addr_npi: 1,
        destination_addr: "12345".into(),
        dest_addr_ton: 3,
        esm_class: if udhi { ESM_CLASS_UDHI } else { 0 },
        short_message,
        tlvs,
        ..Default::default()
    }
}

/// The MO messages logged so far, oldest first, once there are `n` of them.
async fn inbox(console: &Console, n: usize) -> Vec<MessageView> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let mut mos: Vec<_> =
            console.list_messages(100).await.unwrap().into_iter().filter(|m| m.direction == "MO").collect();
        if mos.len() >= n {
            mos.reverse();
            return mos;
        }
        assert!(tokio::time::Instant::now() < deadline, "only {} MO messages: {mos:?}", mos.len());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn multipart_mo_is_reassembled_in_any_order_and_repeats_count_once() {
    let (_dir, console, sim) = bound().await;
    let text = "Reply from a handset that does not fit one SMS: ".repeat(4);
    let parts = coding::split(&text, Alphabet::Gsm7, Concat::Udh8, 7).unwrap();
    assert_eq!(parts.len(), 2);
    // Part 2 first, then part 1 twice (an SMSC resending after a lost response).
    for i in [1, 0, 0] {
        assert!(sim.send_mo("mo", mo("447700900999", parts[i].short_message(), true, Vec::new())).await);
    }
    assert!(sim.send_mo("mo", mo("447700900111", b"single".to_vec(), false, Vec::new())).await);
    let got = inbox(&console, 2).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(inbox(&console, 2).await.len(), 2, "the repeated part made no third message");
    let long = got.iter().find(|m| m.source == "447700900999").unwrap();
    assert_eq!((long.text.as_str(), long.parts, long.state), (text.as_str(), 2, MessageState::Received));
    assert!(long.error.is_none());
    let single = got.iter().find(|m| m.source == "447700900111").unwrap();
    assert_eq!((single.text.as_str(), single.parts), ("single", 1));
    console.shutdown().await;
}

#[tokio::test]
async fn parts_that_stop_coming_leave_an_incomplete_message_with_the_gap_marked() {
    let (_dir, console, sim) = bound().await;
    console.set_mo_reassembly_timeout(Duration::from_millis(300));
    let sar = |seq: u8, text: &str| {
        let tlvs = vec![
            Tlv::u16(tag::SAR_MSG_REF_NUM, 0x1234),
            Tlv::u8(tag::SAR_TOTAL_SEGMENTS, 3),
            Tlv::u8(tag::SAR_SEGMENT_SEQNUM, seq),
        ];
        mo("447700900222", text.as_bytes().to_vec(), false, tlvs)
    };
    assert!(sim.send_mo("mo", sar(1, "first ")).await);
    assert!(sim.send_mo("mo", sar(3, " third")).await);
    let got = inbox(&console, 1).await;
    let m = &got[0];
    assert_eq!((m.parts, m.state), (3, MessageState::Received));
    assert!(m.text.starts_with("first ") && m.text.ends_with(" third"), "{:?}", m.text);
    assert!(m.text.contains("2"), "the gap is marked: {:?}", m.text);
    let error = m.error.as_ref().expect("marked incomplete");
    assert_eq!(error.code, "incomplete");
    assert!(error.message.contains("Part 2 of 3 never arrived"), "{}", error.message);
    console.shutdown().await;
}

/// A stop keeps what waits for the rest of its message held in the log, as a kill does: the
/// next start takes it back and the part that comes then completes the message.
#[tokio::test]
async fn parts_waiting_when_the_console_stops_are_completed_after_the_restart() {
    let (dir, console, sim) = bound().await;
    let sar = |seq: u8, text: &str| {
        let tlvs = vec![
            Tlv::u16(tag::SAR_MSG_REF_NUM, 0x4321),
            Tlv::u8(tag::SAR_TOTAL_SEGMENTS, 2),
            Tlv::u8(tag::SAR_SEGMENT_SEQNUM, seq),
        ];
        mo("447700900333", text.as_bytes().to_vec(), false, tlvs)
    };
    assert!(sim.send_mo("mo", sar(1, "first half ")).await);
    until_held(&console, 1).await;
    console.shutdown().await;
    sim.shutdown().await;

    let console = Console::open(dir.path()).await.unwrap();
    assert_eq!((inbox_now(&console).await, held_parts(&console).await), (0, 1), "still waiting for part 2");
    let sim = Simulator::start("127.0.0.1:0", SimConfig::new("mo", "mo-pw")).await.unwrap();
    let profile = console.adhoc_profile("127.0.0.1", sim.local_addr().port(), "mo").await.unwrap();
    console.bind(profile, "mo-pw".into(), Reconnect::Never).await.unwrap();
    assert!(sim.send_mo("mo", sar(2, "second half")).await);
    let got = inbox(&console, 1).await;
    assert_eq!((got[0].text.as_str(), got[0].parts, got[0].error.as_ref()), ("first half second half", 2, None));
    until_held(&console, 0).await;
    console.shutdown().await;
    sim.shutdown().await;
}

/// Rows in `mo_held_parts`: parts waiting for the rest of their message, safe from a kill.
async fn held_parts(console: &Console) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM mo_held_parts").fetch_one(console.db()).await.unwrap()
}

/// Waits until `n` parts are held on disk (the writer commits a held part within its linger).
async fn until_held(console: &Console, n: i64) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while held_parts(console).await != n {
        assert!(tokio::time::Instant::now() < deadline, "{} parts held, not {n}", held_parts(console).await);
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Sends part 1 of a two-part UDH message, waits until it is held on disk, then "kills" the
/// console: no shutdown runs, so nothing stores what its reassembler holds in memory, as after
/// SIGKILL. Returns the directory and the message's text and parts.
async fn killed_while_holding_part_one() -> (tempfile::TempDir, String, Vec<coding::Part>) {
    let (dir, console, sim) = bound().await;
    let text = "A reply that spans two messages, the first of them held when the console dies. ".repeat(3);
    let parts = coding::split(&text, Alphabet::Gsm7, Concat::Udh8, 0x5A).unwrap();
    assert_eq!(parts.len(), 2);
    assert!(sim.send_mo("mo", mo("447700900555", parts[0].short_message(), true, Vec::new())).await);
    until_held(&console, 1).await;
    sim.shutdown().await;
    // Leaked, not shut down: its memory (the part held) is as good as gone with the process.
    std::mem::forget(console);
    (dir, text, parts)
}

#[tokio::test]
async fn a_part_held_when_the_console_was_killed_is_completed_after_the_restart() {
    let (dir, text, parts) = killed_while_holding_part_one().await;
    let console = Console::open(dir.path()).await.unwrap();
    assert_eq!(inbox_now(&console).await, 0, "the held part waits for the rest, it is not stored yet");
    let sim = Simulator::start("127.0.0.1:0", SimConfig::new("mo", "mo-pw")).await.unwrap();
    let profile = console.adhoc_profile("127.0.0.1", sim.local_addr().port(), "mo").await.unwrap();
    console.bind(profile, "mo-pw".into(), Reconnect::Never).await.unwrap();
    assert!(sim.send_mo("mo", mo("447700900555", parts[1].short_message(), true, Vec::new())).await);
    let got = inbox(&console, 1).await;
    assert_eq!((got[0].text.as_str(), got[0].parts, got[0].error.as_ref()), (text.as_str(), 2, None));
    until_held(&console, 0).await;
    console.shutdown().await;
    sim.shutdown().await;
}

#[tokio::test]
async fn a_part_held_when_the_console_was_killed_is_stored_as_incomplete_when_its_time_is_up() {
    let (dir, _, _) = killed_while_holding_part_one().await;
    let console = Console::open(dir.path()).await.unwrap();
    // The part has waited since it was received before the kill; the timeout counts from then.
    console.set_mo_reassembly_timeout(Duration::from_millis(300));
    let got = inbox(&console, 1).await;
    let error = got[0].error.as_ref().expect("marked incomplete");
    assert!(error.message.contains("Part 2 of 2 never arrived (its parts stopped coming)"), "{}", error.message);
    until_held(&console, 0).await;
    console.shutdown().await;
    // Stored once: a third start finds nothing held and adds nothing.
    let console = Console::open(dir.path()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!((inbox_now(&console).await, held_parts(&console).await), (1, 0));
    console.shutdown().await;
}

/// MO messages in the log now.
async fn inbox_now(console: &Console) -> usize {
    console.list_messages(100).await.unwrap().into_iter().filter(|m| m.direction == "MO").count()
}
