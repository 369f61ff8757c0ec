//! Correlation and recovery, driven through the crate's internals on a real SQLite file.

use smpp_codec::pdu::ShortMessage;
use smpp_codec::tlv::{Tlv, tag};

use crate::Console;
use crate::clock::now_ms;
use crate::db::{connections, profiles};
use crate::model::MessageState;
use crate::receipts::handle_deliver;
use crate::test_support::{accept, one_part_message};

struct Fixture {
    _dir: tempfile::TempDir,
    console: Console,
    profile: profiles::Profile,
    connection_id: i64,
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    let profile = console.adhoc_profile("smsc.example", 2775, "esme").await.unwrap();
    let db = &console.inner().db;
    let connection_id =
        connections::insert_connection(db, profile.id, "smsc.example", 2775, "TRX", now_ms()).await.unwrap();
    Fixture { _dir: dir, console, profile, connection_id }
}

/// A message of one part, submitted and (when `smsc_id` is given) accepted with that id.
async fn message(f: &Fixture, smsc_id: Option<&str>) -> (String, i64) {
    let on_wire = Some((f.connection_id, 7));
    let (id, seg) = one_part_message(&f.console, f.profile.id, "447700900123", "hi", on_wire).await;
    if let Some(smsc_id) = smsc_id {
        accept(&f.console, f.profile.id, seg, smsc_id).await;
    }
    (id, seg)
}

/// A deliver_sm handled as a bind does, then waited for until it is in the log.
async fn deliver(f: &Fixture, sm: ShortMessage) {
    handle_deliver(f.console.inner(), &f.profile, f.connection_id, sm).await;
    f.console.inner().log.flush().await;
}

fn receipt(id_tlv: Option<&str>, text: &str) -> ShortMessage {
    ShortMessage {
        esm_class: 0x04,
        short_message: text.as_bytes().to_vec(),
        tlvs: id_tlv.map(|id| vec![Tlv::cstring(tag::RECEIPTED_MESSAGE_ID, id)]).unwrap_or_default(),
        ..Default::default()
    }
}

async fn state(f: &Fixture, id: &str) -> MessageState {
    f.console.get_message(id).await.unwrap().unwrap().state
}

#[tokio::test]
async fn receipt_in_decimal_matches_a_hex_id_and_duplicates_change_nothing() {
    let f = fixture().await;
    let (id, seg) = message(&f, Some("001A2B3C")).await;
    let decimal = u64::from_str_radix("1A2B3C", 16).unwrap().to_string();
    let text = format!(
        "id:{decimal} sub:001 dlvrd:001 submit date:2311142213 done date:2311142213 stat:DELIVRD err:000 text:hi"
    );
    deliver(&f, receipt(None, &text)).await;
    assert_eq!(state(&f, &id).await, MessageState::Delivered);
    // The same receipt again (a lost deliver_sm_resp makes SMSCs resend): kept, marked, no change.
    deliver(&f, receipt(None, &text)).await;
    let (all, orphans, dups) = crate::db::receipts::count_receipts(&f.console.inner().db, f.profile.id).await.unwrap();
    assert_eq!((all, orphans, dups), (2, 0, 1));
    let _ = seg;
}

#[tokio::test]
async fn receipt_before_its_submit_response_is_adopted_later() {
    let f = fixture().await;
    let (id, seg) = message(&f, None).await;
    deliver(&f, receipt(Some("ff01"), "id:ff01 stat:UNDELIV err:0x4A2")).await;
    let (_, orphans, _) = crate::db::receipts::count_receipts(&f.console.inner().db, f.profile.id).await.unwrap();
    assert_eq!(orphans, 1);
    assert_eq!(state(&f, &id).await, MessageState::Submitted);

    // Now the submit_sm_resp arrives with the ID in upper case.
    let db = &f.console.inner().db;
    accept(&f.console, f.profile.id, seg, "FF01").await;
    let m = f.console.get_message(&id).await.unwrap().unwrap();
    assert_eq!((m.state, m.receipt_err.as_deref()), (MessageState::Undeliverable, Some("0x4A2")));
    let (_, orphans, _) = crate::db::receipts::count_receipts(db, f.profile.id).await.unwrap();
    assert_eq!(orphans, 0);
}

#[tokio::test]
async fn unknown_receipts_stay_orphans_and_mo_messages_are_stored() {
    let f = fixture().await;
    deliver(&f, receipt(Some("nope"), "id:nope stat:DELIVRD")).await;
    let (all, orphans, _) = crate::db::receipts::count_receipts(&f.console.inner().db, f.profile.id).await.unwrap();
    assert_eq!((all, orphans), (1, 1));

    let mo = ShortMessage {
        source_addr: "447700900123".into(),
        destination_addr: "12345".into(),
        data_coding: 0x08,
        short_message: vec![0x04, 0x1F, 0x04, 0x40, 0x04, 0x38], // "При" in UCS2
        ..Default::default()
    };
    deliver(&f, mo).await;
    let list = f.console.list_messages(10).await.unwrap();
    let m = list.iter().find(|m| m.direction == "MO").unwrap();
    assert_eq!((m.text.as_str(), m.state, m.data_coding.as_str()), ("При", MessageState::Received, "UCS2"));
}

#[tokio::test]
async fn messages_in_flight_at_a_crash_get_a_definite_state_on_reopen() {
    let f = fixture().await;
    let (submitted, _) = message(&f, None).await;
    // A second message whose part was never written: still Queued.
    let (queued, _) = one_part_message(&f.console, f.profile.id, "1", "q", None).await;
    assert_eq!(state(&f, &submitted).await, MessageState::Submitted);

    let dir = f.console.data_dir().to_path_buf();
    f.console.shutdown().await;
    let reopened = Console::open(&dir).await.unwrap();
    let s = reopened.get_message(&submitted).await.unwrap().unwrap();
    assert_eq!((s.state, s.error.unwrap().code.as_str()), (MessageState::UnknownOutcome, "interrupted"));
    // Never marked Submitted, but its submit_sm may have been written just before the crash.
    let q = reopened.get_message(&queued).await.unwrap().unwrap();
    assert_eq!((q.state, q.error.unwrap().code.as_str()), (MessageState::UnknownOutcome, "interrupted"));
}
