//! The state machine in simulated time: no sockets, no sleeping.

use std::time::{Duration, Instant};

use smpp_codec::pdu::{BindKind, BindResp, Body, Pdu, ShortMessage, SmResp};
use smpp_codec::status;

use super::*;

fn config() -> SessionConfig {
    let mut c = SessionConfig::new(BindKind::Transceiver, "esme", "pw");
    c.window = 2;
    c.response_timeout = Duration::from_secs(5);
    c.enquire_link_interval = Duration::from_secs(30);
    c.bind_timeout = Duration::from_secs(10);
    c
}

fn frames(s: &mut Session) -> Vec<Pdu> {
    std::iter::from_fn(|| s.poll_transmit()).map(|t| Pdu::decode(&t.bytes).unwrap().pdu).collect()
}

fn events(s: &mut Session) -> Vec<Event> {
    std::iter::from_fn(|| s.poll_event()).filter(|e| !matches!(e, Event::Frame { .. })).collect()
}

fn feed(s: &mut Session, pdu: Pdu, now: Instant) {
    s.handle_input(&pdu.to_bytes().unwrap(), now);
}

fn bound(now: Instant) -> Session {
    let mut s = Session::new(config(), now);
    let bind = frames(&mut s);
    assert!(matches!(bind[0].body, Body::Bind(_)));
    feed(&mut s, Pdu::new(bind[0].sequence_number, Body::BindResp(BindKind::Transceiver, BindResp::default())), now);
    assert!(matches!(events(&mut s)[..], [Event::Bound { .. }]));
    s
}

#[test]
fn bind_refused_reports_the_status() {
    let now = Instant::now();
    let mut s = Session::new(config(), now);
    let seq = frames(&mut s)[0].sequence_number;
    feed(
        &mut s,
        Pdu::new(seq, Body::BindResp(BindKind::Transceiver, BindResp::default())).with_status(status::ESME_RINVPASWD),
        now,
    );
    let ev = events(&mut s);
    assert!(
        matches!(&ev[0], Event::BindFailed { command_status: Some(0x0E), reason } if reason.contains("ESME_RINVPASWD"))
    );
    assert_eq!(s.state(), SessionState::Closed);
}

#[test]
fn bind_timeout() {
    let now = Instant::now();
    let mut s = Session::new(config(), now);
    assert_eq!(s.poll_timeout(), Some(now + Duration::from_secs(10)));
    s.handle_timeout(now + Duration::from_secs(9));
    assert_eq!(s.state(), SessionState::Binding);
    s.handle_timeout(now + Duration::from_secs(10));
    assert!(matches!(events(&mut s)[0], Event::BindFailed { command_status: None, .. }));
}

#[test]
fn window_fills_and_frees() {
    let now = Instant::now();
    let mut s = bound(now);
    let a = s.submit(ShortMessage::default(), now).unwrap();
    let b = s.submit(ShortMessage::default(), now).unwrap();
    assert_eq!(s.submit(ShortMessage::default(), now), Err(SubmitRejected::WindowFull(2)));
    frames(&mut s);
    feed(&mut s, Pdu::new(b, Body::SubmitSmResp(SmResp::new("B"))), now);
    assert_eq!(s.window_available(), 1);
    let ev = events(&mut s);
    assert_eq!(ev, vec![Event::SubmitResp { sequence_number: b, command_status: 0, message_id: "B".into() }]);
    feed(&mut s, Pdu::new(a, Body::SubmitSmResp(SmResp::default())).with_status(status::ESME_RINVDSTADR), now);
    assert!(matches!(events(&mut s)[0], Event::SubmitResp { command_status: 0x0B, .. }));
    assert_eq!(s.window_available(), 2);
}

#[test]
fn response_timeout_fails_only_the_late_request() {
    let now = Instant::now();
    let mut s = bound(now);
    let a = s.submit(ShortMessage::default(), now).unwrap();
    let b = s.submit(ShortMessage::default(), now + Duration::from_secs(2)).unwrap();
    assert_eq!(s.poll_timeout(), Some(now + Duration::from_secs(5)));
    s.handle_timeout(now + Duration::from_secs(5));
    assert_eq!(events(&mut s), vec![Event::RequestFailed { sequence_number: a, failure: RequestFailure::Timeout }]);
    // A late response to the timed-out request is ignored; b is still pending.
    feed(&mut s, Pdu::new(a, Body::SubmitSmResp(SmResp::new("late"))), now + Duration::from_secs(6));
    assert!(events(&mut s).is_empty());
    assert_eq!(s.poll_timeout(), Some(now + Duration::from_secs(7)));
    let _ = b;
}

#[test]
fn enquire_link_cadence_and_dead_link() {
    let now = Instant::now();
    let mut s = bound(now);
    frames(&mut s);
    let t1 = now + Duration::from_secs(30);
    assert_eq!(s.poll_timeout(), Some(t1));
    s.handle_timeout(t1);
    let el = frames(&mut s);
    assert!(matches!(el[..], [Pdu { body: Body::EnquireLink, .. }]));
    // Answered: the next one is due 30 s after the answer.
    let t2 = t1 + Duration::from_secs(1);
    feed(&mut s, Pdu::new(el[0].sequence_number, Body::EnquireLinkResp), t2);
    assert_eq!(s.poll_timeout(), Some(t2 + Duration::from_secs(30)));
    // Unanswered: the link is declared dead after the response timer.
    let t3 = t2 + Duration::from_secs(30);
    s.handle_timeout(t3);
    assert_eq!(frames(&mut s).len(), 1);
    let pending = s.submit(ShortMessage::default(), t3).unwrap();
    s.handle_timeout(t3 + Duration::from_secs(5));
    let ev = events(&mut s);
    assert!(ev.contains(&Event::RequestFailed {
        sequence_number: pending,
        failure: RequestFailure::ConnectionLost("no response to enquire_link: the link is dead".into())
    }));
    assert_eq!(s.state(), SessionState::Closed);
}

