//! The trace against the built-in simulator: real SQLite file, real loopback TCP, real PDUs.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::time::Duration;

use console_core::model::{
    ConsoleEvent, MessageState, SendRequest, TraceFilters, TraceMatch, TraceStep, TracedMessage,
};
use console_core::{Console, LOCAL_SIMULATOR_PROFILE};

fn request(to: &str, text: &str) -> SendRequest {
    SendRequest { from: "Acme".into(), to: to.into(), text: text.into(), request_dlr: true }
}

async fn wait_until_final(console: &Console, id: &str) {
    let mut events = console.subscribe();
    if console.get_message(id).await.unwrap().unwrap().state.is_final() {
        return;
    }
    tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            if let ConsoleEvent::Message { message } = events.recv().await.unwrap()
                && message.id == id
                && message.state.is_final()
            {
                return;
            }
        }
    })
    .await
    .unwrap_or_else(|_| panic!("message {id} never reached a final state"));
}

async fn only(console: &Console, query: &str) -> TracedMessage {
    let r = console.trace(query, &TraceFilters::default()).await.unwrap();
    assert_eq!(r.messages.len(), 1, "{query}: {r:?}");
    r.messages.into_iter().next().unwrap()
}

fn kinds(t: &TracedMessage) -> Vec<String> {
    t.timeline
        .iter()
        .map(|e| {
            let k = match &e.step {
                TraceStep::Queued => "queued",
                TraceStep::SubmitSm { .. } => "submit_sm",
                TraceStep::SubmitSmResp { .. } => "submit_sm_resp",
                TraceStep::NoResponse { .. } => "no_response",
                TraceStep::Attempt { .. } => "attempt",
                TraceStep::Receipt(_) => "receipt",
                TraceStep::Final { .. } => "final",
            };
            match e.part {
                Some(p) => format!("{k}#{p}"),
                None => k.to_string(),
            }
        })
        .collect()
}

#[tokio::test]
async fn trace_finds_a_delivered_message_by_every_handle() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    console.start_local_simulator(Duration::from_millis(30)).await.unwrap();
    let m = console.send(None, &request("+447700900123", "Your parcel is on its way")).await.unwrap().message;
    wait_until_final(&console, &m.id).await;
    let smsc_id = m.smsc_message_id.clone().unwrap();
    let decimal = u128::from_str_radix(&smsc_id, 16).unwrap().to_string();

    let by_id = only(&console, &m.id).await;
    assert_eq!(by_id.matched_by, TraceMatch::OurId);
    assert_eq!(only(&console, &m.id.to_uppercase()).await.message.id, m.id);
    for form in [smsc_id.clone(), smsc_id.to_lowercase(), format!("0000{smsc_id}"), decimal] {
        let t = only(&console, &form).await;
        assert_eq!((t.message.id.as_str(), t.matched_by), (m.id.as_str(), TraceMatch::SmscId), "{form}");
    }
    for number in ["+447700900123", "447700900123", "+44 7700-900 123"] {
        let t = only(&console, number).await;
        assert_eq!((t.message.id.as_str(), t.matched_by), (m.id.as_str(), TraceMatch::Number), "{number}");
    }
    let t = only(&console, "parcel is on").await;
    assert_eq!((t.message.id.as_str(), t.matched_by), (m.id.as_str(), TraceMatch::Text));

    assert_eq!(t.preset, "simulator");
    assert_eq!(kinds(&t), ["queued", "submit_sm#1", "submit_sm_resp#1", "receipt#1", "final"]);
    let mut pdus = Vec::new();
    for e in &t.timeline {
        match &e.step {
            TraceStep::SubmitSm { pdu_id, sequence_number } => {
                assert!(sequence_number.is_some());
                pdus.push(pdu_id.unwrap());
            }
            TraceStep::SubmitSmResp { status_name, smsc_message_id, latency_ms, pdu_id, .. } => {
                assert_eq!((status_name.as_str(), smsc_message_id.as_deref()), ("ESME_ROK", Some(smsc_id.as_str())));
                assert!(latency_ms.is_some());
                pdus.push(pdu_id.unwrap());
            }
            TraceStep::Receipt(r) => {
                assert_eq!((r.stat.as_deref(), r.err.as_deref(), r.duplicate), (Some("DELIVRD"), Some("000"), false));
                assert!(r.latency_ms.unwrap() >= 30, "{r:?}");
                pdus.push(r.pdu_id.unwrap());
            }
            TraceStep::Final { state, .. } => assert_eq!(*state, MessageState::Delivered),
            _ => {}
        }
    }
    // The PDU ids are the submit_sm, its response and the deliver_sm, in the log's own order.
    let commands: Vec<i64> = {
        let mut out = Vec::new();
        for id in &pdus {
            out.push(
                sqlx::query_scalar("SELECT command_id FROM pdus WHERE id = ?")
                    .bind(id)
                    .fetch_one(console.db())
                    .await
                    .unwrap(),
            );
        }
        out
    };
    assert_eq!(commands, [0x4, 0x8000_0004, 0x5]);

    let summary = console.trace_summary(&console.trace(&m.id, &TraceFilters::default()).await.unwrap()).await.unwrap();
    assert!(summary.contains(&smsc_id) && summary.contains("DELIVRD") && summary.contains("UTC"), "{summary}");
    assert!(summary.contains(&format!("#{} submit_sm: 000000", pdus[0])), "{summary}");

    // Filters narrow; an unknown ID matches nothing.
    let other = TraceFilters { profile: Some("elsewhere".into()), ..Default::default() };
    assert!(console.trace(&m.id, &other).await.unwrap().is_empty());
    let sim = TraceFilters { profile: Some(LOCAL_SIMULATOR_PROFILE.into()), ..Default::default() };
    assert_eq!(console.trace(&m.id, &sim).await.unwrap().messages.len(), 1);
    assert!(console.trace("DEADBEEF00", &TraceFilters::default()).await.unwrap().is_empty());
    console.shutdown().await;
}

