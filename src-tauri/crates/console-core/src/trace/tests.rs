//! The trace over a real SQLite file, with receipts driven through the crate's own handlers
//! (the orderings a simulator run does not produce on demand: receipt before response,
//! duplicates, orphans, a Telesign profile).

use smpp_codec::message_id::correlation_keys;
use smpp_codec::pdu::ShortMessage;
use smpp_codec::tlv::{Tlv, tag};
use sqlx::{QueryBuilder, Sqlite};

use crate::Console;
use crate::clock::now_ms;
use crate::db::trace::{self as q, MessageFilter};
use crate::db::{connections, profiles};
use crate::model::{MessageState, TraceFilters, TraceMatch, TraceStep};
use crate::receipts::handle_deliver;
use crate::test_support::{accept, fail, one_part_message};

struct Fixture {
    _dir: tempfile::TempDir,
    console: Console,
    profile: profiles::Profile,
    connection_id: i64,
}

async fn fixture(preset: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    let db = &console.inner().db;
    let p = profiles::NewProfile {
        name: "provider",
        preset,
        host: "smsc.example",
        port: 2775,
        system_id: "esme",
        bind_type: "TRX",
        builtin_simulator: false,
    };
    let profile = profiles::upsert_profile(db, p, now_ms()).await.unwrap();
    let connection_id =
        connections::insert_connection(db, profile.id, "smsc.example", 2775, "TRX", now_ms()).await.unwrap();
    Fixture { _dir: dir, console, profile, connection_id }
}

/// A one-part MT message to `to`, submitted with sequence 7.
async fn submitted(f: &Fixture, to: &str, body: &str) -> (String, i64) {
    one_part_message(&f.console, f.profile.id, to, body, Some((f.connection_id, 7))).await
}

/// The submit_sm_resp arriving: ESME_ROK with `smsc_id`, keys stored, orphans adopted.
async fn accepted(f: &Fixture, seg: i64, smsc_id: &str) {
    accept(&f.console, f.profile.id, seg, smsc_id).await;
}

async fn deliver_receipt(f: &Fixture, id: &str, stat: &str, err: &str) {
    let sm = ShortMessage {
        esm_class: 0x04,
        short_message: format!(
            "id:{id} sub:001 dlvrd:001 submit date:2312030800 done date:2312030800 stat:{stat} err:{err} text:x"
        )
        .into_bytes(),
        tlvs: vec![Tlv::cstring(tag::RECEIPTED_MESSAGE_ID, id)],
        ..Default::default()
    };
    handle_deliver(f.console.inner(), &f.profile, f.connection_id, sm).await;
    f.console.inner().log.flush().await;
}

fn kinds(steps: &[crate::model::TraceEvent]) -> Vec<&'static str> {
    steps
        .iter()
        .map(|e| match e.step {
            TraceStep::Queued => "queued",
            TraceStep::SubmitSm { .. } => "submit_sm",
            TraceStep::SubmitSmResp { .. } => "submit_sm_resp",
            TraceStep::NoResponse { .. } => "no_response",
            TraceStep::Attempt { .. } => "attempt",
            TraceStep::Receipt(_) => "receipt",
            TraceStep::Final { .. } => "final",
        })
        .collect()
}

async fn sleep_ms(ms: u64) {
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
}

