#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `smppctl send --tls --ca` through console-core's bind, against the simulator behind a
//! TLS front door (test CA and "localhost" certificate made at test time, test-pki).

use std::path::Path;
use std::process::Output;

use smsc_sim::{SimConfig, Simulator};
use test_pki::{TestPki, tls_front_door};

/// The simulator behind TLS for "localhost"; returns the TLS port and the CA's PEM.
async fn tls_sim() -> (u16, String, Simulator) {
    let pki = TestPki::new(&["localhost"]);
    let sim = Simulator::start("127.0.0.1:0", SimConfig::new("esme", "secret")).await.unwrap();
    let front = tls_front_door(sim.local_addr(), pki.server_config(&[&rustls::version::TLS12], false)).await;
    (front.port(), pki.ca_pem.clone(), sim)
}

async fn send(data_dir: &Path, port: u16, extra: &[&str]) -> Output {
    let port = port.to_string();
    let mut args: Vec<String> = ["--data-dir", &data_dir.display().to_string(), "send", "--host", "localhost"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    args.extend(
        ["--port", &port, "--system-id", "esme", "--to", "+447700900123", "--text", "hi", "--json"].map(String::from),
    );
    args.extend(extra.iter().map(|s| s.to_string()));
    tokio::process::Command::new(env!("CARGO_BIN_EXE_smppctl"))
        .args(&args)
        .env("SMPP_PASSWORD", "secret")
        .output()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_over_tls_with_a_ca_file() {
    let (port, ca_pem, _sim) = tls_sim().await;
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, ca_pem).unwrap();
    let out = send(&dir.path().join("data"), port, &["--tls", "--ca", ca.to_str().unwrap()]).await;
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let m: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(m["state"], "Accepted", "{m}");
    assert!(m["smscMessageId"].as_str().is_some_and(|id| !id.is_empty()), "{m}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn send_over_tls_with_the_wrong_ca_says_unknown_issuer() {
    let (port, _, _sim) = tls_sim().await;
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("other.pem");
    std::fs::write(&ca, TestPki::new(&["localhost"]).other_ca_pem).unwrap();
    let out = send(&dir.path().join("data"), port, &["--tls", "--ca", ca.to_str().unwrap()]).await;
    assert_eq!(out.status.code(), Some(1));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let message = r["error"]["message"].as_str().unwrap();
    assert!(message.contains("unknown issuer") && message.contains("--ca"), "{r}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ca_without_tls_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = send(&dir.path().join("data"), 1, &["--ca", "x.pem"]).await;
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bench_over_tls() {
    let (port, ca_pem, _sim) = tls_sim().await;
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.pem");
    std::fs::write(&ca, ca_pem).unwrap();
    let port = port.to_string();
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_smppctl"))
        .args(["bench", "--host", "localhost", "--port", &port, "--system-id", "esme", "--count", "500"])
        .args(["--window", "20", "--binds", "2", "--json", "--tls", "--ca", ca.to_str().unwrap()])
        .env("SMPP_PASSWORD", "secret")
        .output()
        .await
        .unwrap();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(out.status.success(), "{r}");
    assert_eq!(r["tls"], true);
    assert_eq!(r["statuses"], serde_json::json!({ "ESME_ROK": 500 }));
}
