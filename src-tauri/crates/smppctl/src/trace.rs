//! `smppctl trace` and `smppctl log list`: read the message log the app and `smppctl send`
//! write. Read-only: the log is opened directly, not through `Console::open`, whose recovery
//! of in-flight messages must not run while the app may be sending.

use std::path::PathBuf;

use console_core::db::{self, Db};
use console_core::model::{ApiError, MessageState, MessageView, TraceFilters, TraceResult};
use console_core::{CoreError, describe_event, resolve_data_dir, trace};

use crate::{EXIT_FAILURE, EXIT_USAGE};

#[derive(Debug, clap::Args)]
pub struct TraceArgs {
    /// Our message ID, an SMSC message_id (any form), a Twilio SID, a Telesign reference, a
    /// phone number, or some of the text.
    query: String,
    /// Print one JSON object (the whole trace) instead of text.
    #[arg(long, conflicts_with = "summary")]
    json: bool,
    /// Print the plain-text summary for a provider ticket (UTC times, IDs, masked PDU hex).
    #[arg(long)]
    summary: bool,
    /// Only messages of this profile.
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    /// At most this many messages (1-1000).
    #[arg(long, default_value_t = 20, value_name = "N")]
    limit: u32,
}

#[derive(Debug, clap::Args)]
pub struct LogArgs {
    #[command(subcommand)]
    command: LogCommand,
}

#[derive(Debug, clap::Subcommand)]
enum LogCommand {
    /// List logged messages, newest first.
    List(ListArgs),
    /// Remove old messages (with their parts and receipts) and PDUs, by age or size.
    Prune(crate::log_retention::PruneArgs),
    /// Rebuild the database file so pruned space goes back to the disk.
    Vacuum(crate::log_retention::VacuumArgs),
    /// Show or set how long the log keeps messages and how big it may grow.
    Retention(crate::log_retention::RetentionArgs),
}

#[derive(Debug, clap::Args)]
struct ListArgs {
    /// Only messages in this state (Queued, Submitted, Accepted, SubmitFailed, Failed,
    /// UnknownOutcome, Enroute, Delivered, Expired, Deleted, Undeliverable, Rejected,
    /// ReceiptUnknown, Received; case-insensitive).
    #[arg(long, value_name = "STATE")]
    state: Option<String>,
    /// MT (sent) or MO (received).
    #[arg(long, value_name = "MT|MO")]
    direction: Option<String>,
    /// Only messages to this number.
    #[arg(long, value_name = "NUMBER")]
    to: Option<String>,
    /// Only messages created at or after this RFC 3339 time.
    #[arg(long, value_name = "RFC3339", conflicts_with = "since_minutes")]
    since: Option<String>,
    /// Only messages created in the last N minutes.
    #[arg(long, value_name = "N")]
    since_minutes: Option<u32>,
    /// Only messages of this profile.
    #[arg(long, value_name = "NAME")]
    profile: Option<String>,
    /// At most this many messages (1-1000).
    #[arg(long, default_value_t = 50, value_name = "N")]
    limit: u32,
    /// Print one JSON object ({"messages": [...], "truncated": bool}).
    #[arg(long)]
    json: bool,
}

/// The log in the data directory, or an exit code (no directory: usage; no log yet: failure).
async fn open_log(data_dir: Option<PathBuf>, json: bool) -> Result<Db, u8> {
    let Some(dir) = resolve_data_dir(data_dir) else {
        let e = ApiError {
            code: "validation".into(),
            message: "no data directory: pass --data-dir DIR or set SMPP_CONSOLE_DATA_DIR".into(),
        };
        return Err(report(json, &e));
    };
    let path = dir.join(db::DATABASE_FILE);
    if !path.exists() {
        let e = ApiError {
            code: "no_log".into(),
            message: format!("there is no message log at {}: nothing has been sent or received yet", path.display()),
        };
        return Err(report(json, &e));
    }
    db::open(&path).await.map_err(|e| report(json, &e.into()))
}

pub async fn run_trace(args: TraceArgs, data_dir: Option<PathBuf>) -> u8 {
    let db = match open_log(data_dir, args.json).await {
        Ok(db) => db,
        Err(code) => return code,
    };
    let filters = TraceFilters { profile: args.profile.clone(), limit: Some(args.limit), ..Default::default() };
    let code = match trace::trace(&db, &args.query, &filters).await {
        Ok(r) => print_trace(&db, &args, &r).await,
        Err(e) => report(args.json, &e.into()),
    };
    db.close().await;
    code
}

async fn print_trace(db: &Db, args: &TraceArgs, r: &TraceResult) -> u8 {
    if args.json {
        print_json(r);
    } else if r.is_empty() {
        let tried: Vec<String> = r.tried.iter().map(|t| format!("{t:?}")).collect();
        eprintln!(
            "nothing matched {:?} (tried it as: {}){}",
            r.query,
            tried.join(", "),
            if args.profile.is_some() { " in that profile" } else { "" }
        );
    } else if args.summary {
        match trace::render_summary(db, r).await {
            Ok(text) => print!("{text}"),
            Err(e) => return report(false, &e.into()),
        }
    } else {
        print_human(r);
    }
    if r.is_empty() { EXIT_FAILURE } else { 0 }
}

