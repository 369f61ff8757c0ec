//! `smppctl profile list|show|add|edit|remove|import|export`: the provider profiles the app's
//! Profiles page manages, from the command line. No password is read or written here (see
//! `creds_cmd`); exports hold none either.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use console_core::model::ApiError;
use console_core::{Console, CredentialStatus, HostPort, ProfileInput, ProfileView, presets};

use crate::endpoint::TlsArgs;
use crate::output::{open_console, print_json, report, report_api, usage};

#[derive(Debug, Args)]
pub struct ProfileArgs {
    #[command(subcommand)]
    command: ProfileCommand,
}

#[derive(Debug, Subcommand)]
enum ProfileCommand {
    /// Every profile: name, preset, endpoint, system_id, whether a password is stored, messages.
    List {
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// One profile's settings and its password's status (never the password).
    Show {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Store a new profile. A preset fills the defaults; flags given explicitly win. Set its
    /// password afterwards with `smppctl creds set NAME`.
    Add {
        name: String,
        #[command(flatten)]
        fields: ProfileFields,
        #[arg(long)]
        json: bool,
    },
    /// Change a stored profile: only the flags given change. `--preset` changes only which
    /// provider the profile is for, not its other settings.
    Edit {
        name: String,
        /// Give the profile a new name (its password and logged messages follow it).
        #[arg(long, value_name = "NEW")]
        rename: Option<String>,
        #[command(flatten)]
        fields: ProfileFields,
        /// Remove the rate limit.
        #[arg(long, conflicts_with = "rate")]
        no_rate: bool,
        /// Remove every failover host.
        #[arg(long, conflicts_with = "failover")]
        no_failover: bool,
        #[arg(long)]
        json: bool,
    },
    /// Copy a profile under a new name (without its password: set one for the copy).
    Duplicate {
        name: String,
        new_name: String,
        #[arg(long)]
        json: bool,
    },
    /// Bind once with the stored password (the previous one if the SMSC refuses the new one
    /// during a rotation), unbind, and say how it went. Exit code 1 when the bind failed.
    Test {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Delete a profile and its passwords from the keyring. Messages logged through it stay.
    Remove {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Add the profiles of a file written by `profile export` (or the Profiles page). Nothing
    /// is stored if one of them is invalid or its name is taken. Passwords are not in exports:
    /// set them with `smppctl creds set`.
    Import {
        /// The JSON file; `-` reads stdin.
        file: PathBuf,
        /// Overwrite profiles with the same names (their passwords stay).
        #[arg(long)]
        replace: bool,
        #[arg(long)]
        json: bool,
    },
    /// Write profiles as JSON (no passwords): the ones named, or all but the built-in simulator.
    Export {
        names: Vec<String>,
        /// Write to this file instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// The editable fields as flags. For `add`, unset flags take the preset's defaults; for
/// `edit`, unset flags keep the stored value.
#[derive(Debug, Args)]
pub struct ProfileFields {
    /// Provider preset: generic, telesign or twilio.
    #[arg(long, value_name = "NAME")]
    preset: Option<String>,
    /// SMSC host name or address.
    #[arg(long)]
    host: Option<String>,
    /// SMSC port.
    #[arg(long)]
    port: Option<u16>,
    #[command(flatten)]
    tls: TlsArgs,
    /// Client certificate chain (PEM), for SMSCs that ask for one; needs --client-key.
    #[arg(long, value_name = "FILE")]
    client_cert: Option<PathBuf>,
    /// The client certificate's private key (PEM).
    #[arg(long, value_name = "FILE")]
    client_key: Option<PathBuf>,
    /// system_id to bind with (at most 15 characters).
    #[arg(long)]
    system_id: Option<String>,
    /// system_type sent in the bind (often empty).
    #[arg(long, value_name = "S")]
    system_type: Option<String>,
    /// Bind type: trx, tx, rx, or tx+rx (a transmitter and a receiver session per bind).
    #[arg(long, value_parser = ["trx", "tx", "rx", "tx+rx"], ignore_case = true)]
    bind: Option<String>,
    /// Binds to open (1-32, all with the same credentials).
    #[arg(long, value_name = "N")]
    binds: Option<u32>,
    /// Most submit_sm awaiting their response at once, per bind.
    #[arg(long, value_name = "W")]
    window: Option<u32>,
    /// Rate limit in segments per second.
    #[arg(long, value_name = "PER_SECOND")]
    rate: Option<u32>,
    /// SMPP interface version.
    #[arg(long, value_parser = ["3.4", "5.0"])]
    interface_version: Option<String>,
    /// address_range sent in the bind.
    #[arg(long, value_name = "RANGE")]
    address_range: Option<String>,
    /// Default sender (a number or an alphanumeric sender ID).
    #[arg(long, value_name = "A")]
    source_addr: Option<String>,
    /// Default data coding: auto, gsm7, ucs2, latin1 or ia5.
    #[arg(long)]
    encoding: Option<String>,
    /// How long messages are joined: udh8, udh16, sar or payload.
    #[arg(long)]
    concat: Option<String>,
    /// submit_sm_resp timeout in milliseconds.
    #[arg(long, value_name = "MS")]
    response_timeout_ms: Option<u32>,
    /// enquire_link interval in milliseconds.
    #[arg(long, value_name = "MS")]
    enquire_link_ms: Option<u32>,
    /// A further host tried in turn when the profile's own is unreachable (repeat in order).
    /// For `edit`, the list given replaces the stored one.
    #[arg(long, value_name = "HOST:PORT", value_parser = parse_host_port)]
    failover: Vec<HostPort>,
}

fn parse_host_port(s: &str) -> Result<HostPort, String> {
    let (host, port) =
        s.rsplit_once(':').ok_or_else(|| format!("{s:?} is not HOST:PORT (e.g. smpp2.example.com:2775)"))?;
    let port = port.parse::<u16>().map_err(|_| format!("{port:?} in {s:?} is not a port (1-65535)"))?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    Ok(HostPort { host: host.to_string(), port })
}

/// A file path as stored: absolute, so the profile works from any directory.
fn stored_path(p: &Path) -> Option<String> {
    if p.as_os_str().is_empty() {
        return None;
    }
    Some(std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()).display().to_string())
}

impl ProfileFields {
    /// Writes the flags given into `p`.
    fn apply(&self, p: &mut ProfileInput) {
        if let Some(v) = &self.preset {
            p.preset = v.clone();
        }
        if let Some(v) = &self.host {
            p.host = v.clone();
        }
        if let Some(v) = self.port {
            p.port = v;
        }
        if self.tls.tls {
            p.tls = true;
        }
        if self.tls.no_tls {
            p.tls = false;
        }
        if let Some(v) = &self.tls.ca {
            p.ca_file = stored_path(v);
        }
        if let Some(v) = &self.tls.server_name {
            p.server_name = Some(v.clone()).filter(|s| !s.is_empty());
        }
        if let Some(v) = &self.client_cert {
            p.client_cert_file = stored_path(v);
        }
        if let Some(v) = &self.client_key {
            p.client_key_file = stored_path(v);
        }
        if let Some(v) = &self.system_id {
            p.system_id = v.clone();
        }
        if let Some(v) = &self.system_type {
            p.system_type = v.clone();
        }
        if let Some(v) = &self.bind {
            p.bind_type = v.to_ascii_uppercase();
        }
        if let Some(v) = self.binds {
            p.bind_count = v;
        }
        if let Some(v) = self.window {
            p.settings.window_size = v;
        }
        if let Some(v) = self.rate {
            p.settings.rate_limit = Some(v);
        }
        if let Some(v) = &self.interface_version {
            p.interface_version = v.clone();
        }
        if let Some(v) = &self.address_range {
            p.address_range = v.clone();
        }
        if let Some(v) = &self.source_addr {
            p.source_addr = v.clone();
        }
        if let Some(v) = &self.encoding {
            p.default_encoding = v.clone();
        }
        if let Some(v) = &self.concat {
            p.concat_method = v.clone();
        }
        if let Some(v) = self.response_timeout_ms {
            p.settings.response_timeout_ms = v;
        }
        if let Some(v) = self.enquire_link_ms {
            p.settings.enquire_link_ms = v;
        }
        if !self.failover.is_empty() {
            p.failover_hosts = self.failover.clone();
        }
    }
}

pub async fn run(args: ProfileArgs, data_dir: Option<PathBuf>) -> u8 {
    let json = match &args.command {
        ProfileCommand::List { json }
        | ProfileCommand::Show { json, .. }
        | ProfileCommand::Add { json, .. }
        | ProfileCommand::Edit { json, .. }
        | ProfileCommand::Remove { json, .. }
        | ProfileCommand::Duplicate { json, .. }
        | ProfileCommand::Test { json, .. }
        | ProfileCommand::Import { json, .. } => *json,
        ProfileCommand::Export { .. } => false,
    };
    let console = match open_console(data_dir, json).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let code = dispatch(&console, args.command, json).await;
    console.shutdown().await;
    code
}

async fn dispatch(console: &Console, command: ProfileCommand, json: bool) -> u8 {
    match command {
        ProfileCommand::List { .. } => match console.list_profiles().await {
            Ok(list) if json => {
                print_json(&list);
                0
            }
            Ok(list) => {
                print_table(&list);
                0
            }
            Err(e) => report(json, &e),
        },
        ProfileCommand::Show { name, .. } => match console.profile_view(&name).await {
            Ok(v) if json => {
                print_json(&v);
                0
            }
            Ok(v) => {
                print_profile(&v);
                0
            }
            Err(e) => report(json, &e),
        },
        ProfileCommand::Add { name, fields, .. } => {
            let preset_id = fields.preset.as_deref().unwrap_or("generic");
            let Some(preset) = presets::preset(preset_id) else {
                return usage(json, format!("unknown preset {preset_id:?}: choose one of {}", presets::preset_ids()));
            };
            let mut input = ProfileInput::from_preset(&preset);
            input.name = name;
            fields.apply(&mut input);
            match console.create_profile(&input).await {
                Ok(v) => saved(json, "Added", &v),
                Err(e) => report(json, &e),
            }
        }
        ProfileCommand::Edit { name, rename, fields, no_rate, no_failover, .. } => {
            let current = match console.profile_view(&name).await {
                Ok(v) => v,
                Err(e) => return report(json, &e),
            };
            let mut input = current.profile;
            fields.apply(&mut input);
            if no_rate {
                input.settings.rate_limit = None;
            }
            if no_failover {
                input.failover_hosts.clear();
            }
            if let Some(new) = rename {
                input.name = new;
            }
            match console.update_profile(&name, &input).await {
                Ok(v) => saved(json, "Updated", &v),
                Err(e) => report(json, &e),
            }
        }
        ProfileCommand::Duplicate { name, new_name, .. } => match console.duplicate_profile(&name, &new_name).await {
            Ok(v) => saved(json, "Added", &v),
            Err(e) => report(json, &e),
        },
        ProfileCommand::Test { name, .. } => match console.test_connection(&name).await {
            Ok(t) => {
                if json {
                    print_json(&t);
                } else if t.ok {
                    println!("{}", t.summary);
                } else {
                    eprintln!("error: {}: {}", t.code.as_deref().unwrap_or("failed"), t.summary);
                }
                if t.ok { 0 } else { crate::EXIT_FAILURE }
            }
            Err(e) => report(json, &e),
        },
        ProfileCommand::Remove { name, .. } => match console.delete_profile(&name).await {
            Ok(kept) if json => {
                print_json(&serde_json::json!({ "removed": name, "messagesKept": kept }));
                0
            }
            Ok(kept) => {
                println!(
                    "Removed profile {name:?}; {kept} logged message{} stay{} in the log.",
                    if kept == 1 { "" } else { "s" },
                    if kept == 1 { "s" } else { "" }
                );
                0
            }
            Err(e) => report(json, &e),
        },
        ProfileCommand::Import { file, replace, .. } => {
            let text = if file.as_os_str() == "-" {
                std::io::read_to_string(std::io::stdin())
            } else {
                std::fs::read_to_string(&file)
            };
            let text = match text {
                Ok(t) => t,
                Err(e) => return usage(json, format!("cannot read {}: {e}", file.display())),
            };
            match console.import_profiles(&text, replace).await {
                Ok(names) if json => {
                    print_json(&serde_json::json!({ "imported": names }));
                    0
                }
                Ok(names) => {
                    println!("Imported {} profile(s): {}", names.len(), names.join(", "));
                    println!("Passwords are not in exports: set each with `smppctl creds set NAME`.");
                    0
                }
                Err(e) => report(json, &e),
            }
        }
        ProfileCommand::Export { names, output } => {
            let text = match console.export_profiles(&names).await {
                Ok(t) => t,
                Err(e) => return report(false, &e),
            };
            match output {
                None => {
                    println!("{text}");
                    0
                }
                Some(path) => match std::fs::write(&path, format!("{text}\n")) {
                    Ok(()) => {
                        eprintln!("Wrote the profiles to {} (no passwords in it).", path.display());
                        0
                    }
                    Err(e) => report_api(
                        false,
                        &ApiError {
                            code: "io".into(),
                            message: format!(
                                "cannot write {}: {e}. Check the directory exists and is writable.",
                                path.display()
                            ),
                        },
                    ),
                },
            }
        }
    }
}

fn saved(json: bool, verb: &str, v: &ProfileView) -> u8 {
    if json {
        print_json(v);
        return 0;
    }
    println!("{verb} profile {:?}.", v.profile.name);
    if !v.credential.password_set {
        println!("Set its password with: smppctl creds set {:?}", v.profile.name);
    }
    0
}

fn endpoint(p: &ProfileInput) -> String {
    format!("{}:{}{}", p.host, p.port, if p.tls { " (TLS)" } else { "" })
}

fn password_word(c: &CredentialStatus) -> &'static str {
    if c.password_set { "set" } else { "not set" }
}

fn print_table(list: &[ProfileView]) {
    let rows: Vec<[String; 6]> = list
        .iter()
        .map(|v| {
            let p = &v.profile;
            [
                p.name.clone(),
                p.preset.clone(),
                endpoint(p),
                p.system_id.clone(),
                password_word(&v.credential).to_string(),
                v.message_count.to_string(),
            ]
        })
        .collect();
    let header = ["NAME", "PRESET", "ENDPOINT", "SYSTEM_ID", "PASSWORD", "MESSAGES"].map(String::from);
    let mut widths = header.clone().map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let cells: Vec<String> = row.iter().zip(widths).map(|(c, w)| format!("{c:<w$}")).collect();
        println!("{}", cells.join("  ").trim_end());
    }
}

fn print_profile(v: &ProfileView) {
    let p = &v.profile;
    let s = &p.settings;
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "-".into());
    let failover: Vec<String> = p.failover_hosts.iter().map(|h| format!("{}:{}", h.host, h.port)).collect();
    let lines = [
        ("name", p.name.clone()),
        ("preset", p.preset.clone()),
        ("endpoint", endpoint(p)),
        ("failover", if failover.is_empty() { "-".into() } else { failover.join(", ") }),
        ("ca", opt(&p.ca_file)),
        ("server name", opt(&p.server_name)),
        ("client cert", opt(&p.client_cert_file)),
        ("client key", opt(&p.client_key_file)),
        ("system_id", p.system_id.clone()),
        ("system_type", p.system_type.clone()),
        ("bind", format!("{} x{}, SMPP {}", p.bind_type, p.bind_count, p.interface_version)),
        ("address_range", p.address_range.clone()),
        ("window", s.window_size.to_string()),
        ("rate", s.rate_limit.map_or_else(|| "no limit".into(), |r| format!("{r} segments/s"))),
        ("response timeout", format!("{} ms", s.response_timeout_ms)),
        ("enquire_link", format!("every {} ms", s.enquire_link_ms)),
        ("source_addr", p.source_addr.clone()),
        ("encoding", p.default_encoding.clone()),
        ("concatenation", p.concat_method.clone()),
        ("receipts", if p.request_receipt { "requested" } else { "not requested" }.into()),
        ("messages logged", v.message_count.to_string()),
        ("built in", if v.builtin { "yes" } else { "no" }.into()),
        ("updated", v.updated_at.clone()),
    ];
    for (k, val) in lines {
        println!("{k:<17} {val}");
    }
    print_credential(&v.credential);
}

/// The password's status in plain words (shared with `creds status`). Never the password.
pub fn print_credential(c: &CredentialStatus) {
    let set = match (&c.set_at, c.password_set) {
        (Some(at), true) => format!("set {at} ({})", c.store),
        (None, true) => format!("set ({})", c.store),
        _ => format!("not set ({})", c.store),
    };
    println!("{:<17} {set}", "password");
    if let Some(until) = &c.previous_valid_until {
        println!("{:<17} previous password still tried until {until}", "rotation");
    }
    if let Some(problem) = &c.problem {
        println!("{:<17} {problem}", "keyring problem");
    }
}
