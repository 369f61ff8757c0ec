//! Binds over TLS: a test CA and a "localhost" server certificate made at test time
//! (test-pki), a TLS front door before the (plain TCP) simulator, proxying bytes to it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use smpp_codec::pdu::{BindKind, ShortMessage};
use smpp_codec::status;
use smpp_session::{Client, ClientEvent, ConnectError, SessionConfig, TlsSettings, Transport};
use smsc_sim::{SimConfig, Simulator};
use test_pki::{TestPki, tls_front_door};

/// The test CA's files (ca.pem, other-ca.pem, client-cert.pem …) in a scratch directory.
struct Pki {
    pki: TestPki,
    dir: tempfile::TempDir,
}

fn make_pki() -> Pki {
    let pki = TestPki::new(&["localhost"]);
    let dir = tempfile::tempdir().unwrap();
    pki.write_to(dir.path());
    Pki { pki, dir }
}

impl Pki {
    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn settings(&self) -> TlsSettings {
        TlsSettings { ca: Some(self.file("ca.pem")), client_cert: None }
    }
}

/// The simulator behind a TLS front door that accepts only `versions`.
struct TlsSim {
    addr: SocketAddr,
    _sim: Simulator,
}

async fn tls_sim(pki: &Pki, versions: &[&'static rustls::SupportedProtocolVersion]) -> TlsSim {
    let mut cfg = SimConfig::new("esme", "secret");
    cfg.dlr_delay = Duration::from_millis(50);
    let sim = Simulator::start("127.0.0.1:0", cfg).await.unwrap();
    let addr = tls_front_door(sim.local_addr(), pki.pki.server_config(versions, false)).await;
    TlsSim { addr, _sim: sim }
}

fn config() -> SessionConfig {
    SessionConfig::new(BindKind::Transceiver, "esme", "secret")
}

fn message() -> ShortMessage {
    ShortMessage {
        source_addr: "Test".into(),
        source_addr_ton: 5,
        destination_addr: "+447700900123".into(),
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        registered_delivery: 1,
        short_message: b"hello over TLS".to_vec(),
        ..Default::default()
    }
}

async fn submit_and_get_receipt(client: &Client, events: &mut tokio::sync::mpsc::Receiver<ClientEvent>) {
    let resp = client.submit(message()).await.unwrap().response().await.unwrap();
    assert_eq!(resp.command_status, status::ESME_ROK);
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
    client.unbind().await;
    assert!(client.is_closed());
}

fn tls_reason(err: ConnectError) -> String {
    match err {
        ConnectError::Tls { reason, .. } => reason,
        other => panic!("expected a TLS error, got: {other}"),
    }
}

#[tokio::test]
async fn bind_submit_and_receipt_over_tls() {
    let pki = make_pki();
    let sim = tls_sim(&pki, &[&rustls::version::TLS13, &rustls::version::TLS12]).await;
    // By host name, resolved at connect time; the certificate is for "localhost".
    let addr = format!("localhost:{}", sim.addr.port());
    let (client, mut events) = Client::connect_tls(&addr, "localhost", &pki.settings(), config()).await.unwrap();
    assert_eq!(client.smsc_system_id(), "SMSCSIM");
    submit_and_get_receipt(&client, &mut events).await;
}

#[tokio::test]
async fn tls12_only_server_works() {
    let pki = make_pki();
    let sim = tls_sim(&pki, &[&rustls::version::TLS12]).await;
    let transport = Transport::tls_to("localhost", pki.settings());
    let (client, mut events) = Client::connect_via(&sim.addr.to_string(), &transport, config()).await.unwrap();
    submit_and_get_receipt(&client, &mut events).await;
}

#[tokio::test]
async fn wrong_ca_is_an_unknown_issuer() {
    let pki = make_pki();
    let sim = tls_sim(&pki, &[&rustls::version::TLS13]).await;
    let settings = TlsSettings { ca: Some(pki.file("other-ca.pem")), client_cert: None };
    let err = Client::connect_tls(&sim.addr.to_string(), "localhost", &settings, config()).await.unwrap_err();
    let reason = tls_reason(err);
    assert!(reason.contains("unknown issuer") && reason.contains("--ca"), "{reason}");
}

#[tokio::test]
async fn name_mismatch_is_explained() {
    let pki = make_pki();
    let sim = tls_sim(&pki, &[&rustls::version::TLS13]).await;
    let err = Client::connect_tls(&sim.addr.to_string(), "wrong.example", &pki.settings(), config()).await.unwrap_err();
    let reason = tls_reason(err);
    assert!(reason.contains("name mismatch") && reason.contains("wrong.example"), "{reason}");
    assert!(reason.contains("localhost"), "the names the certificate carries help: {reason}");
}

#[tokio::test]
async fn missing_ca_file_is_explained() {
    let settings = TlsSettings { ca: Some("/nonexistent/ca.pem".into()), client_cert: None };
    let err = Client::connect_tls("127.0.0.1:1", "localhost", &settings, config()).await.unwrap_err();
    let reason = tls_reason(err);
    assert!(reason.contains("/nonexistent/ca.pem"), "{reason}");
}

#[tokio::test]
async fn tls_to_a_plain_smpp_port_is_an_error_not_a_hang() {
    let sim = Simulator::start("127.0.0.1:0", SimConfig::new("esme", "secret")).await.unwrap();
    let pki = make_pki();
    let err = tokio::time::timeout(
        Duration::from_secs(15),
        Client::connect_tls(&sim.local_addr().to_string(), "localhost", &pki.settings(), config()),
    )
    .await
    .unwrap()
    .unwrap_err();
    let reason = tls_reason(err);
    assert!(reason.contains("TLS"), "{reason}");
}
