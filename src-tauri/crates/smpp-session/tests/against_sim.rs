//! The tokio client against the simulator over real loopback TCP.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::time::Duration;

use smpp_codec::pdu::{BindKind, ShortMessage};
use smpp_codec::receipt::parse_receipt_text;
use smpp_codec::status;
use smpp_codec::tlv::tag;
use smpp_session::{Client, ClientEvent, ConnectError, Direction, SessionConfig};
use smsc_sim::{SimConfig, Simulator};

async fn sim() -> Simulator {
    let mut cfg = SimConfig::new("esme", "secret");
    cfg.dlr_delay = Duration::from_millis(50);
    Simulator::start("127.0.0.1:0", cfg).await.unwrap()
}

fn message(to: &str) -> ShortMessage {
    ShortMessage {
        source_addr: "Test".into(),
        source_addr_ton: 5,
        destination_addr: to.into(),
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        registered_delivery: 1,
        short_message: b"hello".to_vec(),
        ..Default::default()
    }
}

#[tokio::test]
async fn wrong_password_is_refused_with_esme_rinvpaswd() {
    let sim = sim().await;
    let err = Client::connect(&sim.local_addr().to_string(), SessionConfig::new(BindKind::Transceiver, "esme", "nope"))
        .await
        .unwrap_err();
    assert_eq!(err.command_status(), Some(status::ESME_RINVPASWD));
    assert!(err.to_string().contains("ESME_RINVPASWD"), "{err}");
    // The refused exchange is handed back for the PDU log: our bind, their bind_resp.
    let dirs: Vec<_> = err.frames().iter().map(|(d, b)| (*d, b.get(4..8).map(<[u8]>::to_vec))).collect();
    assert_eq!(dirs, vec![(Direction::Out, Some(vec![0, 0, 0, 9])), (Direction::In, Some(vec![0x80, 0, 0, 9]))]);
    let err =
        Client::connect(&sim.local_addr().to_string(), SessionConfig::new(BindKind::Transceiver, "other", "secret"))
            .await
            .unwrap_err();
    assert_eq!(err.command_status(), Some(status::ESME_RINVSYSID));
}

#[tokio::test]
async fn connection_refused_is_explained() {
    let sim = sim().await;
    let addr = sim.local_addr().to_string();
    sim.shutdown().await;
    let err = Client::connect(&addr, SessionConfig::new(BindKind::Transceiver, "esme", "secret")).await.unwrap_err();
    assert!(matches!(err, ConnectError::Connect { .. }), "{err}");
}

#[tokio::test]
async fn submit_then_receipt_then_unbind() {
    let sim = sim().await;
    let (client, mut events) =
        Client::connect(&sim.local_addr().to_string(), SessionConfig::new(BindKind::Transceiver, "esme", "secret"))
            .await
            .unwrap();
    assert_eq!(client.smsc_system_id(), "SMSCSIM");
    let resp = client.submit(message("+447700900123")).await.unwrap().response().await.unwrap();
    assert_eq!(resp.command_status, status::ESME_ROK);
    assert!(!resp.message_id.is_empty());

    let rejected = client.submit(message("not-a-number")).await.unwrap().response().await.unwrap();
    assert_eq!(rejected.command_status, status::ESME_RINVDSTADR);

    let receipt = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match events.recv().await.unwrap() {
                ClientEvent::Deliver(sm) => return sm,
                ClientEvent::Closed { reason } => panic!("closed: {reason}"),
                ClientEvent::Frame { .. } => {}
            }
        }
    })
    .await
    .unwrap();
    assert!(receipt.is_delivery_receipt());
    assert_eq!(receipt.tlv(tag::RECEIPTED_MESSAGE_ID).unwrap().as_cstring(), resp.message_id);
    assert_eq!(receipt.tlv(tag::MESSAGE_STATE).unwrap().as_u8(), Some(2));
    let text = parse_receipt_text(std::str::from_utf8(&receipt.short_message).unwrap()).unwrap();
    assert_eq!(text.stat.as_deref(), Some("DELIVRD"));
    assert_eq!(text.id.as_deref(), Some(resp.message_id.as_str()));

    client.unbind().await;
    assert!(client.is_closed());
    let mut saw_unbind_resp = false;
    while let Some(ev) = events.recv().await {
        if let ClientEvent::Frame { direction: Direction::In, bytes, .. } = ev {
            saw_unbind_resp |= bytes.get(4..8) == Some(&[0x80, 0, 0, 6]);
        }
    }
    assert!(saw_unbind_resp);
}

#[tokio::test]
async fn enquire_link_keeps_an_idle_session_alive() {
    let sim = sim().await;
    let mut cfg = SessionConfig::new(BindKind::Transceiver, "esme", "secret");
    cfg.enquire_link_interval = Duration::from_millis(100);
    let (client, mut events) = Client::connect(&sim.local_addr().to_string(), cfg).await.unwrap();
    let mut answered = 0;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while answered < 2 {
        let ev = tokio::time::timeout_at(deadline, events.recv()).await.unwrap().unwrap();
        if let ClientEvent::Frame { direction: Direction::In, bytes, .. } = ev
            && bytes.get(4..8) == Some(&[0x80, 0, 0, 0x15])
        {
            answered += 1;
        }
    }
    assert!(!client.is_closed());
}

#[tokio::test]
async fn simulator_shutdown_unbinds_the_client() {
    let sim = sim().await;
    let (client, mut events) =
        Client::connect(&sim.local_addr().to_string(), SessionConfig::new(BindKind::Transceiver, "esme", "secret"))
            .await
            .unwrap();
    sim.shutdown().await;
    let reason = loop {
        match tokio::time::timeout(Duration::from_secs(5), events.recv()).await.unwrap() {
            Some(ClientEvent::Closed { reason }) => break reason,
            Some(_) => {}
            None => panic!("events ended without Closed"),
        }
    };
    assert!(reason.contains("unbound"), "{reason}");
    let err = client.submit(message("+1")).await.unwrap_err();
    assert_eq!(err, smpp_session::SubmitError::Closed);
}
