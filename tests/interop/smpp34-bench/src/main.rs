//! `smppctl bench` equivalent on the third-party smpp34 client: one TRX bind, COUNT
//! one-segment GSM7 submit_sm with at most WINDOW outstanding, same fields as smppctl bench;
//! prints one JSON line like `smppctl bench --json` (messages/s from first submit to last
//! response, submit_sm_resp latency percentiles measured around each `send().await`).
//! Modelled on smpp34's own examples/perf_esme.rs (WINDOW tasks, each with one submit in flight).
//!
//!   SMPP_PASSWORD=secret smpp34-bench --host 127.0.0.1 --port 2775 --system-id bench --count 20000 --window 10

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use smpp34::client::{SmppClient, SmppClientListener, BIND_TYPE, SMSC};
use tokio::sync::{oneshot, Mutex};

struct Binder {
    tx: Mutex<Option<oneshot::Sender<Arc<SMSC>>>>,
}

#[async_trait]
impl SmppClientListener for Binder {
    async fn on_smsc_bound(&self, smsc: SMSC, _session_id: &String) {
        if let Some(tx) = self.tx.lock().await.take() {
            let _ = tx.send(Arc::new(smsc));
        }
    }
}

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1).cloned())
}

fn percentile(sorted: &[Duration], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    let d = sorted[rank.saturating_sub(1).min(sorted.len() - 1)];
    Some((d.as_secs_f64() * 1e6).round() / 1e3)
}

fn main() {
    // SMPP34_CURRENT_THREAD=1 runs the client on a single-threaded runtime, as `smppctl bench`
    // does, so the two Rust clients can be compared on the same kind of runtime too.
    let mut builder = if std::env::var_os("SMPP34_CURRENT_THREAD").is_some() {
        tokio::runtime::Builder::new_current_thread()
    } else {
        tokio::runtime::Builder::new_multi_thread()
    };
    builder.enable_all().build().expect("tokio runtime").block_on(run());
}

async fn run() {
    let args: Vec<String> = std::env::args().collect();
    let host = arg(&args, "--host").unwrap_or_else(|| "127.0.0.1".into());
    let port: u16 = arg(&args, "--port").and_then(|s| s.parse().ok()).expect("--port");
    let system_id = arg(&args, "--system-id").expect("--system-id");
    let password = std::env::var("SMPP_PASSWORD").unwrap_or_default();
    let count: u64 = arg(&args, "--count").and_then(|s| s.parse().ok()).expect("--count");
    let window: usize = arg(&args, "--window").and_then(|s| s.parse().ok()).unwrap_or(10);

    let (tx, rx) = oneshot::channel();
    let binder = Arc::new(Binder { tx: Mutex::new(Some(tx)) });
    let mut client = SmppClient::new(
        host.clone(), port, false, BIND_TYPE::TRX, system_id, password,
        String::new(), 0, 0, String::new(), binder, window,
    );
    client.start().await;
    let smsc = match tokio::time::timeout(Duration::from_secs(10), rx).await {
        Ok(Ok(s)) => s,
        _ => {
            println!("{}", serde_json::json!({"error": {"code": "bind_failed"}}));
            std::process::exit(3);
        }
    };

    let remaining = Arc::new(AtomicU64::new(count));
    let ok = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let mut handles = Vec::with_capacity(window);
    for _ in 0..window {
        let (smsc, remaining, ok) = (smsc.clone(), remaining.clone(), ok.clone());
        handles.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut last = Instant::now();
            while remaining.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |x| x.checked_sub(1)).is_ok() {
                let t0 = Instant::now();
                let r = smsc
                    .submit_sm()
                    .source_addr_ton(5)
                    .source_addr_npi(0)
                    .source_addr("SMPPConsole")
                    .dest_addr_ton(1)
                    .dest_addr_npi(1)
                    .destination_addr("447700900000")
                    .data_coding(0)
                    .short_message(&b"smppctl bench"[..])
                    .send()
                    .await;
                last = Instant::now();
                if let Ok(resp) = r {
                    lat.push(last - t0);
                    if resp.is_success() {
                        ok.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
            (lat, last)
        }));
    }
    let mut lat = Vec::with_capacity(count as usize);
    let mut finished = started;
    for h in handles {
        let (l, last) = h.await.expect("task");
        lat.extend(l);
        finished = finished.max(last);
    }
    let secs = finished.duration_since(started).as_secs_f64();
    lat.sort_unstable();
    let responses = lat.len() as u64;
    let ok = ok.load(Ordering::Relaxed);
    println!(
        "{}",
        serde_json::json!({
            "client": "smpp34",
            "host": host, "port": port, "binds": 1, "window": window, "count": count,
            "responses": responses,
            "elapsed_s": (secs * 1000.0).round() / 1000.0,
            "messages_per_s": ((responses as f64 / secs) * 1000.0).round() / 1000.0,
            "latency_ms": {
                "p50": percentile(&lat, 0.5), "p90": percentile(&lat, 0.9),
                "p99": percentile(&lat, 0.99), "max": percentile(&lat, 1.0),
            },
            "statuses": {"ESME_ROK": ok},
            "errors": count - ok,
        })
    );
    let _ = tokio::time::timeout(Duration::from_secs(5), smsc.send_unbind()).await;
    client.stop().await;
    std::process::exit(if ok == count { 0 } else { 1 });
}
