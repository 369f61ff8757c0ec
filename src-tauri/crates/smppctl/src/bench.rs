//! `smppctl bench`: submit_sm throughput and submit_sm_resp latency over B binds with window W,
//! straight through smpp-session (no database: this measures the protocol path).
//!
//! Every message is one GSM7 segment, so messages and segments are the same count here; the
//! rate limit is nonetheless counted in segments, as providers count it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use console_core::{Console, CoreError, resolve_data_dir};
use smpp_codec::pdu::{BindKind, ShortMessage};
use smpp_codec::status;
use smpp_session::Transport;
use smpp_session::{Client, ClientEvent, RequestFailure, SessionConfig, SubmitError};
use std::path::PathBuf;
use tokio::sync::mpsc;

use crate::endpoint::{Endpoint, EndpointArgs};
use crate::{EXIT_FAILURE, EXIT_USAGE};

/// Segments per benchmark message (the text below fits one GSM7 segment).
const SEGMENTS_PER_MESSAGE: u32 = 1;
const TEXT: &[u8] = b"smppctl bench";

#[derive(Debug, clap::Args)]
#[command(after_help = "Password: with --profile NAME, the one stored in the OS keyring by `smppctl creds set NAME`; \
SMPP_PASSWORD, when set, overrides it. Without --profile SMPP_PASSWORD is required.")]
pub struct BenchArgs {
    #[command(flatten)]
    endpoint: EndpointArgs,
    /// Messages to submit in total, spread over the binds.
    #[arg(long)]
    count: u64,
    /// Maximum outstanding submit_sm per bind (default: the profile's window, else 10).
    #[arg(long)]
    window: Option<usize>,
    /// Number of binds to open (default: the profile's bind count, else 1).
    #[arg(long)]
    binds: Option<usize>,
    /// Total rate limit in segments per second over all binds (default: the profile's rate
    /// limit, else as fast as the windows allow).
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

/// What the run binds to and with which settings, from the flags or a stored profile.
struct Target {
    host: String,
    port: u16,
    tls: bool,
    transport: Transport,
    /// The bind PDU's fields and timers; holds the password, so it is never printed.
    config: SessionConfig,
    window: usize,
    binds: usize,
    rate: Option<f64>,
}

/// The endpoint from the flags (SMPP_PASSWORD required) or from `--profile` (its password
/// from the keyring unless SMPP_PASSWORD overrides it).
async fn target(args: &BenchArgs, data_dir: Option<PathBuf>) -> Result<Target, (u8, String)> {
    let password = std::env::var("SMPP_PASSWORD").ok();
    let Some(name) = &args.endpoint.profile else {
        let Some(password) = password else {
            return Err((
                EXIT_USAGE,
                "set the bind password in the SMPP_PASSWORD environment variable, or use --profile NAME with a password stored by `smppctl creds set NAME`".into(),
            ));
        };
        let ep = args.endpoint.resolve().map_err(|m| (EXIT_USAGE, m))?;
        let Endpoint { host, port, tls, transport, system_id, .. } = ep;
        return Ok(Target {
            host,
            port,
            tls,
            transport,
            config: SessionConfig::new(BindKind::Transceiver, &system_id, &password),
            window: args.window.unwrap_or(10),
            binds: args.binds.unwrap_or(1),
            rate: args.rate,
        });
    };
    let Some(dir) = resolve_data_dir(data_dir) else {
        return Err((EXIT_USAGE, "no data directory: pass --data-dir DIR or set SMPP_CONSOLE_DATA_DIR".into()));
    };
    let console = Console::open(&dir).await.map_err(|e| (EXIT_FAILURE, e.to_string()))?;
    let found = profile_target(&console, args, name, password).await;
    console.shutdown().await;
    found
}

async fn profile_target(
    console: &Console,
    args: &BenchArgs,
    name: &str,
    password: Option<String>,
) -> Result<Target, (u8, String)> {
    let p = match console.profile(name).await {
        Ok(Some(p)) => p,
        Ok(None) => return Err((EXIT_USAGE, CoreError::UnknownProfile(name.into()).to_string())),
        Err(e) => return Err((EXIT_FAILURE, e.to_string())),
    };
    let kind = match p.bind_type.as_str() {
        // A TX+RX pair submits on its transmitter; the benchmark opens only that.
        "TX" | "TX+RX" => BindKind::Transmitter,
        "TRX" => BindKind::Transceiver,
        other => {
            return Err((
                EXIT_USAGE,
                format!(
                    "profile {name:?} binds as {other}, which cannot submit: change it with `smppctl profile edit {name:?} --bind trx`"
                ),
            ));
        }
    };
    let password = match password {
        Some(pw) => pw,
        None => console.profile_password(name).await.map_err(|e| (EXIT_FAILURE, e.to_string()))?,
    };
    let mut config = SessionConfig::new(kind, &p.system_id, &password);
    config.bind.system_type = p.system_type.clone();
    config.bind.interface_version = u8::try_from(p.interface_version).unwrap_or(config.bind.interface_version);
    config.bind.address_range = p.address_range.clone();
    config.response_timeout = p.settings.response_timeout();
    config.enquire_link_interval = p.settings.enquire_link_interval();
    Ok(Target {
        host: p.host.clone(),
        port: u16::try_from(p.port).unwrap_or(0),
        tls: p.tls,
        transport: p.transport(),
        config,
        window: args.window.unwrap_or_else(|| usize::try_from(p.settings.window_size).unwrap_or(10)),
        binds: args.binds.unwrap_or_else(|| usize::try_from(p.bind_count).unwrap_or(1)),
        rate: args.rate.or(p.settings.rate_limit.map(f64::from)),
    })
}

pub async fn run(args: BenchArgs, data_dir: Option<PathBuf>) -> u8 {
    if args.count == 0 || args.window == Some(0) || args.binds == Some(0) {
        eprintln!("error: --count, --window and --binds must be at least 1");
        return EXIT_USAGE;
    }
    if args.rate.is_some_and(|r| !(r.is_finite() && r > 0.0)) {
        eprintln!("error: --rate must be a positive number of segments per second");
        return EXIT_USAGE;
    }
    let target = match target(&args, data_dir).await {
        Ok(t) => t,
        Err((code, message)) => {
            if args.json {
                let kind = if code == EXIT_USAGE { "usage" } else { "profile" };
                println!("{}", serde_json::json!({ "error": { "code": kind, "message": message } }));
            } else {
                eprintln!("error: {message}");
            }
            return code;
        }
    };
    let addr = format!("{}:{}", target.host, target.port);

    // Bind everything first: the clock starts when all binds are up.
    let mut clients = Vec::with_capacity(target.binds);
    for _ in 0..target.binds {
        let mut config = target.config.clone();
        config.window = target.window;
        // Nothing is logged here: the session need not copy every PDU into an event.
        config.frame_events = false;
        match Client::connect_via(&addr, &target.transport, config).await {
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
    let bucket = target.rate.map(|r| Arc::new(Mutex::new(TokenBucket::new(r, Instant::now()))));
    let (tx, mut rx) = mpsc::unbounded_channel();
    let started = Instant::now();
    // One worker per window slot, each submitting and awaiting its response in turn (as
    // smpp34's own perf client does): the window stays full, with no task per message.
    for client in &clients {
        for _ in 0..target.window {
            tokio::spawn(produce(
                client.clone(),
                message.clone(),
                next.clone(),
                args.count,
                bucket.clone(),
                tx.clone(),
            ));
        }
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
    let report = stats.report(&args, &target, elapsed);
    if args.json {
        println!("{report}");
    } else {
        print_text(&args, &report);
    }
    let all_ok = report["statuses"]["ESME_ROK"].as_u64() == Some(args.count);
    if all_ok { 0 } else { EXIT_FAILURE }
}

/// Takes message numbers until `count` is reached and submits them through one bind, one at a
/// time: submit, then wait for its response.
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
        let outcome = match pending.response().await {
            Ok(r) => Outcome::Resp { latency: written.elapsed(), command_status: r.command_status },
            Err(e) => Outcome::Failed(failure_name(&e)),
        };
        let _ = outcomes.send(outcome);
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

    fn report(mut self, args: &BenchArgs, ep: &Target, elapsed: Duration) -> serde_json::Value {
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
            "binds": ep.binds,
            "window": ep.window,
            "rate": ep.rate,
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
    let rate = r["rate"].as_f64().map_or_else(|| "unlimited".to_string(), |r| format!("{r} segments/s"));
    println!(
        "{} submit_sm over {} bind(s) to {}:{}{}, window {}, rate {rate}",
        args.count,
        r["binds"],
        r["host"].as_str().unwrap_or_default(),
        r["port"],
        if r["tls"].as_bool() == Some(true) { " (TLS)" } else { "" },
        r["window"]
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
