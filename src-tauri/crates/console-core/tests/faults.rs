//! Binds against a hostile SMSC: the simulator's fault switches over real loopback TCP, a
//! real SQLite log. Every message must end in a definite, recorded state.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::time::{Duration, Instant};

use console_core::db::{profiles, segment_events};
use console_core::model::{BindState, BindStatus, MessageState, MessageView, SendRequest, TraceFilters, TraceStep};
use console_core::{BindSettings, Console, Reconnect};
use smsc_sim::{Faults, SimConfig, Simulator};

struct Setup {
    _dir: tempfile::TempDir,
    console: Console,
    sim: Simulator,
}

async fn setup(faults: Faults, settings: BindSettings) -> Setup {
    let mut cfg = SimConfig::new("esme", "pw");
    cfg.dlr_delay = Duration::from_millis(50);
    cfg.faults = faults;
    let sim = Simulator::start("127.0.0.1:0", cfg).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    let profile = console.adhoc_profile("127.0.0.1", sim.local_addr().port(), "esme").await.unwrap();
    console.set_bind_settings(&profile.name, &settings).await.unwrap();
    let profile = profiles::get_profile_by_name(console.db(), &profile.name).await.unwrap().unwrap();
    assert_eq!(profile.settings, settings);
    console.bind(profile, "pw".into(), Reconnect::WithBackoff).await.unwrap();
    Setup { _dir: dir, console, sim }
}

fn request(n: usize) -> SendRequest {
    SendRequest { from: "Acme".into(), to: "+447700900123".into(), text: format!("message {n}"), request_dlr: false }
}

/// Sends `n` single-part messages at once; returns them as their sends ended, in order.
async fn send_all(console: &Console, n: usize) -> Vec<MessageView> {
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let c = console.clone();
            tokio::spawn(async move { c.send(None, &request(i)).await.unwrap().message })
        })
        .collect();
    let mut out = Vec::new();
    for t in tasks {
        out.push(tokio::time::timeout(Duration::from_secs(30), t).await.expect("a send hung").unwrap());
    }
    out
}

fn bind(console: &Console) -> BindStatus {
    console.list_binds().remove(0)
}

/// Every segment's event kinds, by message.
async fn event_kinds(console: &Console, message_id: &str) -> Vec<String> {
    let segs = console_core::db::segments::list_segments_for_message(console.db(), message_id).await.unwrap();
    let mut kinds = Vec::new();
    for s in segs {
        for e in segment_events::list_events_for_segment(console.db(), s.id).await.unwrap() {
            kinds.push(e.kind);
        }
    }
    kinds
}

async fn assert_nothing_in_flight(console: &Console) {
    let stuck: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM segments WHERE state IN ('Queued', 'Submitted')")
        .fetch_one(console.db())
        .await
        .unwrap();
    assert_eq!(stuck, 0, "segments left Queued or Submitted");
    let stuck: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE state IN ('Queued', 'Submitted')")
        .fetch_one(console.db())
        .await
        .unwrap();
    assert_eq!(stuck, 0, "messages left Queued or Submitted");
}

