//! Checks a profile against the SMPP spec and provider limits before it is stored, with a
//! message per field that says what is wrong and what to enter instead.

use std::path::Path;

use crate::profile_model::{FieldError, ProfileInput};

/// SMPP 3.4 §5.2: C-Octet strings' maximum lengths include the NUL terminator.
const SYSTEM_ID_MAX: usize = 15;
const SYSTEM_TYPE_MAX: usize = 12;
const ADDRESS_RANGE_MAX: usize = 40;
const SOURCE_ADDR_MAX: usize = 20;
/// SMPP 3.4 and 5.0 both give the password 9 octets: 8 characters and the NUL.
pub const PASSWORD_MAX: usize = 8;
const NAME_MAX: usize = 64;
/// The NPI values SMPP defines (3.4 §5.2.6).
const NPI_VALUES: [u8; 10] = [0, 1, 3, 4, 6, 8, 9, 10, 14, 18];
pub const ENCODINGS: [&str; 5] = ["auto", "gsm7", "ucs2", "latin1", "ia5"];
pub const CONCAT_METHODS: [&str; 4] = ["udh8", "udh16", "sar", "payload"];

/// Every problem with `p`, empty when it can be stored.
pub fn validate_profile(p: &ProfileInput) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut err = |field: &str, message: String| errors.push(FieldError { field: field.into(), message });

    let name = p.name.as_str();
    if name.trim().is_empty() {
        err("name", "Give the profile a name, e.g. \"Telesign production\".".into());
    } else if name.trim() != name {
        err("name", "Remove the spaces at the start or end of the name.".into());
    } else if name.chars().count() > NAME_MAX {
        err("name", format!("Use at most {NAME_MAX} characters for the name."));
    } else if name.chars().any(char::is_control) {
        err("name", "The name cannot contain control characters.".into());
    }
    if !crate::presets::is_known(&p.preset) {
        err("preset", format!("Unknown preset {:?}: choose one of {}.", p.preset, crate::presets::preset_ids()));
    }
    if let Some(m) = host_problem(&p.host) {
        err("host", m);
    }
    if p.port == 0 {
        err("port", "Enter the SMSC's port (1-65535); 2775 is customary, Telesign uses 3550.".into());
    }
    for (i, h) in p.failover_hosts.iter().enumerate() {
        if let Some(m) = host_problem(&h.host) {
            err(&format!("failoverHosts[{i}].host"), m);
        }
        if h.port == 0 {
            err(&format!("failoverHosts[{i}].port"), "Enter a port from 1 to 65535.".into());
        }
    }
    ascii_limited(&mut err, "systemId", "system_id", &p.system_id, SYSTEM_ID_MAX, true);
    ascii_limited(&mut err, "systemType", "system_type", &p.system_type, SYSTEM_TYPE_MAX, false);
    ascii_limited(&mut err, "addressRange", "address_range", &p.address_range, ADDRESS_RANGE_MAX, false);
    if !matches!(p.bind_type.as_str(), "TRX" | "TX" | "RX" | "TX+RX") {
        err("bindType", format!("Bind type {:?} is not one of TRX, TX, RX or TX+RX (a pair).", p.bind_type));
    }
    if !(1..=32).contains(&p.bind_count) {
        err("bindCount", "Open from 1 to 32 binds (ask the provider how many your account allows).".into());
    }
    if !matches!(p.interface_version.as_str(), "3.4" | "5.0") {
        err("interfaceVersion", format!("Interface version {:?} is not 3.4 or 5.0.", p.interface_version));
    }
    validate_tls(&mut err, p);
    let s = &p.settings;
    if !(1..=1000).contains(&s.window_size) {
        err("settings.windowSize", "Use a window from 1 to 1000 outstanding requests (10 is typical).".into());
    }
    if s.rate_limit == Some(0) {
        err("settings.rateLimit", "A rate of 0 would send nothing: leave it empty for no limit.".into());
    }
    for (field, value, min) in [
        ("settings.responseTimeoutMs", s.response_timeout_ms, 100),
        ("settings.enquireLinkMs", s.enquire_link_ms, 1000),
        ("settings.backoffInitialMs", s.backoff_initial_ms, 10),
        ("settings.reconnectWaitMs", s.reconnect_wait_ms, 0),
    ] {
        if value < min || value > 3_600_000 {
            err(field, format!("Use a value from {min} ms to one hour (3600000 ms)."));
        }
    }
    if s.backoff_max_ms < s.backoff_initial_ms {
        err("settings.backoffMaxMs", "The longest backoff cannot be shorter than the first.".into());
    }
    if !p.source_addr.is_empty() {
        ascii_limited(&mut err, "sourceAddr", "source address", &p.source_addr, SOURCE_ADDR_MAX, false);
    }
    ton_npi(&mut err, "sourceTon", "sourceNpi", p.source_ton, p.source_npi);
    ton_npi(&mut err, "destTon", "destNpi", Some(p.dest_ton), Some(p.dest_npi));
    if p.source_ton.is_some() != p.source_npi.is_some() {
        err("sourceNpi", "Set both the source TON and NPI, or neither (chosen from the sender).".into());
    }
    if !ENCODINGS.contains(&p.default_encoding.as_str()) {
        err("defaultEncoding", format!("Encoding {:?} is not one of {}.", p.default_encoding, ENCODINGS.join(", ")));
    }
    if !CONCAT_METHODS.contains(&p.concat_method.as_str()) {
        err(
            "concatMethod",
            format!("Concatenation {:?} is not one of {}.", p.concat_method, CONCAT_METHODS.join(", ")),
        );
    }
    errors
}

