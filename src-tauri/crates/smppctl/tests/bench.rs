#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `smppctl bench` against `smppctl sim`, both run as binaries. Counts only, never timing.

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};

/// `smppctl sim` on a free port; killed when dropped.
struct Sim {
    child: Child,
    port: u16,
}

impl Drop for Sim {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_sim() -> Sim {
    let mut child = Command::new(env!("CARGO_BIN_EXE_smppctl"))
        .args(["sim", "--listen", "127.0.0.1:0", "--system-id", "bench", "--dlr-delay-ms", "100"])
        .env("SMPP_PASSWORD", "secret")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port = line
        .trim()
        .strip_prefix("smsc-sim listening on 127.0.0.1:")
        .unwrap_or_else(|| panic!("unexpected first line: {line:?}"))
        .parse()
        .unwrap();
    Sim { child, port }
}

fn bench(sim: &Sim, extra: &[&str]) -> (std::process::Output, serde_json::Value) {
    let port = sim.port.to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_smppctl"))
        .args(["bench", "--host", "127.0.0.1", "--port", &port, "--system-id", "bench", "--json"])
        .args(extra)
        .env("SMPP_PASSWORD", "secret")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let json = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| {
        panic!("not one JSON object ({e}): {stdout:?}; stderr: {}", String::from_utf8_lossy(&out.stderr))
    });
    (out, json)
}

#[test]
fn bench_submits_every_message_and_reports_the_shape() {
    let sim = start_sim();
    let (out, r) = bench(&sim, &["--count", "2000", "--window", "50"]);
    assert!(out.status.success(), "{r}");
    assert_eq!(r["count"], 2000);
    assert_eq!(r["window"], 50);
    assert_eq!(r["binds"], 1);
    assert_eq!(r["tls"], false);
    assert_eq!(r["responses"], 2000);
    assert_eq!(r["statuses"], serde_json::json!({ "ESME_ROK": 2000 }));
    assert_eq!(r["failures"], serde_json::json!({}));
    assert_eq!(r["errors"], 0);
    assert!(r["messages_per_s"].as_f64().unwrap() > 0.0, "{r}");
    for p in ["p50", "p90", "p99", "max"] {
        assert!(r["latency_ms"][p].as_f64().unwrap() >= 0.0, "{p}: {r}");
    }
    let l = &r["latency_ms"];
    assert!(l["p50"].as_f64() <= l["p99"].as_f64() && l["p99"].as_f64() <= l["max"].as_f64(), "{r}");
}

#[test]
fn bench_spreads_over_binds_and_counts_refusals_by_status_name() {
    let sim = start_sim();
    // Destinations starting 0000 are refused by the simulator with ESME_RINVDSTADR.
    let (out, r) =
        bench(&sim, &["--count", "300", "--window", "5", "--binds", "3", "--to", "0000123", "--rate", "100000"]);
    assert_eq!(out.status.code(), Some(1), "not every message was accepted: {r}");
    assert_eq!(r["binds"], 3);
    assert_eq!(r["statuses"], serde_json::json!({ "ESME_RINVDSTADR": 300 }));
    assert_eq!(r["errors"], 300);
}

#[test]
fn bench_with_a_wrong_password_fails_with_the_reason() {
    let sim = start_sim();
    let port = sim.port.to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_smppctl"))
        .args(["bench", "--host", "127.0.0.1", "--port", &port, "--system-id", "bench", "--count", "1", "--json"])
        .env("SMPP_PASSWORD", "wrong")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(r["error"]["message"].as_str().unwrap().contains("ESME_RINVPASWD"), "{r}");
}