#[tokio::test]
async fn throttling_every_third_submit_delays_messages_but_all_are_accepted() {
    let settings = BindSettings { throttle_retry_delay_ms: 100, ..BindSettings::default() };
    let s = setup(Faults { throttle_every: Some(3), ..Faults::default() }, settings).await;
    let start = Instant::now();
    let messages = send_all(&s.console, 9).await;
    let elapsed = start.elapsed();
    assert!(messages.iter().all(|m| m.state == MessageState::Accepted), "{messages:#?}");
    assert!(messages.iter().all(|m| m.error.is_none()), "an accepted message keeps no throttle error");
    let mut throttled_messages = 0;
    let mut throttle_events = 0;
    for m in &messages {
        let kinds = event_kinds(&s.console, &m.id).await;
        assert!(kinds.iter().all(|k| k == segment_events::THROTTLED), "{kinds:?}");
        throttle_events += kinds.len();
        throttled_messages += usize::from(!kinds.is_empty());
    }
    // Submits 3, 6 and 9 are throttled; their retries are the 10th to 12th submit, and the
    // 12th is throttled again.
    assert!(throttled_messages >= 3, "{throttled_messages}");
    let status = bind(&s.console);
    assert_eq!(status.throttled as usize, throttle_events);
    assert!(status.throttled >= 3);
    assert!(elapsed >= Duration::from_millis(100), "a retry waits its delay ({elapsed:?})");
    assert_eq!(status.window_in_use, 0);
    eprintln!("9 messages, {throttle_events} throttles, 100 ms retry delay: all accepted in {elapsed:?}");
    assert_nothing_in_flight(&s.console).await;

    // The trace tells the whole story: the throttled attempt, with the SMSC's answer in the
    // PDU log, before the submit that was accepted.
    let throttled = 'found: {
        for m in &messages {
            if !event_kinds(&s.console, &m.id).await.is_empty() {
                break 'found m.id.clone();
            }
        }
        panic!("no throttled message");
    };
    let trace = s.console.trace(&throttled, &TraceFilters::default()).await.unwrap();
    let steps = &trace.messages[0].timeline;
    let attempt =
        steps.iter().position(|e| matches!(&e.step, TraceStep::Attempt { event, .. } if event == "throttled"));
    let accepted = steps
        .iter()
        .rposition(|e| matches!(&e.step, TraceStep::SubmitSmResp { status_name, .. } if status_name == "ESME_ROK"));
    assert!(attempt.is_some() && attempt < accepted, "{steps:#?}");
    let Some(TraceStep::Attempt { status_name, pdu_id, .. }) = attempt.map(|i| &steps[i].step) else { unreachable!() };
    assert_eq!(status_name.as_deref(), Some("ESME_RTHROTTLED"));
    let pdu = s.console.logged_pdu(pdu_id.expect("the throttling answer is in the PDU log")).await.unwrap().unwrap();
    assert_eq!(pdu.command_name, "submit_sm_resp");
}

#[tokio::test]
async fn a_part_throttled_past_the_retry_limit_fails_with_the_smsc_status() {
    let settings = BindSettings { throttle_retry_delay_ms: 20, throttle_retry_limit: 2, ..BindSettings::default() };
    let s = setup(Faults { throttle_every: Some(1), ..Faults::default() }, settings).await;
    let m = s.console.send(None, &request(0)).await.unwrap().message;
    assert_eq!(m.state, MessageState::SubmitFailed);
    let err = m.error.unwrap();
    assert_eq!(err.code, "ESME_RTHROTTLED");
    assert!(err.message.contains("after 2 retries"), "{}", err.message);
    assert_eq!(event_kinds(&s.console, &m.id).await, vec!["throttled"; 3]);
    assert_eq!(bind(&s.console).throttled, 3);
}

/// Waits for the bind to lose its connection, then lets the SMSC behave.
async fn heal_after_the_drop(s: &Setup) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while bind(&s.console).state == BindState::Bound {
        assert!(Instant::now() < deadline, "the connection never dropped");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    s.sim.set_faults(Faults::default());
}

/// Messages whose part lived through nothing (written after the reconnect at the first try).
async fn untouched(messages: &[MessageView], console: &Console) -> usize {
    let mut n = 0;
    for m in messages {
        n += usize::from(event_kinds(console, &m.id).await.is_empty());
    }
    n
}

fn dropping() -> Faults {
    // Responses held back so the first four are still in flight when the fifth arrives.
    Faults { drop_after: Some(5), response_delay: Duration::from_millis(300), ..Faults::default() }
}

#[tokio::test]
async fn a_connection_dropped_mid_window_leaves_every_message_definite_and_resubmits_marked() {
    let settings = BindSettings {
        window_size: 6,
        resubmit_unanswered: true,
        backoff_initial_ms: 400,
        reconnect_wait_ms: 10_000,
        ..BindSettings::default()
    };
    let s = setup(dropping(), settings).await;
    let (messages, ()) = tokio::join!(send_all(&s.console, 9), heal_after_the_drop(&s));
    let mut duplicates = 0;
    let mut never_written = 0;
    for m in &messages {
        assert_eq!(m.state, MessageState::Accepted, "{m:#?}");
        let kinds = event_kinds(&s.console, &m.id).await;
        if kinds.contains(&segment_events::POSSIBLE_DUPLICATE.to_string()) {
            // Written, unanswered, written again: the SMSC may have it twice, and we say so.
            duplicates += 1;
            assert_eq!(kinds, vec!["connection_lost", "possible_duplicate"]);
            assert_eq!(m.error.as_ref().unwrap().code, "possible_duplicate", "{m:#?}");
        } else if kinds.contains(&segment_events::RESUBMITTED.to_string()) {
            // Waited for the window when the connection went: never reached the SMSC.
            never_written += 1;
            assert_eq!(kinds, vec!["resubmitted"]);
            assert!(m.error.is_none());
        }
    }
    // The fifth submit closed the connection: at least five were written and never answered.
    // Those queued behind them (and sends that began during the drop) were never written.
    assert!(duplicates >= 5, "{duplicates} possible duplicates");
    assert_eq!(duplicates + never_written, messages.len() - untouched(&messages, &s.console).await);
    eprintln!("drop after 5: {duplicates} resubmitted as possible duplicates, {never_written} written after reconnect");
    let status = bind(&s.console);
    assert!(status.reconnects >= 1);
    assert_eq!(status.state, BindState::Bound);
    assert_nothing_in_flight(&s.console).await;
}

