#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `smppctl creds` and `send/bench --profile` with the real OS keyring (Secret Service from the
//! headless gnome-keyring `make test` starts in its D-Bus session) against an in-process
//! simulator: a piped password, status without the password, a delivered send, a refused
//! password, and a rotation that still binds with the previous password.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

mod common;
use common::{Run, json, smppctl_with, text};
use smsc_sim::{SimConfig, Simulator};

async fn run(data: &Path, args: &[&str]) -> Output {
    smppctl_with(data, args, Run::default()).await
}

async fn creds_set(data: &Path, profile: &str, password: &str, extra: &[&str]) -> Output {
    let line = format!("{password}\n");
    let args = [&["creds", "set", profile][..], extra].concat();
    smppctl_with(data, &args, Run { stdin: Some(&line), ..Run::default() }).await
}

/// The keyring answers, or the test fails saying how to provide one (set
/// SMPP_CONSOLE_SKIP_KEYRING_TESTS=1 to skip on a machine without a Secret Service).
async fn keyring_or_skip(data: &Path) -> bool {
    let out = run(data, &["profile", "add", "keyring probe", "--host", "127.0.0.1", "--system-id", "probe"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let set = creds_set(data, "keyring probe", "probe", &[]).await;
    let out = run(data, &["profile", "remove", "keyring probe"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    if set.status.code() == Some(0) {
        return true;
    }
    if std::env::var_os("SMPP_CONSOLE_SKIP_KEYRING_TESTS").is_some() {
        eprintln!("skipped: no usable OS keyring ({})", text(&set));
        return false;
    }
    panic!(
        "These tests need the OS keyring (a Secret Service such as gnome-keyring in the test's D-Bus session): \
         run them through `make test`, or `dbus-run-session -- sh -c 'eval \"$(printf test | gnome-keyring-daemon \
         --unlock --components=secrets)\"; cargo nextest run -p smppctl'`, or set SMPP_CONSOLE_SKIP_KEYRING_TESTS=1 \
         to skip them. smppctl said: {}",
        text(&set)
    );
}

async fn sim(system_id: &str, password: &str) -> Simulator {
    let mut config = SimConfig::new(system_id, password);
    config.dlr_delay = Duration::from_millis(20);
    Simulator::start("127.0.0.1:0", config).await.unwrap()
}

async fn add_profile(data: &Path, name: &str, sim: &Simulator, system_id: &str) {
    let port = sim.local_addr().port().to_string();
    let out =
        run(data, &["profile", "add", name, "--host", "127.0.0.1", "--port", &port, "--system-id", system_id]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
}

fn assert_no_password(out: &Output, passwords: &[&str]) {
    let all = text(out);
    for pw in passwords {
        assert!(!all.contains(pw), "the password {pw:?} was printed: {all}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_piped_password_is_stored_reported_and_binds_a_send_that_delivers() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    if !keyring_or_skip(&data).await {
        return;
    }
    let sim = sim("acme", "Pw7xQz1").await;
    add_profile(&data, "Acme", &sim, "acme").await;

    // No password yet: the send says how to set one.
    let out = run(&data, &["send", "--profile", "Acme", "--to", "+447700900123", "--text", "hi"]).await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("smppctl creds set"), "{}", text(&out));

    let out = creds_set(&data, "Acme", "Pw7xQz1", &[]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("stored in the OS keyring"), "{}", text(&out));
    assert_no_password(&out, &["Pw7xQz1"]);

    let out = run(&data, &["creds", "status", "Acme"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let status = text(&out);
    assert!(status.contains("password") && status.contains("set 20"), "set, with its time: {status}");
    assert!(!status.contains("not set"), "{status}");
    assert_no_password(&out, &["Pw7xQz1"]);
    let out = run(&data, &["creds", "status", "Acme", "--json"]).await;
    let status = json(&out);
    assert_eq!(status["passwordSet"], true, "{status}");
    assert!(status["setAt"].as_str().is_some() && status["problem"].is_null(), "{status}");
    assert_no_password(&out, &["Pw7xQz1"]);
    let out = run(&data, &["profile", "show", "Acme", "--json"]).await;
    assert_eq!(json(&out)["credential"]["passwordSet"], true);
    assert_no_password(&out, &["Pw7xQz1"]);

    // send --profile binds with the keyring's password and waits for the receipt.
    let out = run(
        &data,
        &["send", "--profile", "Acme", "--to", "+447700900123", "--text", "hello", "--wait-dlr", "10", "--json"],
    )
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let sent = json(&out);
    assert_eq!(sent["state"], "Delivered", "{sent}");
    assert_eq!(sent["profileName"], "Acme", "{sent}");
    assert_no_password(&out, &["Pw7xQz1"]);

    // SMPP_PASSWORD overrides the keyring, and the error says so.
    let out = smppctl_with(
        &data,
        &["send", "--profile", "Acme", "--to", "+447700900123", "--text", "hi"],
        Run { env: vec![("SMPP_PASSWORD", "Wr0ng99")], ..Run::default() },
    )
    .await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("ESME_RINVPASWD") && text(&out).contains("SMPP_PASSWORD"), "{}", text(&out));
    assert_no_password(&out, &["Pw7xQz1", "Wr0ng99"]);

    // bench --profile: the profile's endpoint and the keyring's password.
    let out = run(&data, &["bench", "--profile", "Acme", "--count", "20", "--json"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let report = json(&out);
    assert_eq!(report["statuses"]["ESME_ROK"], 20, "{report}");
    assert_eq!(report["window"], 10, "the profile's window: {report}");
    assert_no_password(&out, &["Pw7xQz1"]);

    // --profile excludes the ad-hoc endpoint flags.
    let out = run(&data, &["send", "--profile", "Acme", "--host", "x", "--to", "1", "--text", "x"]).await;
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));

    // Delete: the status says not set, and a send says how to set one again.
    let out = run(&data, &["creds", "delete", "Acme"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let status = json(&run(&data, &["creds", "status", "Acme", "--json"]).await);
    assert_eq!(status["passwordSet"], false, "{status}");
    let out = run(&data, &["profile", "remove", "Acme"]).await;
    assert!(text(&out).contains("1 logged message stays"), "{}", text(&out));
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_is_refused_with_esme_rinvpaswd() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    if !keyring_or_skip(&data).await {
        return;
    }
    let sim = sim("acme", "Right12").await;
    add_profile(&data, "Acme", &sim, "acme").await;
    let out = creds_set(&data, "Acme", "Wrong34", &[]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));

    let out = run(&data, &["profile", "test", "Acme"]).await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("ESME_RINVPASWD"), "{}", text(&out));
    // A copy has no password of its own until one is set.
    let out = run(&data, &["profile", "duplicate", "Acme", "Acme copy"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = run(&data, &["profile", "test", "Acme copy", "--json"]).await;
    assert!(json(&out)["summary"].as_str().unwrap_or_default().contains("No password is stored"), "{}", text(&out));
    creds_set(&data, "Acme copy", "Right12", &[]).await;
    let out = run(&data, &["profile", "test", "Acme copy"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("Bound as TRX"), "{}", text(&out));
    let _ = run(&data, &["profile", "remove", "Acme copy"]).await;

    let out = run(&data, &["send", "--profile", "Acme", "--to", "+447700900123", "--text", "hi"]).await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let err = text(&out);
    assert!(err.contains("ESME_RINVPASWD"), "{err}");
    assert!(err.contains("creds set"), "says how to fix it: {err}");
    assert_no_password(&out, &["Right12", "Wrong34"]);

    let out = run(&data, &["send", "--profile", "Acme", "--to", "+447700900123", "--text", "hi", "--json"]).await;
    assert_eq!(json(&out)["error"]["code"], "ESME_RINVPASWD");
    assert_no_password(&out, &["Right12", "Wrong34"]);
    let _ = run(&data, &["profile", "remove", "Acme"]).await;
    sim.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn during_a_rotation_the_previous_password_still_binds_and_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    if !keyring_or_skip(&data).await {
        return;
    }
    // The provider has not applied the reset yet: only the OLD password works.
    let sim = sim("acme", "Old1234").await;
    add_profile(&data, "Acme", &sim, "acme").await;
    let out = creds_set(&data, "Acme", "Old1234", &[]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = creds_set(&data, "Acme", "New5678", &["--keep-previous", "24"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("previous password still tried until"), "{}", text(&out));
    assert_no_password(&out, &["Old1234", "New5678"]);
    let status = json(&run(&data, &["creds", "status", "Acme", "--json"]).await);
    assert!(status["previousValidUntil"].as_str().is_some(), "{status}");

    let out = run(&data, &["send", "--profile", "Acme", "--to", "+447700900123", "--text", "hi", "--json"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert_eq!(json(&out)["state"], "Accepted");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("PREVIOUS password"), "says the previous password was used: {err}");
    assert_no_password(&out, &["Old1234", "New5678"]);

    // Without --keep-previous the old one is forgotten, and the SMSC's refusal stands.
    let out = creds_set(&data, "Acme", "New5678", &[]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = run(&data, &["send", "--profile", "Acme", "--to", "+447700900123", "--text", "hi"]).await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("ESME_RINVPASWD"), "{}", text(&out));
    let _ = run(&data, &["profile", "remove", "Acme"]).await;
    sim.shutdown().await;
}
