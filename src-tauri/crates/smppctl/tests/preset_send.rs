#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `smppctl send --preset`: the preset fills what the flags leave out, explicit flags win, and
//! the logged profile remembers the preset (so its receipts are read with the right table).

mod common;
use common::{json, smppctl};
use smsc_sim::{SimConfig, Simulator};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_preset_fills_defaults_and_is_remembered() {
    let sim = Simulator::start("127.0.0.1:0", SimConfig::new("esme", "secret")).await.unwrap();
    let port = sim.local_addr().port().to_string();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    // Telesign's preset asks for TLS; a local test overrides host, port and TLS.
    let args = ["send", "--preset", "telesign", "--host", "127.0.0.1", "--port", &port, "--no-tls"];
    let out = smppctl(
        &data,
        &[&args[..], &["--system-id", "esme", "--to", "+447700900123", "--text", "hi", "--json"]].concat(),
    )
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let sent = json(&out);
    let trace = json(&smppctl(&data, &["trace", sent["id"].as_str().unwrap(), "--json"]).await);
    assert_eq!(trace["messages"][0]["preset"], "telesign", "{trace}");

    // Twilio gives no host: the error says which flag is missing, exit code 2 (usage).
    let out = smppctl(&data, &["send", "--preset", "twilio", "--system-id", "esme", "--to", "1", "--text", "x"]).await;
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--host is required"), "{err}");
    sim.shutdown().await;
}
