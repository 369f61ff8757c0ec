//! TLS for binds: rustls (ring provider, TLS 1.2 and 1.3 only) over tokio, with the reasons a
//! handshake fails put into words a user can act on.

use std::path::PathBuf;
use std::sync::Arc;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::{AlertDescription, CertificateError, ClientConfig, PeerIncompatible, RootCertStore};

/// Where trust and our own identity come from. Certificate verification is always on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TlsSettings {
    /// A PEM bundle of CA certificates to trust instead of the system's roots.
    pub ca: Option<PathBuf>,
    /// A client certificate chain and its private key (both PEM), for SMSCs that require one.
    pub client_cert: Option<(PathBuf, PathBuf)>,
}

/// How a connection reaches the SMSC.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Transport {
    /// Plain TCP.
    #[default]
    Tcp,
    /// TLS over TCP; `server_name` is verified against the certificate and sent as SNI.
    Tls { server_name: String, settings: TlsSettings },
}

impl Transport {
    /// TLS to `host`, verifying the certificate against `host` (the usual case).
    pub fn tls_to(host: &str, settings: TlsSettings) -> Transport {
        Transport::Tls { server_name: host.to_string(), settings }
    }

    pub fn is_tls(&self) -> bool {
        matches!(self, Transport::Tls { .. })
    }
}

/// Builds the rustls client configuration: ring provider, TLS 1.2 and 1.3, roots from the CA
/// file or else the system store. Errors are sentences for the user.
pub fn client_config(tls: &TlsSettings) -> Result<Arc<ClientConfig>, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(|e| format!("cannot set up TLS: {e}"))?
        .with_root_certificates(roots(tls)?);
    let config = match &tls.client_cert {
        None => builder.with_no_client_auth(),
        Some((cert, key)) => {
            let chain = read_certs(cert, "client certificate")?;
            let key = PrivateKeyDer::from_pem_file(key)
                .map_err(|e| format!("cannot read the private key {}: {e}", key.display()))?;
            builder
                .with_client_auth_cert(chain, key)
                .map_err(|e| format!("the client certificate and key do not fit together: {e}"))?
        }
    };
    Ok(Arc::new(config))
}

fn read_certs(path: &std::path::Path, what: &str) -> Result<Vec<CertificateDer<'static>>, String> {
    let certs = CertificateDer::pem_file_iter(path)
        .and_then(|it| it.collect::<Result<Vec<_>, _>>())
        .map_err(|e| format!("cannot read the {what} file {}: {e}", path.display()))?;
    if certs.is_empty() {
        return Err(format!("the {what} file {} holds no PEM CERTIFICATE block", path.display()));
    }
    Ok(certs)
}

fn roots(tls: &TlsSettings) -> Result<RootCertStore, String> {
    let mut roots = RootCertStore::empty();
    match &tls.ca {
        Some(path) => {
            let (added, _) = roots.add_parsable_certificates(read_certs(path, "CA bundle")?);
            if added == 0 {
                return Err(format!("the CA bundle {} holds no usable CA certificate", path.display()));
            }
        }
        None => {
            let found = rustls_native_certs::load_native_certs();
            for e in &found.errors {
                tracing::warn!("system CA store: {e}");
            }
            roots.add_parsable_certificates(found.certs);
            if roots.is_empty() {
                return Err("no system CA certificates were found (install the ca-certificates package, or pass \
                     the provider's CA bundle with --ca)"
                    .into());
            }
        }
    }
    Ok(roots)
}

/// Parses the name the certificate must carry (a DNS name or an IP address).
pub(crate) fn server_name(name: &str) -> Result<ServerName<'static>, String> {
    let bare = name.trim_start_matches('[').trim_end_matches(']');
    ServerName::try_from(bare.to_string()).map_err(|_| format!("\"{name}\" is not a valid TLS server name"))
}

/// Puts a failed handshake into words: what went wrong and what to do.
pub(crate) fn explain_handshake_error(e: &std::io::Error, server_name: &str) -> String {
    let Some(tls) = e.get_ref().and_then(|inner| inner.downcast_ref::<rustls::Error>()) else {
        return match e.kind() {
            std::io::ErrorKind::UnexpectedEof | std::io::ErrorKind::ConnectionReset => {
                "the server closed the connection during the TLS handshake: check that this port speaks TLS \
                 and accepts TLS 1.2 or 1.3"
                    .into()
            }
            _ => format!("the TLS handshake failed: {e}"),
        };
    };
    explain_tls_error(tls, server_name)
}

