//! `smppctl send`: bind, submit one message, optionally wait for its receipt.

use std::path::PathBuf;
use std::time::Duration;

use console_core::model::{ApiError, ConsoleEvent, MessageState, MessageView, SendRequest};
use console_core::{Console, CoreError, Reconnect, resolve_data_dir};
use tokio::sync::broadcast::error::RecvError;

use crate::endpoint::EndpointArgs;
use crate::{EXIT_FAILURE, EXIT_USAGE};

#[derive(Debug, clap::Args)]
pub struct SendArgs {
    #[command(flatten)]
    endpoint: EndpointArgs,
    /// Destination number, e.g. +447700900123.
    #[arg(long)]
    to: String,
    /// Message text; the encoding (GSM7 or UCS2) and the parts are chosen automatically.
    #[arg(long)]
    text: String,
    /// Sender: a number or an alphanumeric sender ID of at most 11 characters.
    #[arg(long, default_value = "SMPPConsole")]
    from: String,
    /// Request a delivery receipt.
    #[arg(long)]
    dlr: bool,
    /// Wait up to this many seconds for the final delivery receipt (implies --dlr).
    #[arg(long, value_name = "SECONDS")]
    wait_dlr: Option<u64>,
    /// Print one JSON object (the logged message) instead of text.
    #[arg(long)]
    json: bool,
    /// Bulk: send the message this many times (progress on stderr; a summary at the end).
    #[arg(long, value_name = "N", conflicts_with = "wait_dlr", value_parser = clap::value_parser!(u32).range(1..))]
    repeat: Option<u32>,
    /// With --repeat: how many copies may await their submit_sm_resp at once.
    #[arg(long, value_name = "N", default_value_t = 10, requires = "repeat", value_parser = clap::value_parser!(u32).range(1..=1000))]
    parallel: u32,
}

pub async fn run(args: SendArgs, data_dir: Option<PathBuf>) -> u8 {
    let Ok(password) = std::env::var("SMPP_PASSWORD") else {
        eprintln!("error: set the bind password in the SMPP_PASSWORD environment variable");
        return EXIT_USAGE;
    };
    let Some(dir) = resolve_data_dir(data_dir) else {
        eprintln!("error: no data directory: pass --data-dir DIR or set SMPP_CONSOLE_DATA_DIR");
        return EXIT_USAGE;
    };
    let console = match Console::open(&dir).await {
        Ok(c) => c,
        Err(e) => return report_error(&args, &e.into()),
    };
    let code = send(&console, &args, password).await;
    console.shutdown().await;
    code
}

async fn send(console: &Console, args: &SendArgs, password: String) -> u8 {
    let ep = match args.endpoint.resolve() {
        Ok(ep) => ep,
        Err(message) => {
            report_error(args, &ApiError { code: "usage".into(), message });
            return EXIT_USAGE;
        }
    };
    let profile =
        match console.adhoc_profile_with_preset(&ep.preset.id, &ep.host, ep.port, &args.endpoint.system_id).await {
            Ok(p) => p,
            Err(e) => return report_error(args, &e.into()),
        };
    let profile_name = profile.name.clone();
    if args.endpoint.preset.is_some() {
        // The preset's timers apply to this bind (and to this ad-hoc profile from now on).
        if let Err(e) = console.set_bind_settings(&profile_name, &ep.preset.bind_settings()).await {
            return report_error(args, &e.into());
        }
    }
    let profile = match console.profile(&profile_name).await {
        Ok(Some(p)) => p,
        Ok(None) => return report_error(args, &CoreError::UnknownProfile(profile_name).into()),
        Err(e) => return report_error(args, &e.into()),
    };
    if let Err(e) = console.bind_via(profile, password, Reconnect::Never, ep.transport).await {
        return report_error(args, &e.into());
    }
    // Subscribe before sending so a fast receipt is not missed.
    let mut events = console.subscribe();
    let request = SendRequest {
        from: args.from.clone(),
        to: args.to.clone(),
        text: args.text.clone(),
        request_dlr: args.dlr || args.wait_dlr.is_some(),
    };
    if let Some(count) = args.repeat {
        return crate::bulk::send_repeated(console, &profile_name, &request, count, args.parallel, args.json).await;
    }
    let message = match console.send(Some(&profile_name), &request).await {
        Ok(o) => o.message,
        Err(e @ CoreError::Validation { .. }) => {
            report_error(args, &e.into());
            return EXIT_USAGE;
        }
        Err(e) => return report_error(args, &e.into()),
    };
    if message.state != MessageState::Accepted {
        return report_message(args, &message);
    }
    if !args.json {
        println!("message_id: {}", message.smsc_message_id.as_deref().unwrap_or(""));
        println!("logged as: {}", message.id);
    }
    let Some(secs) = args.wait_dlr else {
        if args.json {
            print_json(&message);
        }
        return 0;
    };
    match wait_for_receipt(console, &mut events, &message.id, Duration::from_secs(secs)).await {
        Some(m) => report_message(args, &m),
        None => {
            let err = ApiError {
                code: "receipt_timeout".into(),
                message: format!(
                    "No delivery receipt within {secs} s. The message is logged as {}; the receipt may still come later.",
                    message.id
                ),
            };
            report_error(args, &err)
        }
    }
}

/// Waits for the message to reach a state a receipt decides (not Accepted or Enroute).
async fn wait_for_receipt(
    console: &Console,
    events: &mut tokio::sync::broadcast::Receiver<ConsoleEvent>,
    id: &str,
    limit: Duration,
) -> Option<MessageView> {
    let done = |m: &MessageView| {
        m.receipt_stat.is_some() && m.state != MessageState::Enroute && m.state != MessageState::Accepted
    };
    let deadline = tokio::time::Instant::now() + limit;
    // The receipt may have been logged between the send and the subscription.
    if let Ok(Some(m)) = console.get_message(id).await
        && done(&m)
    {
        return Some(m);
    }
    loop {
        match tokio::time::timeout_at(deadline, events.recv()).await {
            Err(_) => return None,
            Ok(Ok(ConsoleEvent::Message { message })) if message.id == id && done(&message) => return Some(message),
            Ok(Ok(_)) => {}
            Ok(Err(RecvError::Lagged(_))) => {
                if let Ok(Some(m)) = console.get_message(id).await
                    && done(&m)
                {
                    return Some(m);
                }
            }
            Ok(Err(RecvError::Closed)) => return None,
        }
    }
}

fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("error: cannot print JSON: {e}"),
    }
}

/// Prints the final state; exit 0 only for a message accepted (and delivered, if waited for).
fn report_message(args: &SendArgs, m: &MessageView) -> u8 {
    let ok = match m.state {
        MessageState::Delivered => true,
        MessageState::Accepted => args.wait_dlr.is_none(),
        _ => false,
    };
    if args.json {
        print_json(m);
    } else {
        if let Some(stat) = &m.receipt_stat {
            println!("receipt: {stat} err:{} ({})", m.receipt_err.as_deref().unwrap_or("-"), m.state.as_str());
        }
        if let Some(e) = &m.error {
            eprintln!("error: {}: {}", e.code, e.message);
        } else if !ok {
            eprintln!("error: message ended as {}", m.state.as_str());
        }
    }
    if ok { 0 } else { EXIT_FAILURE }
}

fn report_error(args: &SendArgs, e: &ApiError) -> u8 {
    if args.json {
        print_json(&serde_json::json!({ "error": e }));
    } else {
        eprintln!("error: {}: {}", e.code, e.message);
    }
    if e.code == "validation" { EXIT_USAGE } else { EXIT_FAILURE }
}