#[tokio::test]
async fn receipt_before_response_and_duplicate_show_in_the_timeline() {
    let f = fixture("generic").await;
    let (id, seg) = submitted(&f, "447700900123", "early bird").await;
    sleep_ms(5).await;
    // The receipt overtakes the submit_sm_resp (decimal form of the hex ID), then repeats.
    let decimal = u64::from_str_radix("00ABCDEF", 16).unwrap().to_string();
    deliver_receipt(&f, &decimal, "DELIVRD", "000").await;
    sleep_ms(5).await;
    accepted(&f, seg, "00ABCDEF").await;
    sleep_ms(5).await;
    deliver_receipt(&f, &decimal, "DELIVRD", "000").await;

    let r = f.console.trace("abcdef", &TraceFilters::default()).await.unwrap();
    assert_eq!(r.messages.len(), 1, "{r:?}");
    let t = &r.messages[0];
    assert_eq!(
        (t.message.id.as_str(), t.matched_by, t.message.state),
        (id.as_str(), TraceMatch::SmscId, MessageState::Delivered)
    );
    assert_eq!(kinds(&t.timeline), ["queued", "submit_sm", "receipt", "submit_sm_resp", "receipt", "final"]);
    let receipts: Vec<_> =
        t.timeline.iter().filter_map(|e| if let TraceStep::Receipt(r) = &e.step { Some(r) } else { None }).collect();
    assert!(receipts[0].before_response && !receipts[0].duplicate);
    assert!(!receipts[1].before_response && receipts[1].duplicate);
    assert_eq!(receipts[0].stat_meaning.as_deref(), Some("The message was delivered to the handset."));
    assert_eq!(receipts[0].err_meaning.as_deref(), Some("No error."));
    assert!(receipts[0].latency_ms.is_some());
    if let TraceStep::SubmitSmResp { status_name, smsc_message_id, .. } = &t.timeline[3].step {
        assert_eq!((status_name.as_str(), smsc_message_id.as_deref()), ("ESME_ROK", Some("00ABCDEF")));
    }

    let text = f.console.trace_summary(&r).await.unwrap();
    assert!(text.contains(&id) && text.contains("DUPLICATE") && text.contains("before the submit_sm_resp"), "{text}");
    assert!(text.contains("00ABCDEF") && text.contains("Z  "), "{text}");
}

#[tokio::test]
async fn orphan_receipts_match_id_queries_in_any_form() {
    let f = fixture("generic").await;
    deliver_receipt(&f, "0000FF01", "UNDELIV", "001").await;
    for query in ["ff01", "FF01", "65281", "000ff01"] {
        let r = f.console.trace(query, &TraceFilters::default()).await.unwrap();
        assert!(r.messages.is_empty());
        assert_eq!(r.orphan_receipts.len(), 1, "{query}");
        let o = &r.orphan_receipts[0];
        assert_eq!((o.profile_name.as_str(), o.receipt.stat.as_deref()), ("provider", Some("UNDELIV")));
    }
    assert!(f.console.trace("ff02", &TraceFilters::default()).await.unwrap().is_empty());
    let other = TraceFilters { profile: Some("someone else".into()), ..Default::default() };
    assert!(f.console.trace("ff01", &other).await.unwrap().is_empty());
}

#[tokio::test]
async fn telesign_receipt_errors_are_named() {
    let f = fixture("telesign").await;
    let reference = "0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E";
    let (_, seg) = submitted(&f, "15550100", "code 1234").await;
    accepted(&f, seg, reference).await;
    deliver_receipt(&f, &reference.to_lowercase(), "UNDELIV", "4A2").await;
    let r = f.console.trace(reference, &TraceFilters::default()).await.unwrap();
    let t = &r.messages[0];
    assert_eq!((t.preset.as_str(), t.message.state), ("telesign", MessageState::Undeliverable));
    let receipt =
        t.timeline.iter().find_map(|e| if let TraceStep::Receipt(r) = &e.step { Some(r) } else { None }).unwrap();
    assert_eq!(receipt.err_meaning.as_deref(), Some("Telesign 0x4A2: Gateway/network cannot route message."));
    // A Telesign-shaped reference that matches nothing does not fall back to a text search.
    let none = f.console.trace("FFFF2D3E4F5A6B7C8D9E0F1A2B3C4D5E", &TraceFilters::default()).await.unwrap();
    assert!(none.is_empty() && !none.tried.contains(&TraceMatch::Text));
}

#[tokio::test]
async fn no_response_and_filters() {
    let f = fixture("generic").await;
    let (id, seg) = submitted(&f, "447700900555", "lost in the post").await;
    let msg = "No submit_sm_resp within the response timer.";
    fail(&f.console, seg, MessageState::UnknownOutcome, "response_timeout", msg).await;
    let _ = &id;
    let r = f.console.trace("lost in", &TraceFilters::default()).await.unwrap();
    assert_eq!(r.tried, [TraceMatch::Text]);
    assert_eq!(kinds(&r.messages[0].timeline), ["queued", "submit_sm", "no_response", "final"]);
    let filtered = |f: TraceFilters| f;
    let by_code = filtered(TraceFilters { error_code: Some("response_timeout".into()), ..Default::default() });
    assert_eq!(f.console.list_messages_filtered(&by_code).await.unwrap().0.len(), 1);
    let mo_only = filtered(TraceFilters { direction: Some("MO".into()), ..Default::default() });
    assert!(f.console.trace("447700900555", &mo_only).await.unwrap().is_empty());
    let future = filtered(TraceFilters { since: Some("2999-01-01T00:00:00Z".into()), ..Default::default() });
    assert!(f.console.list_messages_filtered(&future).await.unwrap().0.is_empty());
    assert_eq!(f.console.trace("  ", &TraceFilters::default()).await.unwrap_err().code(), "validation");
}

