//! Printing results and core errors the same way in every profile and credential command:
//! text for people, one JSON object for scripts, and an exit code that tells them apart.

use std::path::PathBuf;

use console_core::model::ApiError;
use console_core::{Console, CoreError, FieldError, resolve_data_dir};

use crate::{EXIT_FAILURE, EXIT_USAGE};

pub fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(e) => eprintln!("error: cannot print JSON: {e}"),
    }
}

/// Opens the console on the data directory, or reports why it cannot be opened.
pub async fn open_console(data_dir: Option<PathBuf>, json: bool) -> Result<Console, u8> {
    let Some(dir) = resolve_data_dir(data_dir) else {
        return Err(report_api(
            json,
            &ApiError {
                code: "usage".into(),
                message: "no data directory: pass --data-dir DIR or set SMPP_CONSOLE_DATA_DIR".into(),
            },
        ));
    };
    Console::open(&dir).await.map_err(|e| report(json, &e))
}

/// Prints a core error (each invalid field on its own line, named by its smppctl flag) and
/// returns the exit code: 2 for bad input (validation, unknown profile, name taken), else 1.
pub fn report(json: bool, e: &CoreError) -> u8 {
    let code = match e {
        CoreError::Validation { .. }
        | CoreError::InvalidProfile(_)
        | CoreError::UnknownProfile(_)
        | CoreError::Conflict(_) => EXIT_USAGE,
        _ => EXIT_FAILURE,
    };
    let api = ApiError { code: e.code(), message: e.to_string() };
    match e {
        CoreError::InvalidProfile(fields) if json => {
            let mut value = serde_json::json!({ "error": api });
            value["error"]["fields"] = serde_json::json!(fields);
            print_json(&value);
        }
        CoreError::InvalidProfile(fields) => {
            eprintln!("error: validation: the profile was not saved; fix these and run the command again:");
            for f in fields {
                eprintln!("  {}: {}", field_label(f), f.message);
            }
        }
        _ => {
            report_api(json, &api);
        }
    }
    code
}

/// Prints an error that did not come from the core; exit 2 for `usage`, else 1.
pub fn report_api(json: bool, e: &ApiError) -> u8 {
    if json {
        print_json(&serde_json::json!({ "error": e }));
    } else {
        eprintln!("error: {}: {}", e.code, e.message);
    }
    if e.code == "usage" || e.code == "validation" { EXIT_USAGE } else { EXIT_FAILURE }
}

pub fn usage(json: bool, message: impl Into<String>) -> u8 {
    report_api(json, &ApiError { code: "usage".into(), message: message.into() })
}

/// The core's field name with the smppctl flag that sets it, e.g. "systemId (--system-id)".
fn field_label(f: &FieldError) -> String {
    let base = f.field.split('[').next().unwrap_or(&f.field);
    let flag = match base {
        "name" => "NAME / --rename",
        "preset" => "--preset",
        "host" => "--host",
        "port" => "--port",
        "failoverHosts" => "--failover",
        "tls" => "--tls",
        "caFile" => "--ca",
        "clientCertFile" => "--client-cert",
        "clientKeyFile" => "--client-key",
        "serverName" => "--server-name",
        "systemId" => "--system-id",
        "systemType" => "--system-type",
        "bindType" => "--bind",
        "bindCount" => "--binds",
        "interfaceVersion" => "--interface-version",
        "addressRange" => "--address-range",
        "settings.windowSize" => "--window",
        "settings.rateLimit" => "--rate",
        "settings.responseTimeoutMs" => "--response-timeout-ms",
        "settings.enquireLinkMs" => "--enquire-link-ms",
        "sourceAddr" => "--source-addr",
        "defaultEncoding" => "--encoding",
        "concatMethod" => "--concat",
        _ => return f.field.clone(),
    };
    format!("{} ({flag})", f.field)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_named_with_their_flag() {
        let f = |field: &str| FieldError { field: field.into(), message: String::new() };
        assert_eq!(field_label(&f("systemId")), "systemId (--system-id)");
        assert_eq!(field_label(&f("failoverHosts[1].port")), "failoverHosts[1].port (--failover)");
        assert_eq!(field_label(&f("Acme.port")), "Acme.port");
    }
}
