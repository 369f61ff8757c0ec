//! `smppctl send --repeat N`: the same message N times over one bind, `--parallel` at a time,
//! with progress on stderr. Each copy is logged like a single send, so a bulk run that is
//! interrupted (even killed) leaves every copy in a recorded state.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use console_core::Console;
use console_core::model::{MessageState, SendRequest};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::EXIT_FAILURE;

/// Sends `request` `count` times through `profile`; exit 0 when every copy was accepted.
pub async fn send_repeated(
    console: &Console,
    profile: &str,
    request: &SendRequest,
    count: u32,
    parallel: u32,
    json: bool,
) -> u8 {
    let started = Instant::now();
    let permits = Arc::new(Semaphore::new(parallel.max(1) as usize));
    let mut tasks = JoinSet::new();
    for _ in 0..count {
        let Ok(permit) = permits.clone().acquire_owned().await else { break };
        let (console, profile, request) = (console.clone(), profile.to_owned(), request.clone());
        tasks.spawn(async move {
            let outcome = console.send(Some(&profile), &request).await;
            drop(permit);
            match outcome {
                Ok(o) => o.message.state.as_str().to_owned(),
                Err(e) => e.code(),
            }
        });
    }
    let mut states: BTreeMap<String, u32> = BTreeMap::new();
    let mut done = 0u32;
    let step = (count / 10).max(1);
    while let Some(joined) = tasks.join_next().await {
        let state = joined.unwrap_or_else(|e| format!("task_failed: {e}"));
        *states.entry(state).or_default() += 1;
        done += 1;
        if done.is_multiple_of(step) || done == count {
            let accepted = accepted_count(&states);
            eprintln!("progress: {done}/{count} answered, {accepted} accepted");
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let accepted = accepted_count(&states);
    let per_s = if elapsed > 0.0 { f64::from(done) / elapsed } else { 0.0 };
    if json {
        println!(
            "{}",
            serde_json::json!({
                "count": count,
                "accepted": accepted,
                "states": states,
                "elapsed_s": (elapsed * 1000.0).round() / 1000.0,
                "messages_per_s": (per_s * 10.0).round() / 10.0,
            })
        );
    } else {
        println!("{done} sent in {elapsed:.3} s ({per_s:.1} messages/s); {accepted} accepted");
        for (state, n) in &states {
            println!("  {state}: {n}");
        }
    }
    if accepted == count { 0 } else { EXIT_FAILURE }
}

/// Copies the SMSC accepted: Accepted, or already further on (a receipt can arrive before the
/// send that waited for the submit_sm_resp returns, on a fast SMSC).
fn accepted_count(states: &BTreeMap<String, u32>) -> u32 {
    states
        .iter()
        .filter(|(s, _)| MessageState::parse(s).is_some_and(|s| s == MessageState::Accepted || s.is_receipt()))
        .map(|(_, n)| n)
        .sum()
}
