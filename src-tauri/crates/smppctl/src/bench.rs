//! `smppctl bench`: submit_sm throughput and submit_sm_resp latency over B binds with window W,
//! straight through smpp-session (no database: this measures the protocol path).
//!
//! Every message is one GSM7 segment, so messages and segments are the same count here; the
//! rate limit is nonetheless counted in segments, as providers count it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use smpp_codec::pdu::{BindKind, ShortMessage};
use smpp_codec::status;
use smpp_session::{Client, ClientEvent, RequestFailure, SessionConfig, SubmitError};
use tokio::sync::mpsc;

use crate::endpoint::{Endpoint, EndpointArgs};
use crate::{EXIT_FAILURE, EXIT_USAGE};

/// Segments per benchmark message (the text below fits one GSM7 segment).
const SEGMENTS_PER_MESSAGE: u32 = 1;
const TEXT: &[u8] = b"smppctl bench";

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    #[command(flatten)]
    endpoint: EndpointArgs,
    /// Messages to submit in total, spread over the binds.
    #[arg(long)]
    count: u64,
    /// Maximum outstanding submit_sm per bind.
    #[arg(long, default_value_t = 10)]
    window: usize,
    /// Number of TRX binds to open.
    #[arg(long, default_value_t = 1)]
    binds: usize,
    /// Total rate limit in segments per second over all binds (default: as fast as the windows allow).
    #[arg(long, value_name = "PER_SECOND")]
    rate: Option<f64>,
    /// Destination number of every message.
    #[arg(long, default_value = "447700900000")]
    to: String,
    /// Request delivery receipts (they arrive during the run and load the link).
    #[arg(long)]
    dlr: bool,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// How one submit ended.
#[derive(Debug)]
enum Outcome {
    /// submit_sm_resp arrived after `latency` with this command_status.
    Resp { latency: Duration, command_status: u32 },
    /// No response: timeout, generic_nack, connection lost, or refused before sending.
    Failed(&'static str),
}

pub async fn run(args: BenchArgs) -> u8 {
    let Ok(password) = std::env::var("SMPP_PASSWORD") else {
        eprintln!("error: set the bind password in the SMPP_PASSWORD environment variable");
        return EXIT_USAGE;
    };
    if args.count == 0 || args.window == 0 || args.binds == 0 {
        eprintln!("error: --count, --window and --binds must be at least 1");
        return EXIT_USAGE;
    }
    if args.rate.is_some_and(|r| !(r.is_finite() && r > 0.0)) {
        eprintln!("error: --rate must be a positive number of segments per second");
        return EXIT_USAGE;
    }
    let ep = match args.endpoint.resolve() {
        Ok(ep) => ep,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_USAGE;
        }
    };
    let addr = format!("{}:{}", ep.host, ep.port);
    let transport = ep.transport.clone();

    // Bind everything first: the clock starts when all binds are up.
    let mut clients = Vec::with_capacity(args.binds);
    for _ in 0..args.binds {
        let mut config = SessionConfig::new(BindKind::Transceiver, &args.endpoint.system_id, &password);
        config.window = args.window;
        match Client::connect_via(&addr, &transport, config).await {
            Ok((client, events)) => {
                tokio::spawn(drain(events));
                clients.push(client);
            }
            Err(e) => {
                report_error(&args, &e.to_string());
                unbind_all(&clients).await;
                return EXIT_FAILURE;
            }
        }
    }

    let message = ShortMessage {
        source_addr: "SMPPConsole".into(),
        source_addr_ton: 5,
        destination_addr: args.to.trim_start_matches('+').to_string(),
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        registered_delivery: u8::from(args.dlr),
        short_message: TEXT.to_vec(),
        ..Default::default()
    };
    let next = Arc::new(AtomicU64::new(0));
    let bucket = args.rate.map(|r| Arc::new(Mutex::new(TokenBucket::new(r, Instant::now()))));
    let (tx, mut rx) = mpsc::unbounded_channel();
    let started = Instant::now();
    for client in &clients {
        tokio::spawn(produce(client.clone(), message.clone(), next.clone(), args.count, bucket.clone(), tx.clone()));
    }
    drop(tx);

    let mut stats = Stats::default();
    let mut finished = started;
    while let Some(outcome) = rx.recv().await {
        stats.add(outcome);
        finished = Instant::now();
    }
    let elapsed = finished.duration_since(started);
    unbind_all(&clients).await;
    let report = stats.report(&args, &ep, elapsed);
    if args.json {
        println!("{report}");
    } else {
        print_text(&args, &report);
    }
    let all_ok = report["statuses"]["ESME_ROK"].as_u64() == Some(args.count);
    if all_ok { 0 } else { EXIT_FAILURE }
}

