//! `smppctl creds set|delete|status`: a profile's password in the OS keyring. The password is
//! read from the terminal without echo (or one line from a pipe) and handed to the core; it is
//! never printed, logged or put into an error message.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;

use clap::{Args, Subcommand};
use console_core::{CredentialStatus, SetPassword};

use crate::EXIT_FAILURE;
use crate::output::{open_console, print_json, report, usage};
use crate::profile_cmd::print_credential;

#[derive(Debug, Args)]
pub struct CredsArgs {
    #[command(subcommand)]
    command: CredsCommand,
}

#[derive(Debug, Subcommand)]
enum CredsCommand {
    /// Store the profile's password in the OS keyring. Typed at a prompt without echo when
    /// stdin is a terminal; otherwise the first line of stdin (only its line break removed),
    /// e.g. `printf %s "$PW" | smppctl creds set Acme`.
    Set {
        profile: String,
        /// Keep the password being replaced for this many hours and bind with it if the SMSC
        /// still refuses the new one (ESME_RINVPASWD): a provider's rotation window.
        #[arg(long, value_name = "HOURS")]
        keep_previous: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// Remove the profile's passwords (current and previous) from the keyring.
    Delete {
        profile: String,
        #[arg(long)]
        json: bool,
    },
    /// Whether a password is stored, since when, and the rotation window; never the password.
    /// Exit 1 when the keyring could not be asked (the problem and its fix are printed).
    Status {
        profile: String,
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(args: CredsArgs, data_dir: Option<PathBuf>) -> u8 {
    let json = match &args.command {
        CredsCommand::Set { json, .. } | CredsCommand::Delete { json, .. } | CredsCommand::Status { json, .. } => *json,
    };
    let console = match open_console(data_dir, json).await {
        Ok(c) => c,
        Err(code) => return code,
    };
    let code = match args.command {
        CredsCommand::Set { profile, keep_previous, .. } => {
            // An unknown profile is reported before asking for a password.
            if let Err(e) = console.profile_view(&profile).await {
                console.shutdown().await;
                return report(json, &e);
            }
            match read_password(&profile) {
                Ok(password) => {
                    let req = SetPassword { password, keep_previous_hours: keep_previous };
                    match console.set_password(&profile, &req).await {
                        Ok(status) => {
                            done(json, &format!("Password stored in the OS keyring for {profile:?}."), &status)
                        }
                        Err(e) => report(json, &e),
                    }
                }
                Err(message) => usage(json, message),
            }
        }
        CredsCommand::Delete { profile, .. } => match console.delete_password(&profile).await {
            Ok(status) => done(json, &format!("Passwords of {profile:?} removed from the OS keyring."), &status),
            Err(e) => report(json, &e),
        },
        CredsCommand::Status { profile, .. } => match console.credential_status(&profile).await {
            Ok(status) => {
                if json {
                    print_json(&status);
                } else {
                    print_credential(&status);
                }
                if status.problem.is_some() { EXIT_FAILURE } else { 0 }
            }
            Err(e) => report(json, &e),
        },
    };
    console.shutdown().await;
    code
}

fn done(json: bool, text: &str, status: &CredentialStatus) -> u8 {
    if json {
        print_json(status);
    } else {
        println!("{text}");
        print_credential(status);
    }
    0
}

/// The password: at a prompt on stderr without echo when stdin is a terminal, else the first
/// line of stdin with its line break (LF or CRLF) removed and nothing else.
fn read_password(profile: &str) -> Result<String, String> {
    if std::io::stdin().is_terminal() {
        eprint!("Password for {profile}: ");
        return rpassword::read_password().map_err(|e| format!("cannot read the password from the terminal: {e}"));
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the password from stdin: {e} (pipe it in as one line of text)"))?;
    if line.is_empty() {
        return Err("no password on stdin: pipe it in (`printf %s \"$PW\" | smppctl creds set NAME`) or run the command in a terminal to be prompted".into());
    }
    Ok(strip_line_break(line))
}

fn strip_line_break(mut line: String) -> String {
    if line.ends_with('\n') {
        line.pop();
        if line.ends_with('\r') {
            line.pop();
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::strip_line_break;

    #[test]
    fn only_the_line_break_is_removed() {
        assert_eq!(strip_line_break("pw\n".into()), "pw");
        assert_eq!(strip_line_break("pw\r\n".into()), "pw");
        assert_eq!(strip_line_break(" pw \n".into()), " pw ");
        assert_eq!(strip_line_break("pw".into()), "pw");
    }
}
