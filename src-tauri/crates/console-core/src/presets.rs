//! Provider presets: the defaults a provider's SMPP guide prescribes (endpoint, TLS, timers,
//! TON/NPI, encodings). A preset only fills defaults; every value stays the user's to change.
//! Sources: the Telesign SMPP integration guide and Twilio's SMPP glossary (shared/reference).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bind_settings::BindSettings;

/// One provider's defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProviderPreset {
    /// Stored in the profile: generic, telesign, twilio (simulator is the built-in one's).
    pub id: String,
    pub label: String,
    /// The gateway's host name (None: the provider gives it per account). Resolved at each
    /// connect, never pinned to an address: providers move their gateways.
    pub host: Option<String>,
    pub port: Option<u16>,
    /// TLS required (1.2 or later).
    pub tls: bool,
    /// "TRX", "TX" or "RX".
    pub bind_type: String,
    /// The SMSC's session-init timer: bind within this long of connecting.
    pub session_init_ms: u32,
    pub enquire_link_ms: u32,
    pub response_timeout_ms: u32,
    /// Destination TON/NPI for numbers in international format.
    pub dest_ton: u8,
    pub dest_npi: u8,
    /// Encodings the provider accepts.
    pub encodings: Vec<String>,
    /// What else the guide asks for, in plain words.
    pub notes: Vec<String>,
}

impl ProviderPreset {
    /// The bind settings this preset implies; the rest keep their defaults.
    pub fn bind_settings(&self) -> BindSettings {
        BindSettings {
            enquire_link_ms: self.enquire_link_ms,
            response_timeout_ms: self.response_timeout_ms,
            ..BindSettings::default()
        }
    }
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// Every preset, Generic first.
pub fn presets() -> Vec<ProviderPreset> {
    vec![
        ProviderPreset {
            id: "generic".into(),
            label: "Generic SMPP 3.4".into(),
            host: None,
            port: Some(2775),
            tls: false,
            bind_type: "TRX".into(),
            session_init_ms: 10_000,
            enquire_link_ms: 30_000,
            response_timeout_ms: 30_000,
            dest_ton: 1,
            dest_npi: 1,
            encodings: strings(&["GSM7", "UCS2", "Latin1", "IA5"]),
            notes: strings(&["2775 is the customary SMPP port; use TLS wherever the SMSC offers it."]),
        },
        ProviderPreset {
            id: "telesign".into(),
            label: "Telesign".into(),
            host: Some("smpp.tsentcloud.com".into()),
            port: Some(3550),
            tls: true,
            bind_type: "TRX".into(),
            // Telesign's MC: session init 10 s, enquire_link 30 s, response 30 s.
            session_init_ms: 10_000,
            enquire_link_ms: 30_000,
            response_timeout_ms: 30_000,
            dest_ton: 1,
            dest_npi: 1,
            encodings: strings(&["GSM7", "Latin1", "UCS2"]),
            notes: strings(&[
                "Connect to the host name, never its IP address: Telesign may move the gateway.",
                "TLS 1.2 is required.",
                "Persistent TRX binds are preferred; have enough binds for all of your traffic.",
                "Sender IDs must be whitelisted by Telesign before use.",
                "Several data centres: set system_type to route receipts back to the sending one (values from Telesign support).",
                "Receipts may carry TLVs 0x0410 mobile_country_code, 0x0411 mobile_network_code and 0x0412 price once enabled.",
                "A reset password stays valid for the chosen expiry window, so rotate without downtime.",
            ]),
        },
        ProviderPreset {
            id: "twilio".into(),
            label: "Twilio".into(),
            host: None,
            port: None,
            tls: true,
            bind_type: "TRX".into(),
            session_init_ms: 10_000,
            enquire_link_ms: 30_000,
            response_timeout_ms: 30_000,
            dest_ton: 1,
            dest_npi: 1,
            encodings: strings(&["GSM7", "UCS2", "Latin1", "IA5"]),
            notes: strings(&[
                "TLS 1.2 or later is required on every connection.",
                "Host and port come with your Twilio SMPP account.",
                "Receipts name Twilio segment SIDs; paste one into Trace to find its message.",
            ]),
        },
    ]
}

/// The preset with this id (case-insensitive), or None.
pub fn preset(id: &str) -> Option<ProviderPreset> {
    presets().into_iter().find(|p| p.id.eq_ignore_ascii_case(id))
}

/// A preset a profile may name: one of [`presets`], or "simulator" (the built-in profile's).
pub fn is_known(id: &str) -> bool {
    id == "simulator" || presets().iter().any(|p| p.id == id)
}

/// The preset ids, for error messages ("generic, telesign, twilio").
pub fn preset_ids() -> String {
    presets().into_iter().map(|p| p.id).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telesign_follows_its_guide() {
        let t = preset("Telesign").unwrap_or_else(|| panic!("telesign preset"));
        assert_eq!((t.host.as_deref(), t.port, t.tls), (Some("smpp.tsentcloud.com"), Some(3550), true));
        assert_eq!((t.dest_ton, t.dest_npi), (1, 1));
        let s = t.bind_settings();
        assert_eq!((s.enquire_link_ms, s.response_timeout_ms), (30_000, 30_000));
        assert_eq!(s.window_size, BindSettings::default().window_size, "only the guide's values change");
    }

    #[test]
    fn twilio_requires_tls_and_leaves_the_endpoint_to_the_account() {
        let t = preset("twilio").unwrap_or_else(|| panic!("twilio preset"));
        assert!(t.tls);
        assert_eq!((t.host, t.port), (None, None));
    }

    #[test]
    fn ids_are_unique_and_listed() {
        let ids: Vec<_> = presets().into_iter().map(|p| p.id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids.len(), sorted.len());
        assert_eq!(preset_ids(), "generic, telesign, twilio");
        assert!(preset("nope").is_none());
    }
}