/// Takes message numbers until `count` is reached and submits them through one bind.
async fn produce(
    client: Client,
    message: ShortMessage,
    next: Arc<AtomicU64>,
    count: u64,
    bucket: Option<Arc<Mutex<TokenBucket>>>,
    outcomes: mpsc::UnboundedSender<Outcome>,
) {
    while next.fetch_add(1, Ordering::Relaxed) < count {
        if let Some(b) = &bucket {
            acquire(b, SEGMENTS_PER_MESSAGE).await;
        }
        // Waits for a place in the window; returns once the PDU is handed to the socket.
        let pending = match client.submit(message.clone()).await {
            Ok(p) => p,
            Err(e) => {
                let _ = outcomes.send(Outcome::Failed(failure_name(&e)));
                if e == SubmitError::Closed {
                    // This bind is gone; the others take the remaining numbers. Count the
                    // ones nobody will send once every producer has stopped.
                    break;
                }
                continue;
            }
        };
        let written = Instant::now();
        let outcomes = outcomes.clone();
        tokio::spawn(async move {
            let outcome = match pending.response().await {
                Ok(r) => Outcome::Resp { latency: written.elapsed(), command_status: r.command_status },
                Err(e) => Outcome::Failed(failure_name(&e)),
            };
            let _ = outcomes.send(outcome);
        });
    }
}

fn failure_name(e: &SubmitError) -> &'static str {
    match e {
        SubmitError::Rejected(_) => "not_sent",
        SubmitError::Failed(RequestFailure::Timeout) => "response_timeout",
        SubmitError::Failed(RequestFailure::Nack(_)) => "generic_nack",
        SubmitError::Failed(RequestFailure::ConnectionLost(_)) => "connection_lost",
        SubmitError::Closed => "connection_closed",
    }
}

/// The session emits an event per PDU; someone must read them or the session waits.
async fn drain(mut events: mpsc::Receiver<ClientEvent>) {
    while let Some(ev) = events.recv().await {
        if let ClientEvent::Closed { reason } = ev {
            tracing::debug!("bench bind closed: {reason}");
        }
    }
}

async fn unbind_all(clients: &[Client]) {
    let unbinds: Vec<_> = clients
        .iter()
        .map(|c| {
            let c = c.clone();
            tokio::spawn(async move { c.unbind().await })
        })
        .collect();
    for u in unbinds {
        let _ = tokio::time::timeout(Duration::from_secs(5), u).await;
    }
}

#[derive(Debug, Default)]
struct Stats {
    latencies: Vec<Duration>,
    statuses: BTreeMap<String, u64>,
    failures: BTreeMap<&'static str, u64>,
}

impl Stats {
    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Resp { latency, command_status } => {
                self.latencies.push(latency);
                *self.statuses.entry(status::name(command_status)).or_default() += 1;
            }
            Outcome::Failed(name) => *self.failures.entry(name).or_default() += 1,
        }
    }

    fn report(mut self, args: &BenchArgs, ep: &Endpoint, elapsed: Duration) -> serde_json::Value {
        self.latencies.sort_unstable();
        let responses = self.latencies.len() as u64;
        let settled = responses + self.failures.values().sum::<u64>();
        if settled < args.count {
            self.failures.insert("never_sent", args.count - settled);
        }
        let ok = self.statuses.get("ESME_ROK").copied().unwrap_or(0);
        let secs = elapsed.as_secs_f64();
        let per_s = if secs > 0.0 { responses as f64 / secs } else { 0.0 };
        let ms = |d: Option<Duration>| d.map(|d| round3(d.as_secs_f64() * 1000.0));
        serde_json::json!({
            "host": ep.host,
            "port": ep.port,
            "tls": ep.tls,
            "binds": args.binds,
            "window": args.window,
            "rate": args.rate,
            "count": args.count,
            "segments_per_message": SEGMENTS_PER_MESSAGE,
            "responses": responses,
            "elapsed_s": round3(secs),
            "messages_per_s": round3(per_s),
            "latency_ms": {
                "p50": ms(percentile(&self.latencies, 0.50)),
                "p90": ms(percentile(&self.latencies, 0.90)),
                "p99": ms(percentile(&self.latencies, 0.99)),
                "max": ms(self.latencies.last().copied()),
            },
            "statuses": self.statuses,
            "failures": self.failures,
            "errors": args.count - ok,
        })
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[Duration], p: f64) -> Option<Duration> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.saturating_sub(1).min(sorted.len() - 1)).copied()
}

