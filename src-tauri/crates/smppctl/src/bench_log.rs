//! `smppctl bench-log`: how the message log scales. Fills a fresh database with N synthetic
//! messages (parts, PDUs, receipts) through console-core's log writer, as live traffic is, then times
//! traces by SMSC id, by number and by text, and what the PDU log alone sustains (batching
//! writer against one autocommit insert per PDU). Results go in docs/log-benchmarks.md.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use console_core::db;
use console_core::log_bench::{self, FillStats};
use console_core::model::{ConsoleEvent, TraceFilters};
use console_core::trace;

use crate::{EXIT_FAILURE, EXIT_USAGE};

#[derive(Debug, clap::Args)]
pub struct BenchLogArgs {
    /// Messages to write.
    #[arg(long, default_value_t = 100_000)]
    count: u64,
    /// Messages under way at once while filling: each is committed before its parts are
    /// "written" (as a send does), so this sets how many messages one commit can carry.
    #[arg(long, default_value_t = log_bench::FILL_WINDOW)]
    window: u64,
    /// Traces timed per kind of query.
    #[arg(long, default_value_t = 200)]
    samples: u64,
    /// Where to create the database (must not hold one yet); default: a temporary directory,
    /// removed afterwards.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Print one JSON object.
    #[arg(long)]
    json: bool,
    /// Only time the traces, on the log an earlier run kept in --dir (filled with the same
    /// --count): a million-message log takes minutes to fill.
    #[arg(long, requires = "dir")]
    traces_only: bool,
    /// Fill with a subscriber to the log's change events, as when the desktop app's window is
    /// open: the writer then publishes every message a batch changed.
    #[arg(long)]
    listen: bool,
}

/// PDUs written alone through the batching writer, and one autocommit insert each.
const PDUS_BATCHED: u64 = 200_000;
const PDUS_DIRECT: u64 = 20_000;

/// The query of one kind for message `i`.
type QueryOf = Box<dyn Fn(u64) -> String>;