/// A password the SMSC can accept: 1 to 8 printable ASCII characters (SMPP 3.4 and 5.0).
/// The message never repeats the password.
pub fn password_problem(password: &str) -> Option<String> {
    if password.is_empty() {
        Some("Enter the password the provider gave you.".into())
    } else if password.chars().count() > PASSWORD_MAX {
        Some(format!(
            "The password has {} characters; SMPP allows at most {PASSWORD_MAX}. Check for a pasted space or line break.",
            password.chars().count()
        ))
    } else if !password.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Some("The password may hold only printable ASCII characters (no accents, tabs or line breaks).".into())
    } else {
        None
    }
}

fn host_problem(host: &str) -> Option<String> {
    if host.trim().is_empty() {
        return Some("Enter the SMSC's host name or address, e.g. smpp.example.com.".into());
    }
    let ok = host.len() <= 253
        && host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    (!ok).then(|| {
        format!(
            "{host:?} is not a host name or IP address (letters, digits, dots and hyphens only, no scheme or port)."
        )
    })
}

fn ascii_limited(
    err: &mut impl FnMut(&str, String),
    field: &str,
    label: &str,
    value: &str,
    max: usize,
    required: bool,
) {
    if value.is_empty() {
        if required {
            err(field, format!("Enter the {label} the provider gave you."));
        }
    } else if !value.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        err(field, format!("The {label} may hold only printable ASCII characters."));
    } else if value.len() > max {
        err(field, format!("The {label} has {} characters; SMPP allows at most {max}.", value.len()));
    }
}

fn ton_npi(err: &mut impl FnMut(&str, String), ton_field: &str, npi_field: &str, ton: Option<u8>, npi: Option<u8>) {
    if let Some(t) = ton.filter(|t| *t > 6) {
        err(ton_field, format!("TON {t} is not defined: use 0 (unknown) to 6 (abbreviated); 1 is international."));
    }
    if let Some(n) = npi.filter(|n| !NPI_VALUES.contains(n)) {
        err(npi_field, format!("NPI {n} is not defined: use one of 0, 1 (E.164), 3, 4, 6, 8, 9, 10, 14, 18."));
    }
}