#[tokio::test]
async fn without_resubmission_unanswered_parts_of_a_dropped_connection_have_an_unknown_outcome() {
    let settings =
        BindSettings { window_size: 6, backoff_initial_ms: 400, reconnect_wait_ms: 10_000, ..BindSettings::default() };
    let s = setup(dropping(), settings).await;
    let (messages, ()) = tokio::join!(send_all(&s.console, 9), heal_after_the_drop(&s));
    let unknown: Vec<_> = messages.iter().filter(|m| m.state == MessageState::UnknownOutcome).collect();
    let accepted: Vec<_> = messages.iter().filter(|m| m.state == MessageState::Accepted).collect();
    assert!(unknown.len() >= 5, "{messages:#?}");
    assert_eq!(unknown.len() + accepted.len(), messages.len(), "{messages:#?}");
    for m in unknown {
        let err = m.error.as_ref().unwrap();
        assert_eq!(err.code, "connection_lost");
        assert!(err.message.contains("may or may not have"), "{}", err.message);
        assert_eq!(event_kinds(&s.console, &m.id).await, vec!["connection_lost"]);
    }
    for m in accepted {
        assert!(m.error.is_none());
        let kinds = event_kinds(&s.console, &m.id).await;
        assert!(kinds.is_empty() || kinds == ["resubmitted"], "{kinds:?}");
    }
    assert_nothing_in_flight(&s.console).await;
}

#[tokio::test]
async fn a_silent_smsc_ends_submits_by_the_response_timer_with_the_reason() {
    let settings = BindSettings { response_timeout_ms: 300, ..BindSettings::default() };
    let s = setup(Faults::default(), settings).await;
    s.sim.set_faults(Faults { silent: true, ..Faults::default() });
    let start = Instant::now();
    let messages = send_all(&s.console, 3).await;
    let elapsed = start.elapsed();
    for m in &messages {
        assert_eq!(m.state, MessageState::UnknownOutcome);
        let err = m.error.as_ref().unwrap();
        assert_eq!(err.code, "response_timeout");
        assert!(err.message.contains("response timer (0.3 s)"), "{}", err.message);
        assert_eq!(event_kinds(&s.console, &m.id).await, vec!["timeout"]);
    }
    assert!(elapsed >= Duration::from_millis(300) && elapsed < Duration::from_secs(5), "{elapsed:?}");
    assert_eq!(bind(&s.console).timeouts, 3);
    assert_nothing_in_flight(&s.console).await;
}

#[tokio::test]
async fn responses_delayed_within_the_timer_are_fine() {
    let settings = BindSettings { response_timeout_ms: 2_000, ..BindSettings::default() };
    let s = setup(Faults { response_delay: Duration::from_millis(250), ..Faults::default() }, settings).await;
    let start = Instant::now();
    let messages = send_all(&s.console, 5).await;
    assert!(start.elapsed() >= Duration::from_millis(250));
    assert!(messages.iter().all(|m| m.state == MessageState::Accepted && m.error.is_none()), "{messages:#?}");
    assert_eq!(bind(&s.console).timeouts, 0);
}

#[tokio::test]
async fn the_rate_limit_paces_segments() {
    let settings = BindSettings { rate_limit: Some(5), ..BindSettings::default() };
    let s = setup(Faults::default(), settings).await;
    assert_eq!(bind(&s.console).rate_limit, Some(5));
    let start = Instant::now();
    // A burst of 5 goes at once; the next 5 at 5 per second take about a second.
    let messages = send_all(&s.console, 10).await;
    let elapsed = start.elapsed();
    assert!(messages.iter().all(|m| m.state == MessageState::Accepted));
    assert!(elapsed >= Duration::from_millis(900), "10 segments at 5/s with a burst of 5 took {elapsed:?}");
    let status = bind(&s.console);
    assert!((1..=10).contains(&status.rate_per_second), "{status:?}");
    eprintln!("10 segments at 5/s: {elapsed:?}");
}

