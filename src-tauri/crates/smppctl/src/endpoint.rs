//! Where `send` and `bench` connect: a stored profile (`--profile NAME`), or `--preset`,
//! `--host`, `--port`, `--system-id` and the TLS flags, with a provider preset filling whatever
//! the user left out.

use std::path::PathBuf;

use console_core::presets::{self, ProviderPreset};
use smpp_session::{TlsSettings, Transport};

#[derive(Debug, Clone, clap::Args)]
pub struct EndpointArgs {
    /// A stored profile (`smppctl profile add`): host, port, TLS, system_id and bind settings
    /// from it, the password from the OS keyring (`smppctl creds set`). SMPP_PASSWORD, when
    /// set, overrides the stored password.
    #[arg(long, value_name = "NAME", conflicts_with_all = ["preset", "host", "port", "system_id", "tls", "no_tls", "ca", "server_name"])]
    pub profile: Option<String>,
    /// Provider preset filling the defaults: generic, telesign (host, port, TLS, timers from
    /// its guide) or twilio (TLS). Flags given explicitly win.
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
    /// SMSC host name or address (default: the preset's host).
    #[arg(long)]
    pub host: Option<String>,
    /// SMSC port (default: the preset's port).
    #[arg(long)]
    pub port: Option<u16>,
    /// system_id to bind with (the password comes from SMPP_PASSWORD). Required without
    /// --profile.
    #[arg(long, required_unless_present = "profile")]
    pub system_id: Option<String>,
    #[command(flatten)]
    pub tls: TlsArgs,
}

/// `--tls`, `--no-tls`, `--ca FILE`, `--server-name NAME`.
#[derive(Debug, Clone, clap::Args)]
pub struct TlsArgs {
    /// Connect over TLS (1.2 or 1.3; the server certificate is always verified). A TLS preset
    /// implies it.
    #[arg(long, conflicts_with = "no_tls")]
    pub tls: bool,
    /// Plain TCP even though the preset asks for TLS (test environments only).
    #[arg(long)]
    pub no_tls: bool,
    /// PEM bundle of the CA certificates to trust instead of the system's (needs TLS).
    #[arg(long, value_name = "FILE")]
    pub ca: Option<PathBuf>,
    /// Name the server certificate must carry, also sent as SNI (default: the host).
    #[arg(long, value_name = "NAME")]
    pub server_name: Option<String>,
}

/// The endpoint after the preset filled the gaps.
#[derive(Debug)]
pub struct Endpoint {
    pub preset: ProviderPreset,
    pub host: String,
    pub port: u16,
    pub tls: bool,
    pub transport: Transport,
    pub system_id: String,
}

impl EndpointArgs {
    /// Fills host, port and TLS from the preset; says what is missing or contradictory.
    /// Not for `--profile` (the caller reads the stored profile instead).
    pub fn resolve(&self) -> Result<Endpoint, String> {
        let system_id =
            self.system_id.clone().ok_or("--system-id is required (or --profile NAME for a stored profile)")?;
        let preset = match &self.preset {
            Some(id) => presets::preset(id)
                .ok_or_else(|| format!("unknown preset {id:?}: choose one of {}", presets::preset_ids()))?,
            None => presets::preset("generic").ok_or("the generic preset is missing")?,
        };
        let host = self.host.clone().or_else(|| preset.host.clone()).ok_or_else(|| {
            format!("--host is required: the {} preset has no fixed host (your account gives it)", preset.label)
        })?;
        let port = self.port.or(preset.port).ok_or_else(|| {
            format!("--port is required: the {} preset has no fixed port (your account gives it)", preset.label)
        })?;
        let tls = !self.tls.no_tls && (self.tls.tls || preset.tls);
        if !tls && (self.tls.ca.is_some() || self.tls.server_name.is_some()) {
            return Err("--ca and --server-name need TLS: add --tls (or drop --no-tls)".into());
        }
        let transport = if tls {
            let name = self.tls.server_name.as_deref().unwrap_or(&host);
            Transport::tls_to(name, TlsSettings { ca: self.tls.ca.clone(), client_cert: None })
        } else {
            Transport::Tcp
        };
        Ok(Endpoint { preset, host, port, tls, transport, system_id })
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        ep: EndpointArgs,
    }

    fn resolve(args: &[&str]) -> Result<Endpoint, String> {
        let mut argv = vec!["x", "--system-id", "me"];
        argv.extend_from_slice(args);
        Cli::try_parse_from(argv).map_err(|e| e.to_string())?.ep.resolve()
    }

    #[test]
    fn telesign_fills_host_port_and_tls() {
        let ep = resolve(&["--preset", "telesign"]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((ep.host.as_str(), ep.port, ep.tls), ("smpp.tsentcloud.com", 3550, true));
        let ep = resolve(&["--preset", "telesign", "--host", "127.0.0.1", "--port", "2775", "--no-tls"])
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((ep.host.as_str(), ep.port, ep.tls), ("127.0.0.1", 2775, false));
        assert!(matches!(ep.transport, Transport::Tcp));
    }

    #[test]
    fn missing_or_contradictory_flags_say_what_to_do() {
        let e = resolve(&["--preset", "twilio", "--port", "1"]).err().unwrap_or_default();
        assert!(e.contains("--host is required") && e.contains("Twilio"), "{e}");
        let e = resolve(&["--port", "2775"]).err().unwrap_or_default();
        assert!(e.contains("--host is required"), "{e}");
        let e = resolve(&["--preset", "acme", "--host", "h"]).err().unwrap_or_default();
        assert!(e.contains("generic, telesign, twilio"), "{e}");
        let e = resolve(&["--host", "h", "--ca", "x.pem"]).err().unwrap_or_default();
        assert!(e.contains("need TLS"), "{e}");
    }

    #[test]
    fn generic_defaults_to_2775_over_tcp() {
        let ep = resolve(&["--host", "smsc.example"]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((ep.port, ep.tls), (2775, false));
    }

    #[test]
    fn a_profile_excludes_the_ad_hoc_endpoint_flags() {
        let cli = Cli::try_parse_from(["x", "--profile", "Acme"]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cli.ep.profile.as_deref(), Some("Acme"));
        for flag in
            [&["--host", "h"][..], &["--port", "1"], &["--system-id", "me"], &["--preset", "twilio"], &["--tls"]]
        {
            let argv = [&["x", "--profile", "Acme"][..], flag].concat();
            let e = Cli::try_parse_from(argv).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(e.contains("cannot be used with"), "{flag:?}: {e}");
        }
        let e = Cli::try_parse_from(["x", "--host", "h"]).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("--system-id"), "{e}");
    }
}