#[tokio::test]
async fn rejected_and_multipart_messages_have_per_part_timelines() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    console.start_local_simulator(Duration::from_millis(30)).await.unwrap();

    let rejected = console.send(None, &request("+0000123", "nope")).await.unwrap().message;
    let t = only(&console, "+0000123").await;
    assert_eq!(t.message.id, rejected.id);
    assert_eq!(kinds(&t), ["queued", "submit_sm#1", "submit_sm_resp#1", "final"]);
    let TraceStep::SubmitSmResp { command_status, status_name, meaning, .. } = &t.timeline[2].step else {
        panic!("{:?}", t.timeline)
    };
    assert_eq!((*command_status, status_name.as_str()), (0x0B, "ESME_RINVDSTADR"));
    assert!(meaning.contains("Invalid destination address"), "{meaning}");
    let TraceStep::Final { state, error } = &t.timeline[3].step else { panic!() };
    assert_eq!((*state, error.as_ref().unwrap().code.as_str()), (MessageState::SubmitFailed, "ESME_RINVDSTADR"));
    let failed = TraceFilters { state: Some(MessageState::SubmitFailed), ..Default::default() };
    let (listed, truncated) = console.list_messages_filtered(&failed).await.unwrap();
    assert_eq!((listed.len(), truncated), (1, false));

    let text = "Привет! ".repeat(20); // 3 UCS2 parts
    let m = console.send(None, &request("447700900124", &text)).await.unwrap().message;
    wait_until_final(&console, &m.id).await;
    let t = only(&console, "447700900124").await;
    assert_eq!(t.segments.len(), 3);
    let k = kinds(&t);
    assert_eq!(k.first().map(String::as_str), Some("queued"));
    assert_eq!(k.last().map(String::as_str), Some("final"));
    for part in 1..=3 {
        for step in ["submit_sm", "submit_sm_resp", "receipt", "final"] {
            assert_eq!(k.iter().filter(|s| **s == format!("{step}#{part}")).count(), 1, "{step}#{part} in {k:?}");
        }
    }
    // Each part's SMSC id finds the whole message.
    let part2 = t.segments[1].smsc_message_id.clone().unwrap();
    assert_eq!(only(&console, &part2.to_lowercase()).await.message.id, m.id);
    let limited = TraceFilters { limit: Some(1), ..Default::default() };
    let (one, more) = console.list_messages_filtered(&limited).await.unwrap();
    assert_eq!((one.len(), more), (1, true));
    console.shutdown().await;
}
