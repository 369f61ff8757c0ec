//! Test-only TLS fixtures shared by the TLS tests of several crates: a CA made at test time
//! with a server certificate for "localhost" and a client certificate, PEM files for the
//! product's `--ca` / client-certificate settings, and a TLS front door that terminates TLS
//! and proxies bytes to a plain-TCP SMSC (the simulator).

#![allow(clippy::unwrap_used, clippy::expect_used)] // fixtures fail loudly by design

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rcgen::{BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig, SupportedProtocolVersion};
use tokio::net::{TcpListener, TcpStream};

/// A CA with a "localhost" server certificate and a client certificate signed by it.
#[derive(Debug)]
pub struct TestPki {
    pub ca_pem: String,
    ca_der: CertificateDer<'static>,
    server_chain: Vec<CertificateDer<'static>>,
    server_key_der: Vec<u8>,
    pub server_cert_pem: String,
    pub server_key_pem: String,
    pub client_cert_pem: String,
    pub client_key_pem: String,
    /// A different CA's certificate: trusting it instead must fail as an unknown issuer.
    pub other_ca_pem: String,
}

fn ca(name: &str) -> (rcgen::Certificate, KeyPair) {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    (params.self_signed(&key).unwrap(), key)
}

impl TestPki {
    /// A fresh CA, a server certificate for `server_names` and a client certificate.
    pub fn new(server_names: &[&str]) -> TestPki {
        let (ca_cert, ca_key) = ca("SMPP Console test CA");
        let server_key = KeyPair::generate().unwrap();
        let mut params =
            CertificateParams::new(server_names.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap();
        params.distinguished_name.push(DnType::CommonName, server_names.first().copied().unwrap_or("localhost"));
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let server_cert = params.signed_by(&server_key, &ca_cert, &ca_key).unwrap();
        let client_key = KeyPair::generate().unwrap();
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(DnType::CommonName, "SMPP Console test client");
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
        let client_cert = params.signed_by(&client_key, &ca_cert, &ca_key).unwrap();
        TestPki {
            ca_pem: ca_cert.pem(),
            ca_der: ca_cert.der().clone(),
            server_chain: vec![server_cert.der().clone(), ca_cert.der().clone()],
            server_key_der: server_key.serialize_der(),
            server_cert_pem: server_cert.pem(),
            server_key_pem: server_key.serialize_pem(),
            client_cert_pem: client_cert.pem(),
            client_key_pem: client_key.serialize_pem(),
            other_ca_pem: ca("someone else's CA").0.pem(),
        }
    }

    /// Writes ca.pem, other-ca.pem, cert.pem and key.pem (the server's), client-cert.pem and
    /// client-key.pem into `dir`; returns `dir`.
    pub fn write_to(&self, dir: &Path) -> PathBuf {
        for (file, pem) in [
            ("ca.pem", &self.ca_pem),
            ("other-ca.pem", &self.other_ca_pem),
            ("cert.pem", &self.server_cert_pem),
            ("key.pem", &self.server_key_pem),
            ("client-cert.pem", &self.client_cert_pem),
            ("client-key.pem", &self.client_key_pem),
        ] {
            std::fs::write(dir.join(file), pem).unwrap_or_else(|e| panic!("cannot write {file}: {e}"));
        }
        dir.to_path_buf()
    }

    /// A server config offering `versions`; with `require_client_cert`, only clients
    /// presenting a certificate from this CA get through the handshake.
    pub fn server_config(
        &self,
        versions: &[&'static SupportedProtocolVersion],
        require_client_cert: bool,
    ) -> ServerConfig {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = ServerConfig::builder_with_provider(provider.clone()).with_protocol_versions(versions).unwrap();
        let builder = if require_client_cert {
            let mut roots = RootCertStore::empty();
            roots.add(self.ca_der.clone()).unwrap();
            let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider).build().unwrap();
            builder.with_client_cert_verifier(verifier)
        } else {
            builder.with_no_client_auth()
        };
        let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.server_key_der.clone()));
        builder.with_single_cert(self.server_chain.clone(), key).unwrap()
    }
}

/// Listens on a free loopback port, terminates TLS with `config` and proxies each connection
/// to `upstream` (plain TCP). Runs until the test's runtime ends.
pub async fn tls_front_door(upstream: SocketAddr, config: ServerConfig) -> SocketAddr {
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else { return };
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else { return };
                let Ok(mut plain) = TcpStream::connect(upstream).await else { return };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    addr
}