fn print_human(r: &TraceResult) {
    let n = r.messages.len();
    println!(
        "{n} message{} matched {:?}{}",
        if n == 1 { "" } else { "s" },
        r.query,
        if r.truncated { " (more matched: raise --limit)" } else { "" }
    );
    for t in &r.messages {
        let m = &t.message;
        println!();
        println!("{} {} via {:?} ({}), matched by {:?}", m.direction, m.id, m.profile_name, t.preset, t.matched_by);
        println!("  {} -> {}: {:?}", m.source, m.destination, m.text);
        let mut state = format!("  state {}", m.state.as_str());
        if let Some(e) = &m.error {
            state.push_str(&format!(" ({}: {})", e.code, e.message));
        }
        println!("{state}");
        for s in &t.segments {
            println!(
                "  part {}/{}: SMSC message_id {}, {}, {} receipt(s)",
                s.part,
                m.parts,
                s.smsc_message_id.as_deref().unwrap_or("-"),
                s.state.as_str(),
                s.receipts
            );
        }
        for e in &t.timeline {
            println!("  {}  {}", e.at, describe_event(e));
        }
    }
    for o in &r.orphan_receipts {
        println!();
        println!(
            "receipt with no logged message ({:?}, received {}): stat {} err {} for {}",
            o.profile_name,
            o.received_at,
            o.receipt.stat.as_deref().unwrap_or("-"),
            o.receipt.err.as_deref().unwrap_or("-"),
            o.receipt.smsc_message_id
        );
    }
}

pub async fn run_log(args: LogArgs, data_dir: Option<PathBuf>) -> u8 {
    let args = match args.command {
        LogCommand::List(args) => args,
        LogCommand::Prune(args) => return crate::log_retention::prune(args, data_dir).await,
        LogCommand::Vacuum(args) => return crate::log_retention::vacuum(args, data_dir).await,
        LogCommand::Retention(args) => return crate::log_retention::retention(args, data_dir).await,
    };
    let state = match args.state.as_deref().map(parse_state).transpose() {
        Ok(s) => s,
        Err(e) => return report(args.json, &e.into()),
    };
    let since = match (args.since.clone(), args.since_minutes) {
        (Some(s), _) => Some(s),
        (None, Some(min)) => Some(minutes_ago(min)),
        (None, None) => None,
    };
    let filters = TraceFilters {
        profile: args.profile.clone(),
        direction: args.direction.clone(),
        state,
        to: args.to.clone(),
        since,
        limit: Some(args.limit),
        ..Default::default()
    };
    let db = match open_log(data_dir, args.json).await {
        Ok(db) => db,
        Err(code) => return code,
    };
    let code = match trace::list_messages_filtered(&db, &filters).await {
        Ok((messages, truncated)) => {
            if args.json {
                print_json(&serde_json::json!({ "messages": messages, "truncated": truncated }));
            } else {
                print_list(&messages, truncated);
            }
            0
        }
        Err(e) => report(args.json, &e.into()),
    };
    db.close().await;
    code
}

fn parse_state(s: &str) -> Result<MessageState, CoreError> {
    const ALL: [MessageState; 14] = [
        MessageState::Queued,
        MessageState::Submitted,
        MessageState::Accepted,
        MessageState::SubmitFailed,
        MessageState::Failed,
        MessageState::UnknownOutcome,
        MessageState::Enroute,
        MessageState::Delivered,
        MessageState::Expired,
        MessageState::Deleted,
        MessageState::Undeliverable,
        MessageState::Rejected,
        MessageState::ReceiptUnknown,
        MessageState::Received,
    ];
    ALL.into_iter().find(|st| st.as_str().eq_ignore_ascii_case(s.trim())).ok_or_else(|| {
        let names: Vec<&str> = ALL.iter().map(|st| st.as_str()).collect();
        CoreError::validation("state", format!("{s:?} is not a message state; use one of {}", names.join(", ")))
    })
}

/// RFC 3339 for `min` minutes before now (UTC).
fn minutes_ago(min: u32) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let secs = now.as_secs().saturating_sub(u64::from(min) * 60);
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, rem % 3600 / 60, rem % 60)
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn print_list(messages: &[MessageView], truncated: bool) {
    if messages.is_empty() {
        println!("no messages match");
        return;
    }
    for m in messages {
        let outcome = match (&m.error, &m.receipt_stat) {
            (Some(e), _) => e.code.clone(),
            (None, Some(stat)) => format!("{stat} err:{}", m.receipt_err.as_deref().unwrap_or("-")),
            (None, None) => String::new(),
        };
        let text: String = m.text.chars().take(30).collect();
        println!(
            "{}  {}  {}  {:<14} {:<16} {:<16} {:<20} {:?}",
            m.created_at,
            m.id,
            m.direction,
            m.state.as_str(),
            m.source,
            m.destination,
            outcome,
            text
        );
    }
    if truncated {
        println!("(more messages match: raise --limit or narrow the filters)");
    }
}

fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("error: cannot print JSON: {e}"),
    }
}

/// Prints an error; validation errors are usage errors (exit 2), the rest failures (exit 1).
fn report(json: bool, e: &ApiError) -> u8 {
    if json {
        print_json(&serde_json::json!({ "error": e }));
    } else {
        eprintln!("error: {}: {}", e.code, e.message);
    }
    if e.code == "validation" { EXIT_USAGE } else { EXIT_FAILURE }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_states() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_790), (2026, 12, 3));
        assert_eq!(parse_state("delivered").ok(), Some(MessageState::Delivered));
        assert!(parse_state("gone").unwrap_err().to_string().contains("UnknownOutcome"));
        assert!(minutes_ago(0).ends_with('Z'));
    }
}
