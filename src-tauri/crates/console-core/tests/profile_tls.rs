//! A profile's TLS settings reach its binds: CA file, client certificate and key, server
//! name. The simulator sits behind a TLS front door (test CA made at test time) that demands
//! a client certificate; loopback TCP, real SQLite.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use console_core::model::{MessageState, SendRequest};
use console_core::{Console, ProfileInput, Reconnect};
use smsc_sim::{SimConfig, Simulator};
use test_pki::{TestPki, tls_front_door};

async fn tls_smsc(pki: &TestPki) -> (u16, Simulator) {
    let sim = Simulator::start("127.0.0.1:0", SimConfig::new("tls", "tls-pw")).await.unwrap();
    let config = pki.server_config(&[&rustls::version::TLS13, &rustls::version::TLS12], true);
    (tls_front_door(sim.local_addr(), config).await.port(), sim)
}

fn profile(name: &str, port: u16, dir: &std::path::Path) -> ProfileInput {
    let file = |f: &str| Some(dir.join(f).display().to_string());
    ProfileInput {
        name: name.into(),
        host: "127.0.0.1".into(),
        port,
        system_id: "tls".into(),
        tls: true,
        ca_file: file("ca.pem"),
        client_cert_file: file("client-cert.pem"),
        client_key_file: file("client-key.pem"),
        // The certificate names "localhost"; the profile connects by address.
        server_name: Some("localhost".into()),
        ..ProfileInput::default()
    }
}

async fn bind(console: &Console, input: &ProfileInput) -> Result<(), console_core::CoreError> {
    console.create_profile(input).await.unwrap();
    let p = console.profile(&input.name).await.unwrap().unwrap();
    console.bind_via(p.clone(), "tls-pw".into(), Reconnect::Never, p.transport()).await
}

#[tokio::test]
async fn a_profile_binds_over_tls_with_its_ca_and_client_certificate() {
    let pki = TestPki::new(&["localhost"]);
    let files = tempfile::tempdir().unwrap();
    pki.write_to(files.path());
    let (port, _sim) = tls_smsc(&pki).await;
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();

    bind(&console, &profile("Mutual TLS", port, files.path())).await.unwrap();
    let req =
        SendRequest { from: "Acme".into(), to: "+447700900123".into(), text: "over TLS".into(), request_dlr: false };
    let sent = console.send(Some("Mutual TLS"), &req).await.unwrap();
    assert_eq!(sent.message.state, MessageState::Accepted);

    // Without the client certificate the SMSC ends the handshake.
    let mut no_cert = profile("No client cert", port, files.path());
    no_cert.client_cert_file = None;
    no_cert.client_key_file = None;
    let e = bind(&console, &no_cert).await.err().unwrap().to_string();
    assert!(e.contains("requires a client certificate"), "{e}");

    // Trusting another CA: the server is refused, and the reason is named.
    let mut wrong_ca = profile("Wrong CA", port, files.path());
    wrong_ca.ca_file = Some(files.path().join("other-ca.pem").display().to_string());
    let e = bind(&console, &wrong_ca).await.err().unwrap().to_string();
    assert!(e.contains("issuer") || e.contains("not trusted"), "{e}");

    // The name the certificate must carry comes from the profile: without it, the address
    // does not match the certificate's "localhost".
    let mut by_address = profile("By address", port, files.path());
    by_address.server_name = None;
    let e = bind(&console, &by_address).await.err().unwrap().to_string();
    assert!(e.contains("name") || e.contains("127.0.0.1"), "{e}");
    console.shutdown().await;
}
