//! `smppctl send`: bind, submit one message, optionally wait for its receipt.

use std::path::PathBuf;
use std::time::Duration;

use console_core::model::{ApiError, ConsoleEvent, MessageState, MessageView, SendRequest};
use console_core::{Console, CoreError, Reconnect, resolve_data_dir};
use tokio::sync::broadcast::error::RecvError;

use crate::endpoint::EndpointArgs;
use crate::{EXIT_FAILURE, EXIT_USAGE};

/// The sender when neither --from nor the profile gives one.
const DEFAULT_FROM: &str = "SMPPConsole";

#[derive(Debug, clap::Args)]
#[command(after_help = "Password: with --profile NAME, the one stored in the OS keyring by `smppctl creds set NAME` \
(the previous one too, within a rotation window). SMPP_PASSWORD, when set, overrides it; without --profile \
SMPP_PASSWORD is required.")]
pub struct SendArgs {
    #[command(flatten)]
    endpoint: EndpointArgs,
    /// Destination number, e.g. +447700900123.
    #[arg(long)]
    to: String,
    /// Message text; the encoding (GSM7 or UCS2) and the parts are chosen automatically.
    #[arg(long)]
    text: String,
    /// Sender: a number or an alphanumeric sender ID of at most 11 characters (default: the
    /// profile's sender with --profile, else SMPPConsole).
    #[arg(long)]
    from: Option<String>,
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
    // With --profile the password comes from the keyring; SMPP_PASSWORD still overrides it.
    let password = std::env::var("SMPP_PASSWORD").ok();
    if password.is_none() && args.endpoint.profile.is_none() {
        eprintln!(
            "error: set the bind password in the SMPP_PASSWORD environment variable, or use --profile NAME with a password stored by `smppctl creds set NAME`"
        );
        return EXIT_USAGE;
    }
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

/// Binds the ad-hoc profile the endpoint flags describe; its name and default sender.
async fn bind_adhoc(console: &Console, args: &SendArgs, password: String) -> Result<(String, String), u8> {
    let ep = match args.endpoint.resolve() {
        Ok(ep) => ep,
        Err(message) => {
            report_error(args, &ApiError { code: "usage".into(), message });
            return Err(EXIT_USAGE);
        }
    };
    let profile = console
        .adhoc_profile_with_preset(&ep.preset.id, &ep.host, ep.port, &ep.system_id)
        .await
        .map_err(|e| report_error(args, &e.into()))?;
    let profile_name = profile.name.clone();
    if args.endpoint.preset.is_some() {
        // The preset's timers apply to this bind (and to this ad-hoc profile from now on).
        if let Err(e) = console.set_bind_settings(&profile_name, &ep.preset.bind_settings()).await {
            return Err(report_error(args, &e.into()));
        }
    }
    let profile = match console.profile(&profile_name).await {
        Ok(Some(p)) => p,
        Ok(None) => return Err(report_error(args, &CoreError::UnknownProfile(profile_name).into())),
        Err(e) => return Err(report_error(args, &e.into())),
    };
    if let Err(e) = console.bind_via(profile, password, Reconnect::Never, ep.transport).await {
        return Err(report_error(args, &e.into()));
    }
    Ok((profile_name, DEFAULT_FROM.into()))
}

/// Binds stored profile `name` over its own transport: with `password` when SMPP_PASSWORD
/// overrides the keyring, else with the keyring's (the previous one within a rotation window
/// if the SMSC refuses the current one, which is then said on stderr).
async fn bind_profile(
    console: &Console,
    args: &SendArgs,
    name: &str,
    password: Option<String>,
) -> Result<(String, String), u8> {
    let profile = match console.profile(name).await {
        Ok(Some(p)) => p,
        Ok(None) => return Err(report_error(args, &CoreError::UnknownProfile(name.into()).into())),
        Err(e) => return Err(report_error(args, &e.into())),
    };
    let from = if profile.source_addr.is_empty() { DEFAULT_FROM.to_string() } else { profile.source_addr.clone() };
    let overridden = password.is_some();
    let bound = match password {
        Some(pw) => {
            let transport = profile.transport();
            console.bind_via(profile, pw, Reconnect::Never, transport).await.map(|()| false)
        }
        None => console.connect_profile_with(name, Reconnect::Never).await,
    };
    match bound {
        Ok(false) => {}
        Ok(true) => {
            let notice = console
                .list_binds()
                .into_iter()
                .find(|b| b.profile_name == name)
                .and_then(|b| b.notice)
                .unwrap_or_else(|| {
                    "Bound with the PREVIOUS password: the SMSC refused the new one (ESME_RINVPASWD).".into()
                });
            eprintln!("warning: {notice}");
        }
        Err(e) => {
            let api: ApiError = e.into();
            let code = report_error(args, &api);
            if !args.json && api.code == "ESME_RINVPASWD" {
                if overridden {
                    eprintln!(
                        "hint: the password came from SMPP_PASSWORD, which overrides the keyring: unset it to bind with the stored one"
                    );
                } else {
                    eprintln!("hint: store the right password with `smppctl creds set {name:?}`");
                }
            }
            return Err(code);
        }
    }
    Ok((name.to_string(), from))
}

async fn send(console: &Console, args: &SendArgs, password: Option<String>) -> u8 {
    let bound = match (&args.endpoint.profile, password) {
        (Some(name), password) => bind_profile(console, args, name, password).await,
        (None, Some(password)) => bind_adhoc(console, args, password).await,
        (None, None) => Err(EXIT_USAGE),
    };
    let (profile_name, default_from) = match bound {
        Ok(b) => b,
        Err(code) => return code,
    };
    // Subscribe before sending so a fast receipt is not missed.
    let mut events = console.subscribe();
    let request = SendRequest {
        from: args.from.clone().unwrap_or(default_from),
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
    if matches!(e.code.as_str(), "validation" | "usage" | "unknown_profile") { EXIT_USAGE } else { EXIT_FAILURE }
}
