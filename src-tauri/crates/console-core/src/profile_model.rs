//! Provider profiles as the UI, smppctl and exports see them: every field a user edits (no
//! secret anywhere), plus the credential's status. Stored by `db::profiles`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bind_settings::BindSettings;

/// A further host tried after the profile's own (failover), in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HostPort {
    pub host: String,
    pub port: u16,
}

/// Every editable field of a profile. What the edit form submits, what `profile show` prints
/// and what an export contains. Never a password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ProfileInput {
    pub name: String,
    /// generic, telesign, twilio (simulator: the built-in one's).
    pub preset: String,
    pub host: String,
    pub port: u16,
    pub failover_hosts: Vec<HostPort>,
    /// TLS 1.2 or 1.3, the server certificate always verified.
    pub tls: bool,
    /// PEM bundle of CA certificates to trust instead of the system's.
    pub ca_file: Option<String>,
    /// Client certificate chain and its private key (PEM), for SMSCs that ask for one.
    pub client_cert_file: Option<String>,
    pub client_key_file: Option<String>,
    /// Name the server certificate must carry, also sent as SNI (None: the host).
    pub server_name: Option<String>,
    pub system_id: String,
    pub system_type: String,
    /// "TRX", "TX", "RX", or "TX+RX": each bind a transmitter and a receiver session.
    pub bind_type: String,
    /// Binds opened for this profile (all with the same credentials).
    pub bind_count: u32,
    /// "3.4" or "5.0".
    pub interface_version: String,
    pub address_range: String,
    pub settings: BindSettings,
    /// Default sender for the Send page and smppctl (empty: none).
    pub source_addr: String,
    /// None: chosen from the sender (alphanumeric 5/0, short code 3/0, number 1/1).
    pub source_ton: Option<u8>,
    pub source_npi: Option<u8>,
    pub dest_ton: u8,
    pub dest_npi: u8,
    /// auto, gsm7, ucs2, latin1, ia5.
    pub default_encoding: String,
    /// udh8, udh16, sar, payload.
    pub concat_method: String,
    pub request_receipt: bool,
}

impl Default for ProfileInput {
    fn default() -> Self {
        Self {
            name: String::new(),
            preset: "generic".into(),
            host: String::new(),
            port: 2775,
            failover_hosts: Vec::new(),
            tls: false,
            ca_file: None,
            client_cert_file: None,
            client_key_file: None,
            server_name: None,
            system_id: String::new(),
            system_type: String::new(),
            bind_type: "TRX".into(),
            bind_count: 1,
            interface_version: "3.4".into(),
            address_range: String::new(),
            settings: BindSettings::default(),
            source_addr: String::new(),
            source_ton: None,
            source_npi: None,
            dest_ton: 1,
            dest_npi: 1,
            default_encoding: "auto".into(),
            concat_method: "udh8".into(),
            request_receipt: true,
        }
    }
}

impl ProfileInput {
    /// A new profile with a preset's defaults filled in (host, port, TLS, bind type, timers,
    /// destination TON/NPI); everything stays the user's to change.
    pub fn from_preset(preset: &crate::presets::ProviderPreset) -> ProfileInput {
        ProfileInput {
            preset: preset.id.clone(),
            host: preset.host.clone().unwrap_or_default(),
            port: preset.port.unwrap_or(2775),
            tls: preset.tls,
            bind_type: preset.bind_type.clone(),
            settings: preset.bind_settings(),
            dest_ton: preset.dest_ton,
            dest_npi: preset.dest_npi,
            ..ProfileInput::default()
        }
    }
}

/// Whether a password is stored, and when. Never the password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CredentialStatus {
    /// A current password is stored (in the keyring; the simulator's in its local file).
    pub password_set: bool,
    /// RFC 3339 UTC: when the current password was set.
    pub set_at: Option<String>,
    /// RFC 3339 UTC: until when the previous password (rotation) is still tried, if kept.
    pub previous_valid_until: Option<String>,
    /// "keyring" or "local file" (the built-in simulator's throwaway password).
    pub store: String,
    /// Why the keyring could not be asked, and how to fix it (None: it answered).
    pub problem: Option<String>,
}

/// A profile as listed: its fields, whether it is the built-in simulator, its credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileView {
    pub profile: ProfileInput,
    /// The built-in "Local simulator" (its host and port are set at each start).
    pub builtin: bool,
    pub credential: CredentialStatus,
    /// RFC 3339 UTC.
    pub created_at: String,
    pub updated_at: String,
    /// Messages logged through this profile (they stay in the log if it is deleted).
    pub message_count: i64,
}

/// One field that failed validation: which (the form's field name) and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// The JSON file `profile export` writes and `profile import` reads. No secrets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProfileExport {
    /// "smpp-console-profiles": tells a profiles file from any other JSON.
    pub format: String,
    pub version: u32,
    pub profiles: Vec<ProfileInput>,
}

pub const EXPORT_FORMAT: &str = "smpp-console-profiles";
pub const EXPORT_VERSION: u32 = 1;

/// How a rotation keeps the old password: providers such as Telesign keep it valid for a
/// window after a reset (immediately, 1 h, 24 h, 7, 30, 60 or 90 days).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetPassword {
    pub password: String,
    /// Keep the replaced password for this many hours and bind with it if the SMSC refuses the
    /// new one (ESME_RINVPASWD). None or 0: forget it.
    pub keep_previous_hours: Option<u32>,
}

// Debug output (logs, panics) must never show the password.
impl std::fmt::Debug for SetPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SetPassword")
            .field("password", &"<redacted>")
            .field("keep_previous_hours", &self.keep_previous_hours)
            .finish()
    }
}

/// What "Test connection" found, in plain words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionTest {
    pub ok: bool,
    /// e.g. "Bound as TRX to 127.0.0.1:2775 in 12 ms (SMSC system_id: smsc-sim)".
    pub summary: String,
    /// The SMPP status name of a refusal (ESME_RINVPASWD …) or our code (connect, tls, keyring).
    pub code: Option<String>,
    /// The attempt's time to bind_resp (or to the failure), in milliseconds.
    pub elapsed_ms: u64,
    /// Set when the current password was refused and the previous one (rotation) worked.
    pub used_previous_password: bool,
}
