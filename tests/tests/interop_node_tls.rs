//! Interop over TLS: `smppctl send --tls --ca` against a node-smpp SMSC serving TLS (node's
//! own TLS stack) with a test CA and a "localhost" certificate made here with rcgen.

use std::path::Path;
use std::time::Duration;

use rcgen::{BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, KeyPair, KeyUsagePurpose};
use smpp_console_tests::{run, scratch_dir, smppctl, start_node_smsc_with};

const SEND_TIMEOUT: Duration = Duration::from_secs(40);

fn ca(name: &str) -> (rcgen::Certificate, KeyPair) {
    let key = KeyPair::generate().unwrap_or_else(|e| panic!("{e}"));
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap_or_else(|e| panic!("{e}"));
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.distinguished_name.push(DnType::CommonName, name);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    (params.self_signed(&key).unwrap_or_else(|e| panic!("{e}")), key)
}

/// Writes ca.pem, other-ca.pem, key.pem and cert.pem ("localhost", signed by ca.pem) to `dir`.
fn write_pki(dir: &Path) {
    let (ca_cert, ca_key) = ca("interop test CA");
    let key = KeyPair::generate().unwrap_or_else(|e| panic!("{e}"));
    let mut params = CertificateParams::new(vec!["localhost".to_string()]).unwrap_or_else(|e| panic!("{e}"));
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let cert = params.signed_by(&key, &ca_cert, &ca_key).unwrap_or_else(|e| panic!("{e}"));
    for (file, pem) in [
        ("ca.pem", ca_cert.pem()),
        ("other-ca.pem", ca("someone else's CA").0.pem()),
        ("key.pem", key.serialize_pem()),
        ("cert.pem", cert.pem()),
    ] {
        std::fs::write(dir.join(file), pem).unwrap_or_else(|e| panic!("cannot write {file}: {e}"));
    }
}

fn send_tls(data: &Path, port: u16, ca: &Path) -> std::process::Command {
    let mut cmd = smppctl(data);
    cmd.env("SMPP_PASSWORD", "node-pw").args(["send", "--host", "localhost", "--port", &port.to_string()]);
    cmd.args(["--system-id", "interop", "--to", "15550001111", "--text", "hello over TLS", "--tls", "--ca"]);
    cmd.arg(ca).args(["--dlr", "--wait-dlr", "10", "--json"]);
    cmd
}

#[test]
fn smppctl_send_over_tls_to_node_smsc_gets_delivered_and_a_wrong_ca_is_explained() {
    let data = scratch_dir("send-node-tls");
    let pki = data.path().join("pki");
    std::fs::create_dir_all(&pki).unwrap_or_else(|e| panic!("{e}"));
    write_pki(&pki);
    let (key, cert) = (pki.join("key.pem"), pki.join("cert.pem"));
    let (key, cert) = (key.to_string_lossy(), cert.to_string_lossy());
    let mut smsc = start_node_smsc_with("interop", "node-pw", 200, &["--tls-key", &key, "--tls-cert", &cert]);

    let out = run("smppctl send --tls", send_tls(data.path(), smsc.port, &pki.join("ca.pem")), SEND_TIMEOUT);
    out.assert_code(0);
    let msg = out.json().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(msg["state"], "Delivered", "{out}\n{}", smsc.proc.transcript());
    assert_eq!(msg["receiptStat"], "DELIVRD", "{out}");
    assert_eq!(smsc.pdus("in", "submit_sm").len(), 1, "{}", smsc.proc.transcript());

    // Verification is always on: a CA that did not sign the server's certificate is refused,
    // and the error says so in words.
    let out =
        run("smppctl send --tls (wrong CA)", send_tls(data.path(), smsc.port, &pki.join("other-ca.pem")), SEND_TIMEOUT);
    out.assert_code(1);
    let text = out.to_string().to_lowercase();
    assert!(text.contains("issuer") || text.contains("not trusted") || text.contains("unknown"), "{out}");
    assert!(smsc.pdus("in", "submit_sm").len() == 1, "nothing may be sent over an unverified connection");

    let _ = smsc.proc.terminate(Duration::from_secs(5));
}