fn validate_tls(err: &mut impl FnMut(&str, String), p: &ProfileInput) {
    let files =
        [("caFile", &p.ca_file), ("clientCertFile", &p.client_cert_file), ("clientKeyFile", &p.client_key_file)];
    if !p.tls {
        for (field, value) in files {
            if value.as_deref().is_some_and(|v| !v.is_empty()) {
                err(field, "Certificates need TLS: turn TLS on, or clear this field.".into());
            }
        }
        if p.server_name.as_deref().is_some_and(|v| !v.is_empty()) {
            err("serverName", "A server name needs TLS: turn TLS on, or clear this field.".into());
        }
        return;
    }
    for (field, value) in files {
        if let Some(path) = value.as_deref().filter(|v| !v.is_empty())
            && !Path::new(path).is_file()
        {
            err(field, format!("No file at {path}: give the full path of a PEM file."));
        }
    }
    let has = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
    if has(&p.client_cert_file) != has(&p.client_key_file) {
        err(
            "clientKeyFile",
            "A client certificate needs its private key, and the key its certificate: give both or neither.".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile_model::HostPort;

    fn valid() -> ProfileInput {
        ProfileInput {
            name: "Acme test".into(),
            host: "smpp.example.com".into(),
            system_id: "acme".into(),
            ..ProfileInput::default()
        }
    }

    fn fields(p: &ProfileInput) -> Vec<String> {
        validate_profile(p).into_iter().map(|e| e.field).collect()
    }

    fn message(p: &ProfileInput, field: &str) -> String {
        validate_profile(p).into_iter().find(|e| e.field == field).map(|e| e.message).unwrap_or_default()
    }

    #[test]
    fn a_complete_profile_and_every_preset_default_pass() {
        assert!(validate_profile(&valid()).is_empty(), "{:?}", validate_profile(&valid()));
        for preset in crate::presets::presets() {
            let mut p = ProfileInput::from_preset(&preset);
            p.name = format!("{} account", preset.label);
            p.system_id = "me".into();
            if p.host.is_empty() {
                p.host = "gateway.example".into();
            }
            assert!(validate_profile(&p).is_empty(), "{}: {:?}", preset.id, validate_profile(&p));
        }
    }

    #[test]
    fn spec_limits_are_named_in_the_message() {
        let mut p = valid();
        p.system_id = "a".repeat(16);
        assert!(message(&p, "systemId").contains("at most 15"), "{}", message(&p, "systemId"));
        p.system_id = String::new();
        assert!(message(&p, "systemId").contains("Enter the system_id"));
        p.system_id = "ok".into();
        p.system_type = "x".repeat(13);
        p.address_range = "1".repeat(41);
        p.source_addr = "1".repeat(21);
        assert_eq!(fields(&p), ["systemType", "addressRange", "sourceAddr"]);
        let mut p = valid();
        p.port = 0;
        p.host = "smpp://host:2775".into();
        assert_eq!(fields(&p), ["host", "port"]);
        assert!(message(&p, "host").contains("no scheme or port"));
    }

    #[test]
    fn ton_npi_bind_and_coding_choices_are_checked() {
        let mut p = valid();
        p.dest_ton = 7;
        p.dest_npi = 2;
        p.source_ton = Some(5);
        p.bind_type = "TRANSCEIVER".into();
        p.interface_version = "3.3".into();
        p.default_encoding = "utf8".into();
        p.concat_method = "magic".into();
        p.bind_count = 0;
        p.settings.window_size = 0;
        p.settings.rate_limit = Some(0);
        assert_eq!(
            fields(&p),
            [
                "bindType",
                "bindCount",
                "interfaceVersion",
                "settings.windowSize",
                "settings.rateLimit",
                "destTon",
                "destNpi",
                "sourceNpi",
                "defaultEncoding",
                "concatMethod"
            ]
        );
        assert!(message(&p, "destNpi").contains("E.164"));
    }

    #[test]
    fn tls_files_must_exist_and_need_tls() {
        let mut p = valid();
        p.ca_file = Some("/nonexistent/ca.pem".into());
        assert_eq!(fields(&p), ["caFile"]);
        assert!(message(&p, "caFile").contains("need TLS"));
        p.tls = true;
        assert!(message(&p, "caFile").contains("No file at /nonexistent/ca.pem"));
        p.ca_file = None;
        p.client_cert_file = Some(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml").into());
        assert_eq!(fields(&p), ["clientKeyFile"], "a certificate without its key");
        p.failover_hosts = vec![HostPort { host: String::new(), port: 0 }];
        assert!(fields(&p).contains(&"failoverHosts[0].host".to_string()));
        assert!(fields(&p).contains(&"failoverHosts[0].port".to_string()));
    }

    #[test]
    fn passwords_follow_smpp_and_are_never_echoed() {
        assert_eq!(password_problem("s3cr3t!"), None);
        let long = password_problem("ninechars").unwrap_or_default();
        assert!(long.contains("at most 8") && !long.contains("ninechars"), "{long}");
        assert!(password_problem("").is_some());
        assert!(password_problem("pässwd").unwrap_or_default().contains("printable ASCII"));
        assert!(password_problem("pw\n").unwrap_or_default().contains("printable ASCII"));
    }
}
