//! Interop over TLS: `smppctl send --tls --ca` against a node-smpp SMSC serving TLS (node's
//! own TLS stack) with a test CA and a "localhost" certificate made at test time (test-pki).

use std::path::Path;
use std::time::Duration;

use smpp_console_tests::{run, scratch_dir, smppctl, start_node_smsc_with};
use test_pki::TestPki;

const SEND_TIMEOUT: Duration = Duration::from_secs(40);

/// Writes ca.pem, other-ca.pem, key.pem and cert.pem ("localhost", signed by ca.pem) to `dir`.
fn write_pki(dir: &Path) {
    TestPki::new(&["localhost"]).write_to(dir);
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
