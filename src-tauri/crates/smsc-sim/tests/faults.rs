//! The fault switches, seen from a raw socket: what a hostile SMSC looks like on the wire.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::time::{Duration, Instant};

use smpp_codec::pdu::{Bind, BindKind, Body, INTERFACE_VERSION_34, Pdu, ShortMessage};
use smpp_codec::{CommandId, next_frame_len, status};
use smsc_sim::{Faults, SimConfig, Simulator};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The next PDU, or None when the peer closed the connection.
async fn read_pdu(s: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Pdu> {
    loop {
        if let Some(len) = next_frame_len(buf, 65536).unwrap() {
            let pdu = Pdu::decode(&buf[..len]).unwrap().pdu;
            buf.drain(..len);
            return Some(pdu);
        }
        let mut chunk = [0u8; 4096];
        let n = s.read(&mut chunk).await.unwrap();
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

async fn nothing_within(s: &mut TcpStream, buf: &mut Vec<u8>, wait: Duration) -> bool {
    tokio::time::timeout(wait, read_pdu(s, buf)).await.is_err()
}

async fn sim(faults: Faults) -> Simulator {
    let mut cfg = SimConfig::new("esme", "pw");
    cfg.faults = faults;
    cfg.dlr_delay = Duration::from_millis(20);
    Simulator::start("127.0.0.1:0", cfg).await.unwrap()
}

async fn write(s: &mut TcpStream, pdu: Pdu) {
    s.write_all(&pdu.to_bytes().unwrap()).await.unwrap();
}

fn bind() -> Body {
    Body::Bind(Bind {
        kind: BindKind::Transmitter,
        system_id: "esme".into(),
        password: "pw".into(),
        system_type: String::new(),
        interface_version: INTERFACE_VERSION_34,
        addr_ton: 0,
        addr_npi: 0,
        address_range: String::new(),
    })
}

fn submit() -> Body {
    Body::SubmitSm(Box::new(ShortMessage {
        destination_addr: "447700900123".into(),
        short_message: b"hi".to_vec(),
        ..Default::default()
    }))
}

async fn bound(sim: &Simulator) -> (TcpStream, Vec<u8>) {
    let mut s = TcpStream::connect(sim.local_addr()).await.unwrap();
    let mut buf = Vec::new();
    write(&mut s, Pdu::new(1, bind())).await;
    let r = read_pdu(&mut s, &mut buf).await.unwrap();
    assert_eq!((r.command_id(), r.command_status), (CommandId::BIND_TRANSMITTER_RESP, status::ESME_ROK));
    (s, buf)
}

#[tokio::test]
async fn every_third_submit_is_throttled() {
    let sim = sim(Faults { throttle_every: Some(3), ..Faults::default() }).await;
    let (mut s, mut buf) = bound(&sim).await;
    let mut statuses = Vec::new();
    for seq in 2..=8 {
        write(&mut s, Pdu::new(seq, submit())).await;
        let r = read_pdu(&mut s, &mut buf).await.unwrap();
        assert_eq!((r.command_id(), r.sequence_number), (CommandId::SUBMIT_SM_RESP, seq));
        statuses.push(r.command_status);
    }
    let t = status::ESME_RTHROTTLED;
    assert_eq!(statuses, vec![0, 0, t, 0, 0, t, 0]);
}

#[tokio::test]
async fn responses_are_delayed_and_keep_their_order() {
    let delay = Duration::from_millis(200);
    let sim = sim(Faults::default()).await;
    let (mut s, mut buf) = bound(&sim).await;
    sim.set_faults(Faults { response_delay: delay, ..Faults::default() });
    let start = Instant::now();
    for seq in 10..13 {
        write(&mut s, Pdu::new(seq, submit())).await;
    }
    write(&mut s, Pdu::new(13, Body::EnquireLink)).await;
    let mut seqs = Vec::new();
    for _ in 0..4 {
        seqs.push(read_pdu(&mut s, &mut buf).await.unwrap().sequence_number);
    }
    assert!(start.elapsed() >= delay, "answered after {:?}", start.elapsed());
    assert_eq!(seqs, vec![10, 11, 12, 13]);
}

#[tokio::test]
async fn the_connection_drops_on_the_nth_submit_without_answering_what_is_in_flight() {
    let sim = sim(Faults::default()).await;
    let (mut s, mut buf) = bound(&sim).await;
    // Responses held back 300 ms: the first two are still in flight when the third arrives.
    sim.set_faults(Faults { drop_after: Some(3), response_delay: Duration::from_millis(300), ..Faults::default() });
    for seq in 2..=4 {
        write(&mut s, Pdu::new(seq, submit())).await;
    }
    assert!(read_pdu(&mut s, &mut buf).await.is_none(), "closed with no response at all");
    // A new connection counts afresh.
    sim.set_faults(Faults { drop_after: Some(2), ..Faults::default() });
    let (mut s, mut buf) = bound(&sim).await;
    write(&mut s, Pdu::new(2, submit())).await;
    assert_eq!(read_pdu(&mut s, &mut buf).await.unwrap().command_status, status::ESME_ROK);
    write(&mut s, Pdu::new(3, submit())).await;
    assert!(read_pdu(&mut s, &mut buf).await.is_none());
}

#[tokio::test]
async fn binds_are_refused_with_the_configured_status() {
    let sim = sim(Faults { refuse_binds: Some(status::ESME_RBINDFAIL), ..Faults::default() }).await;
    let mut s = TcpStream::connect(sim.local_addr()).await.unwrap();
    let mut buf = Vec::new();
    write(&mut s, Pdu::new(1, bind())).await;
    let r = read_pdu(&mut s, &mut buf).await.unwrap();
    assert_eq!((r.command_id(), r.command_status), (CommandId::BIND_TRANSMITTER_RESP, status::ESME_RBINDFAIL));
    // Switched off, the next bind succeeds.
    sim.set_faults(Faults::default());
    bound(&sim).await;
}

#[tokio::test]
async fn a_silent_smsc_answers_nothing_but_keeps_the_socket_open() {
    let sim = sim(Faults::default()).await;
    let (mut s, mut buf) = bound(&sim).await;
    sim.set_faults(Faults { silent: true, ..Faults::default() });
    write(&mut s, Pdu::new(2, submit())).await;
    write(&mut s, Pdu::new(3, Body::EnquireLink)).await;
    assert!(nothing_within(&mut s, &mut buf, Duration::from_millis(300)).await);
    // Still open: when it speaks again, the next request is answered.
    sim.set_faults(Faults::default());
    write(&mut s, Pdu::new(4, Body::EnquireLink)).await;
    let r = read_pdu(&mut s, &mut buf).await.unwrap();
    assert_eq!((r.command_id(), r.sequence_number), (CommandId::ENQUIRE_LINK_RESP, 4));
}