#[tokio::test]
async fn refused_binds_back_off_and_say_until_when() {
    let mut cfg = SimConfig::new("esme", "pw");
    cfg.faults.refuse_binds = Some(smpp_codec::status::ESME_RBINDFAIL);
    let sim = Simulator::start("127.0.0.1:0", cfg).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    let profile = console.adhoc_profile("127.0.0.1", sim.local_addr().port(), "esme").await.unwrap();
    let settings = BindSettings { backoff_initial_ms: 100, backoff_max_ms: 200, ..BindSettings::default() };
    profiles::update_bind_settings(console.db(), profile.id, &settings, 0).await.unwrap();
    let profile = profiles::get_profile_by_name(console.db(), &profile.name).await.unwrap().unwrap();
    let err = console.bind(profile, "pw".into(), Reconnect::WithBackoff).await.unwrap_err();
    assert_eq!(err.code(), "ESME_RBINDFAIL");
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut saw_backing_off = false;
    while bind(&console).reconnects < 3 {
        saw_backing_off |= bind(&console).backing_off_until.is_some();
        assert!(Instant::now() < deadline, "{:?}", bind(&console));
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(saw_backing_off);
    // The SMSC relents: the bind comes back by itself.
    sim.set_faults(Faults::default());
    let deadline = Instant::now() + Duration::from_secs(5);
    while bind(&console).state != BindState::Bound {
        assert!(Instant::now() < deadline, "{:?}", bind(&console));
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(bind(&console).backing_off_until, None);
    console.shutdown().await;
}

#[tokio::test]
async fn a_bind_fails_over_to_the_next_host_in_turn() {
    // Primary: nothing listens. Second: refuses binds. Third: works.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut refusing = SimConfig::new("esme", "pw");
    refusing.faults.refuse_binds = Some(smpp_codec::status::ESME_RBINDFAIL);
    let refusing = Simulator::start("127.0.0.1:0", refusing).await.unwrap();
    let working = Simulator::start("127.0.0.1:0", SimConfig::new("esme", "pw")).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    let profile = console.adhoc_profile("127.0.0.1", closed, "esme").await.unwrap();
    let more =
        [("127.0.0.1".to_string(), refusing.local_addr().port()), ("localhost".into(), working.local_addr().port())];
    console.set_failover_hosts(&profile.name, &more).await.unwrap();
    console.bind(profile, "pw".into(), Reconnect::Never).await.unwrap();
    let status = bind(&console);
    assert_eq!((status.state, status.host.as_str(), status.port), (BindState::Bound, "localhost", more[1].1));
    assert_eq!(status.reconnects, 2);
    let outcomes: Vec<(i64, Option<String>)> =
        sqlx::query_as("SELECT port, outcome FROM connections ORDER BY id").fetch_all(console.db()).await.unwrap();
    assert_eq!(outcomes.len(), 3);
    assert_eq!(outcomes[0].0, i64::from(closed));
    assert!(outcomes[0].1.as_deref().unwrap().starts_with("failed: cannot connect"), "{outcomes:?}");
    assert!(outcomes[1].1.as_deref().unwrap().contains("ESME_RBINDFAIL"), "{outcomes:?}");
    assert_eq!(outcomes[2].1.as_deref(), Some("bound"));
    let m = console.send(None, &request(0)).await.unwrap().message;
    assert_eq!(m.state, MessageState::Accepted);
    console.shutdown().await;
}

#[tokio::test]
async fn a_bind_with_every_host_failing_reports_the_last_failure_after_one_round() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut refusing = SimConfig::new("esme", "pw");
    refusing.faults.refuse_binds = Some(smpp_codec::status::ESME_RBINDFAIL);
    let refusing = Simulator::start("127.0.0.1:0", refusing).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    let profile = console.adhoc_profile("127.0.0.1", closed, "esme").await.unwrap();
    let more = [("127.0.0.1".to_string(), refusing.local_addr().port())];
    console_core::db::profile_hosts::replace_failover_hosts(console.db(), profile.id, &more).await.unwrap();
    let err = console.bind(profile, "pw".into(), Reconnect::Never).await.unwrap_err();
    assert_eq!(err.code(), "ESME_RBINDFAIL");
    let attempts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM connections").fetch_one(console.db()).await.unwrap();
    assert_eq!(attempts, 2, "one round, no more");
}