#[test]
fn answers_smsc_enquire_link_deliver_and_unbind() {
    let now = Instant::now();
    let mut s = bound(now);
    feed(&mut s, Pdu::new(100, Body::EnquireLink), now);
    feed(&mut s, Pdu::new(101, Body::DeliverSm(Box::new(ShortMessage { esm_class: 4, ..Default::default() }))), now);
    let pending = s.submit(ShortMessage::default(), now).unwrap();
    feed(&mut s, Pdu::new(102, Body::Unbind), now);
    let out = frames(&mut s);
    let kinds: Vec<_> = out.iter().map(|p| (p.command_id(), p.sequence_number)).collect();
    assert!(kinds.contains(&(smpp_codec::CommandId::ENQUIRE_LINK_RESP, 100)));
    assert!(kinds.contains(&(smpp_codec::CommandId::DELIVER_SM_RESP, 101)));
    assert!(kinds.contains(&(smpp_codec::CommandId::UNBIND_RESP, 102)));
    let ev = events(&mut s);
    assert!(matches!(ev[0], Event::Deliver { sequence_number: 101, .. }));
    assert!(ev.contains(&Event::Unbound { by_peer: true }));
    assert!(
        ev.iter().any(|e| matches!(e, Event::RequestFailed { sequence_number, .. } if *sequence_number == pending))
    );
    assert_eq!(s.state(), SessionState::Closed);
}

#[test]
fn generic_nack_for_unknown_and_malformed_requests_keeps_the_stream() {
    let now = Instant::now();
    let mut s = bound(now);
    frames(&mut s);
    // Unknown command, then a submit_sm cut short, then a valid enquire_link: all answered.
    let mut bytes =
        Pdu::new(7, Body::Raw { command_id: smpp_codec::CommandId(0x0000_0999), body: vec![1, 2] }).to_bytes().unwrap();
    bytes.extend_from_slice(&[0, 0, 0, 0x14, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0]);
    bytes.extend_from_slice(&Pdu::new(9, Body::EnquireLink).to_bytes().unwrap());
    s.handle_input(&bytes, now);
    let out = frames(&mut s);
    assert_eq!(out.len(), 3);
    assert_eq!(
        (out[0].command_id(), out[0].command_status, out[0].sequence_number),
        (smpp_codec::CommandId::GENERIC_NACK, status::ESME_RINVCMDID, 7)
    );
    assert_eq!(
        (out[1].command_id(), out[1].command_status, out[1].sequence_number),
        (smpp_codec::CommandId::GENERIC_NACK, status::ESME_RINVMSGLEN, 8)
    );
    assert_eq!(out[2].command_id(), smpp_codec::CommandId::ENQUIRE_LINK_RESP);
    assert_eq!(s.state(), SessionState::Bound);
}

#[test]
fn input_split_across_reads_is_reassembled() {
    let now = Instant::now();
    let mut s = bound(now);
    let bytes = Pdu::new(5, Body::EnquireLink).to_bytes().unwrap();
    for b in &bytes {
        s.handle_input(std::slice::from_ref(b), now);
    }
    assert_eq!(frames(&mut s).len(), 1);
}

#[test]
fn sequence_numbers_wrap_and_skip_outstanding() {
    let now = Instant::now();
    let mut s = Session::with_first_sequence(config(), now, 0x7FFF_FFFF);
    let bind = frames(&mut s);
    assert_eq!(bind[0].sequence_number, 0x7FFF_FFFF);
    feed(&mut s, Pdu::new(0x7FFF_FFFF, Body::BindResp(BindKind::Transceiver, BindResp::default())), now);
    let a = s.submit(ShortMessage::default(), now).unwrap();
    assert_eq!(a, 1);
}

#[test]
fn graceful_unbind() {
    let now = Instant::now();
    let mut s = bound(now);
    s.unbind(now);
    let out = frames(&mut s);
    assert_eq!(out[0].body, Body::Unbind);
    assert_eq!(s.state(), SessionState::Unbinding);
    feed(&mut s, Pdu::new(out[0].sequence_number, Body::UnbindResp), now);
    assert!(events(&mut s).contains(&Event::Unbound { by_peer: false }));
    assert_eq!(s.state(), SessionState::Closed);
}

#[test]
fn malformed_length_closes_with_a_reason() {
    let now = Instant::now();
    let mut s = bound(now);
    s.submit(ShortMessage::default(), now).unwrap();
    s.handle_input(&[0, 0, 0, 4, 1, 2, 3, 4], now);
    let ev = events(&mut s);
    assert!(
        matches!(&ev[0], Event::RequestFailed { failure: RequestFailure::ConnectionLost(r), .. } if r.contains("malformed"))
    );
    assert_eq!(s.state(), SessionState::Closed);
}