/// A part the SMSC refused but gave an ID (no correlation keys are kept for it) is found by
/// that ID exactly; accepted parts are found through their keys.
#[tokio::test]
async fn a_refused_part_is_found_by_the_id_its_refusal_carried() {
    let f = fixture("generic").await;
    let (refused, seg) = submitted(&f, "447700900321", "refused").await;
    let error = Some(("ESME_RINVDSTADR".to_string(), "Invalid destination address.".to_string()));
    let o = crate::db::log_writer::OutcomeRow {
        segment_id: seg,
        state: MessageState::SubmitFailed,
        command_status: Some(0x0B),
        smsc_message_id: Some("REJ-0042".into()),
        error,
        keys: None,
        at: now_ms(),
    };
    f.console.inner().log.outcome(o).await;
    f.console.inner().log.flush().await;
    let (accepted_id, seg2) = submitted(&f, "447700900322", "accepted").await;
    accepted(&f, seg2, "0A1B").await;
    let r = f.console.trace("REJ-0042", &TraceFilters::default()).await.unwrap();
    assert_eq!((r.messages.len(), r.messages[0].message.id.as_str()), (1, refused.as_str()));
    let r = f.console.trace("2587", &TraceFilters::default()).await.unwrap(); // 0x0A1B in decimal
    assert_eq!((r.messages.len(), r.messages[0].message.id.as_str()), (1, accepted_id.as_str()));
}

/// Every ID and number lookup is an index search, never a table scan.
#[tokio::test]
async fn id_and_number_lookups_use_indexes() {
    let f = fixture("generic").await;
    let db = &f.console.inner().db;
    let filter = MessageFilter { limit: 50, ..Default::default() };
    let keys = correlation_keys("41394");
    let mut plans: Vec<(&str, QueryBuilder<Sqlite>)> = Vec::new();
    let mut qb = |name, build: &dyn Fn(&mut QueryBuilder<Sqlite>)| {
        let mut q = QueryBuilder::new("EXPLAIN QUERY PLAN ");
        build(&mut q);
        plans.push((name, q));
    };
    qb("our id", &|q| q::by_id_query(q, "0192f0c4-6a1b-7c3d-8e4f-a1b2c3d4e5f6", &filter));
    qb("smsc id", &|q| q::by_smsc_id_query(q, &keys, "41394"));
    qb("segments", &|q| q::by_segments_query(q, &[1, 2, 3], &filter));
    qb("number", &|q| q::by_number_query(q, "447700900123", &filter));
    qb("orphans", &|q| q::orphans_query(q, &["a1b2".to_string(), "41394".to_string()]));
    for (name, mut q) in plans {
        let rows: Vec<(i64, i64, i64, String)> = q.build_query_as().fetch_all(db).await.unwrap();
        let details: Vec<&str> = rows.iter().map(|r| r.3.as_str()).collect();
        for d in &details {
            let full_scan = d.starts_with("SCAN") && !d.contains("CONSTANT ROW") && !d.contains("LIST SUBQUERY");
            assert!(!full_scan, "{name}: {details:?}");
        }
        assert!(details.iter().any(|d| d.contains("USING")), "{name}: {details:?}");
    }
    // The PDU lookups behind the timeline: by sequence, and around a receipt (partial indexes).
    for (sql, index) in [(q::PDUS_FOR_SEQUENCE, "pdus_exchange_seq"), (q::DELIVER_PDUS_BETWEEN, "pdus_deliver_at")] {
        let plan: Vec<(i64, i64, i64, String)> =
            sqlx::query_as(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")))
                .bind(1)
                .bind(0)
                .bind(1)
                .bind(50)
                .fetch_all(db)
                .await
                .unwrap();
        assert!(plan.iter().any(|r| r.3.contains(index)), "{plan:?}");
    }
}