/// The words for one rustls error.
pub fn explain_tls_error(e: &rustls::Error, server_name: &str) -> String {
    use rustls::Error as E;
    match e {
        E::InvalidCertificate(c) => explain_certificate_error(c, server_name),
        E::NoCertificatesPresented => "the server presented no certificate".into(),
        E::PeerIncompatible(p) => match p {
            PeerIncompatible::ServerDoesNotSupportTls12Or13
            | PeerIncompatible::ServerTlsVersionIsDisabledByOurConfig
            | PeerIncompatible::SupportedVersionsExtensionRequired
            | PeerIncompatible::Tls12NotOffered
            | PeerIncompatible::Tls12NotOfferedOrEnabled => {
                "protocol version: the server does not speak TLS 1.2 or 1.3, the only versions allowed; ask the \
                 provider for a TLS 1.2+ endpoint"
                    .into()
            }
            PeerIncompatible::NoCipherSuitesInCommon => {
                "no cipher suite in common: this client offers only ECDHE suites (for example \
                 TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256); ask the provider to enable one"
                    .into()
            }
            other => format!("the server's TLS settings are incompatible: {other:?}"),
        },
        E::AlertReceived(alert) => match alert {
            AlertDescription::ProtocolVersion => {
                "protocol version: the server refused TLS 1.2 and 1.3 (it may require an older, insecure version, \
                 which is not allowed)"
                    .into()
            }
            AlertDescription::HandshakeFailure | AlertDescription::InsufficientSecurity => {
                "the server refused the handshake: no protocol version or cipher suite in common, or it wants a \
                 client certificate"
                    .into()
            }
            AlertDescription::CertificateRequired => {
                "the server requires a client certificate: configure the certificate and key the provider issued".into()
            }
            AlertDescription::BadCertificate
            | AlertDescription::UnknownCA
            | AlertDescription::CertificateExpired
            | AlertDescription::CertificateRevoked
            | AlertDescription::CertificateUnknown
            | AlertDescription::UnsupportedCertificate => {
                format!("the server rejected our client certificate ({alert:?})")
            }
            AlertDescription::UnrecognisedName => {
                format!("the server does not know the name \"{server_name}\" (SNI): check the host name")
            }
            other => format!("the server aborted the TLS handshake (alert {other:?})"),
        },
        E::InvalidMessage(_) | E::InappropriateMessage { .. } | E::InappropriateHandshakeMessage { .. } => {
            "the server's answer is not TLS: this looks like a plain SMPP port (connect without TLS, or use the \
             provider's TLS port)"
                .into()
        }
        other => format!("the TLS handshake failed: {other}"),
    }
}

fn explain_certificate_error(c: &CertificateError, server_name: &str) -> String {
    use CertificateError as C;
    match c {
        C::Expired | C::ExpiredContext { .. } => {
            "the server's certificate has expired: the provider must renew it (check this computer's clock too)".into()
        }
        C::NotValidYet | C::NotValidYetContext { .. } => {
            "the server's certificate is not valid yet: check this computer's clock".into()
        }
        C::UnknownIssuer => "unknown issuer: the server's certificate is not signed by a trusted CA: pass --ca with \
                             the provider's CA bundle"
            .into(),
        C::NotValidForName => format!(
            "name mismatch: the server's certificate is not valid for \"{server_name}\": connect by the host name \
             the certificate names, or set --server-name"
        ),
        C::NotValidForNameContext { presented, .. } => format!(
            "name mismatch: the server's certificate is not valid for \"{server_name}\" (it names {}): connect by \
             the host name the certificate names, or set --server-name",
            if presented.is_empty() { "nothing usable".to_string() } else { presented.join(", ") }
        ),
        C::Revoked => "the server's certificate has been revoked: contact the provider".into(),
        C::InvalidPurpose | C::InvalidPurposeContext { .. } => {
            "the server's certificate is not meant for TLS servers (extended key usage): contact the provider".into()
        }
        C::BadSignature | C::BadEncoding => {
            "the server's certificate is malformed or its signature does not verify: contact the provider".into()
        }
        other => format!("the server's certificate was rejected: {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn certificate_errors_say_what_to_do() {
        let unknown = explain_tls_error(&rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer), "h");
        assert!(unknown.contains("unknown issuer") && unknown.contains("--ca"), "{unknown}");
        let expired = explain_tls_error(&rustls::Error::InvalidCertificate(CertificateError::Expired), "h");
        assert!(expired.contains("expired"), "{expired}");
        let name = explain_tls_error(&rustls::Error::InvalidCertificate(CertificateError::NotValidForName), "x.test");
        assert!(name.contains("name mismatch") && name.contains("x.test"), "{name}");
        let version = explain_tls_error(&rustls::Error::AlertReceived(AlertDescription::ProtocolVersion), "h");
        assert!(version.contains("protocol version"), "{version}");
    }

    #[test]
    fn server_names_accept_hosts_and_addresses() {
        assert!(server_name("smpp.example.com").is_ok());
        assert!(server_name("127.0.0.1").is_ok());
        assert!(server_name("[::1]").is_ok());
        assert!(server_name("not a name").is_err());
    }
}