#[derive(Debug, serde::Serialize)]
struct Latency {
    query: &'static str,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

pub async fn run(args: BenchLogArgs) -> u8 {
    if args.count == 0 || args.samples == 0 || args.window == 0 {
        eprintln!("error: --count, --samples and --window must be at least 1");
        return EXIT_USAGE;
    }
    let (dir, temporary) = match &args.dir {
        Some(d) => (d.clone(), false),
        None => (std::env::temp_dir().join(format!("smppctl-bench-log-{}", std::process::id())), true),
    };
    let path = dir.join(db::DATABASE_FILE);
    if args.traces_only && !path.exists() {
        eprintln!("error: {} does not exist; --traces-only needs a log an earlier run kept", path.display());
        return EXIT_USAGE;
    }
    if !args.traces_only && path.exists() {
        eprintln!("error: {} already exists; bench-log needs a fresh database (or --traces-only)", path.display());
        return EXIT_USAGE;
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return EXIT_FAILURE;
    }
    let code = bench(&args, &path).await;
    if temporary {
        let _ = std::fs::remove_dir_all(&dir);
    }
    code
}

async fn bench(args: &BenchLogArgs, path: &std::path::Path) -> u8 {
    let pool = match db::open(path).await {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let listener = Arc::new(AtomicU64::new(0));
    let events = args.listen.then(|| listen(listener.clone()));
    let log = match db::log_writer::LogWriter::open(path, events) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FAILURE;
        }
    };
    let started = Instant::now();
    let cpu_before = crate::cpu_time::process_cpu();
    let mut stats = FillStats::default();
    let step = (args.count / 10).max(1);
    let mut from = if args.traces_only { args.count } else { 0 };
    while from < args.count {
        let to = (from + step).min(args.count);
        match log_bench::fill_log_window(&pool, &log, from, to, args.window).await {
            Ok(s) => {
                stats.messages += s.messages;
                stats.segments += s.segments;
                stats.pdus += s.pdus;
                stats.receipts += s.receipts;
            }
            Err(e) => {
                eprintln!("error: filling the log failed: {e}");
                return EXIT_FAILURE;
            }
        }
        if !args.json {
            eprintln!("  wrote {to} messages ({:.0} s)", started.elapsed().as_secs_f64());
        }
        from = to;
    }
    let ingest = started.elapsed();
    let fill_cpu = cpu_before.zip(crate::cpu_time::process_cpu()).map(|(a, b)| b.saturating_sub(a).as_secs_f64());
    // Every event was sent before the fill's last flush returned; the listener may still be
    // taking the last ones off the channel.
    tokio::task::yield_now().await;
    let published = listener.load(Ordering::Relaxed);
    if let Err(e) = log_bench::checkpoint(&pool).await {
        eprintln!("warning: cannot checkpoint the WAL, the size includes it: {e}");
    }
    let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);

    // Queries spread over the whole log, same sample for every kind (deterministic stride).
    let picks: Vec<u64> = (0..args.samples)
        .map(|k| (k * 7919 + 13) % args.count)
        .map(|i| (i..i + 20).find(|&j| log_bench::is_accepted_mt(j) && j < args.count).unwrap_or(1))
        .collect();
    let filters = TraceFilters { limit: Some(20), ..Default::default() };
    let kinds: [(&'static str, QueryOf); 4] = [
        ("smsc id (decimal form of a hex id)", Box::new(|i| decimal(&log_bench::smsc_id_of(i, 1)))),
        ("number (+E.164)", Box::new(|i| format!("+{}", log_bench::number_of(i)))),
        ("text, unique token (full scan)", Box::new(log_bench::token_of)),
        ("text, common word (first 20)", Box::new(|_| "parcel".to_string())),
    ];
    let mut latencies = Vec::new();
    for (name, make) in &kinds {
        let mut times = Vec::with_capacity(picks.len());
        for &i in &picks {
            let q = make(i);
            let t = Instant::now();
            match trace::trace(&pool, &q, &filters).await {
                Ok(r) if !r.messages.is_empty() => times.push(t.elapsed()),
                Ok(_) => {
                    eprintln!("error: {name}: {q:?} matched nothing");
                    return EXIT_FAILURE;
                }
                Err(e) => {
                    eprintln!("error: {name}: {e}");
                    return EXIT_FAILURE;
                }
            }
        }
        latencies.push(percentiles(name, &mut times));
    }

    // The PDU log alone (after the size and the traces, which these rows would change).
    let mut pdu_rates = [0.0, 0.0];
    for (k, (batched, n)) in [(true, PDUS_BATCHED), (false, PDUS_DIRECT)].into_iter().enumerate() {
        if args.traces_only {
            break; // the kept log stays as it was
        }
        let t = Instant::now();
        if let Err(e) = log_bench::fill_pdus(&pool, &log, n, batched).await {
            eprintln!("error: writing PDUs alone failed: {e}");
            return EXIT_FAILURE;
        }
        pdu_rates[k] = n as f64 / t.elapsed().as_secs_f64();
    }
    pool.close().await;

    let secs = ingest.as_secs_f64();
    let report = serde_json::json!({
        "messages": stats.messages,
        "segments": stats.segments,
        "pdus": stats.pdus,
        "receipts": stats.receipts,
        "window": args.window,
        "listening": args.listen,
        "events_published": published,
        "ingest_seconds": secs,
        "ingest_messages_per_second": stats.messages as f64 / secs,
        "ingest_cpu_seconds": fill_cpu,
        "ingest_cpu_us_per_message": fill_cpu.map(|c| c * 1e6 / stats.messages as f64),
        "database_bytes": bytes,
        "bytes_per_message": bytes as f64 / stats.messages as f64,
        "pdus_alone_per_second_batched": pdu_rates[0],
        "pdus_alone_per_second_autocommit": pdu_rates[1],
        "samples": args.samples,
        "trace": latencies,
    });
    if args.json {
        println!("{report}");
    } else {
        if args.traces_only {
            println!("traces on the kept log of {} messages ({:.1} MB)", args.count, bytes as f64 / 1e6);
        }
        for l in &latencies {
            println!(
                "trace by {:<36} p50 {:>8.2} ms  p99 {:>8.2} ms  max {:>8.2} ms",
                l.query, l.p50_ms, l.p99_ms, l.max_ms
            );
        }
        if args.traces_only {
            return 0;
        }
        println!(
            "wrote {} messages ({} parts, {} PDUs, {} receipts), {} under way at once, in {secs:.1} s: {:.0} messages/s",
            stats.messages,
            stats.segments,
            stats.pdus,
            stats.receipts,
            args.window,
            stats.messages as f64 / secs
        );
        if let Some(cpu) = fill_cpu {
            println!(
                "  CPU used meanwhile (every thread): {cpu:.1} s, {:.1} µs per message",
                cpu * 1e6 / stats.messages as f64
            );
        }
        if args.listen {
            println!("with a listener: {published} change events published during the fill");
        }
        println!(
            "database {:.1} MB: {:.0} bytes per message (all tables and indexes)",
            bytes as f64 / 1e6,
            bytes as f64 / stats.messages as f64
        );
        println!(
            "PDU log alone: {:.0} PDUs/s through the writer ({PDUS_BATCHED}), {:.0} PDUs/s one autocommit insert each ({PDUS_DIRECT})",
            pdu_rates[0], pdu_rates[1]
        );
    }
    0
}

/// A subscriber that takes every event off the channel, as the window's forwarder does, and
/// counts them in `count`; it ends when the writer (the only sender) is gone.
fn listen(count: Arc<AtomicU64>) -> tokio::sync::broadcast::Sender<ConsoleEvent> {
    use tokio::sync::broadcast::error::RecvError;
    let (tx, mut rx) = tokio::sync::broadcast::channel(4096);
    tokio::spawn(async move {
        loop {
            match rx.recv().await {
                Ok(_) => count.fetch_add(1, Ordering::Relaxed),
                Err(RecvError::Lagged(k)) => count.fetch_add(k, Ordering::Relaxed),
                Err(RecvError::Closed) => return,
            };
        }
    });
    tx
}

fn decimal(hex: &str) -> String {
    u128::from_str_radix(hex, 16).map(|v| v.to_string()).unwrap_or_default()
}

fn percentiles(query: &'static str, times: &mut [Duration]) -> Latency {
    times.sort();
    let at = |q: f64| {
        let idx = ((times.len() as f64 - 1.0) * q).round() as usize;
        times.get(idx).map_or(0.0, |d| d.as_secs_f64() * 1e3)
    };
    Latency { query, p50_ms: at(0.5), p99_ms: at(0.99), max_ms: at(1.0) }
}