fn print_text(args: &BenchArgs, r: &serde_json::Value) {
    let rate = args.rate.map_or_else(|| "unlimited".to_string(), |r| format!("{r} segments/s"));
    println!(
        "{} submit_sm over {} bind(s) to {}:{}{}, window {}, rate {rate}",
        args.count,
        args.binds,
        r["host"].as_str().unwrap_or_default(),
        r["port"],
        if r["tls"].as_bool() == Some(true) { " (TLS)" } else { "" },
        args.window
    );
    println!("elapsed {} s, {} messages/s ({} responses)", r["elapsed_s"], r["messages_per_s"], r["responses"]);
    let l = &r["latency_ms"];
    println!("submit_sm_resp latency ms: p50 {} p90 {} p99 {} max {}", l["p50"], l["p90"], l["p99"], l["max"]);
    for (key, title) in [("statuses", "command_status"), ("failures", "no response")] {
        if let Some(map) = r[key].as_object() {
            for (name, n) in map {
                println!("{title} {name}: {n}");
            }
        }
    }
}

fn report_error(args: &BenchArgs, message: &str) {
    if args.json {
        println!("{}", serde_json::json!({ "error": { "code": "bind_failed", "message": message } }));
    } else {
        eprintln!("error: bind_failed: {message}");
    }
}

/// A token bucket holding at most a tenth of a second's worth of segments (at least one).
#[derive(Debug)]
struct TokenBucket {
    rate: f64,
    capacity: f64,
    tokens: f64,
    last: Instant,
}

impl TokenBucket {
    fn new(rate: f64, now: Instant) -> Self {
        let capacity = (rate / 10.0).max(1.0);
        Self { rate, capacity, tokens: 1.0, last: now }
    }

    /// Takes `n` tokens and returns None, or returns how long to wait before there are enough.
    fn try_take(&mut self, n: f64, now: Instant) -> Option<Duration> {
        let dt = now.saturating_duration_since(self.last).as_secs_f64();
        self.tokens = (self.tokens + dt * self.rate).min(self.capacity.max(n));
        self.last = now;
        if self.tokens >= n {
            self.tokens -= n;
            None
        } else {
            Some(Duration::from_secs_f64((n - self.tokens) / self.rate))
        }
    }
}

async fn acquire(bucket: &Mutex<TokenBucket>, segments: u32) {
    loop {
        let wait = bucket.lock().unwrap_or_else(|e| e.into_inner()).try_take(f64::from(segments), Instant::now());
        match wait {
            None => return,
            Some(w) => tokio::time::sleep(w).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_bucket_holds_the_rate() {
        let t0 = Instant::now();
        let mut b = TokenBucket::new(100.0, t0);
        // Simulated time: take one segment whenever allowed, for 10 s.
        let mut now = t0;
        let mut taken = 0;
        while now < t0 + Duration::from_secs(10) {
            match b.try_take(1.0, now) {
                None => taken += 1,
                Some(wait) => now += wait,
            }
        }
        assert!((999..=1002).contains(&taken), "{taken}");
    }

    #[test]
    fn token_bucket_counts_segments_and_caps_bursts() {
        let t0 = Instant::now();
        let mut b = TokenBucket::new(10.0, t0);
        assert_eq!(b.try_take(1.0, t0), None);
        let wait = b.try_take(3.0, t0).unwrap();
        assert!((wait.as_secs_f64() - 0.3).abs() < 1e-9, "{wait:?}");
        // A long idle period does not bank more than the capacity (one token at 10/s)...
        let later = t0 + Duration::from_secs(60);
        assert_eq!(b.try_take(1.0, later), None);
        assert!(b.try_take(1.0, later).is_some());
        // ...except that a message larger than the capacity can still go.
        assert_eq!(b.try_take(3.0, later + Duration::from_secs(1)), None);
    }

    #[test]
    fn percentiles_use_nearest_rank() {
        let v: Vec<_> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&v, 0.5), Some(Duration::from_millis(50)));
        assert_eq!(percentile(&v, 0.99), Some(Duration::from_millis(99)));
        assert_eq!(percentile(&v, 1.0), Some(Duration::from_millis(100)));
        assert_eq!(percentile(&[], 0.5), None);
    }
}
