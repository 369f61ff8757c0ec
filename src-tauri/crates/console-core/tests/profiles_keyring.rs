//! Profiles with their passwords in the real OS keyring (Secret Service from a headless
//! gnome-keyring, started by `make test`), bound against the simulator over loopback TCP with
//! a real SQLite file: set, bind, rotate, delete, and a search of everything written for the
//! password.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::path::Path;
use std::time::Duration;

use console_core::model::{BindState, MessageState, SendRequest};
use console_core::{Console, ProfileInput, Reconnect, SetPassword};
use smsc_sim::{SimConfig, Simulator};

/// The keyring answers, or the test fails saying how to provide one (set
/// SMPP_CONSOLE_SKIP_KEYRING_TESTS=1 to skip on a machine without a Secret Service).
async fn keyring_or_skip(console: &Console) -> bool {
    let probe = ProfileInput {
        name: "keyring probe".into(),
        host: "127.0.0.1".into(),
        system_id: "probe".into(),
        ..ProfileInput::default()
    };
    console.create_profile(&probe).await.unwrap();
    let result = console.set_password("keyring probe", &set("probe")).await;
    console.delete_profile("keyring probe").await.unwrap();
    match result {
        Ok(_) => true,
        Err(e) if std::env::var_os("SMPP_CONSOLE_SKIP_KEYRING_TESTS").is_some() => {
            eprintln!("skipped: no usable OS keyring ({e})");
            false
        }
        Err(e) => panic!(
            "These tests need the OS keyring (run them through `make test`, which starts gnome-keyring, \
             or set SMPP_CONSOLE_SKIP_KEYRING_TESTS=1): {e}"
        ),
    }
}

fn set(password: &str) -> SetPassword {
    SetPassword { password: password.into(), keep_previous_hours: None }
}

fn profile(name: &str, sim: &Simulator, system_id: &str) -> ProfileInput {
    ProfileInput {
        name: name.into(),
        host: "127.0.0.1".into(),
        port: sim.local_addr().port(),
        system_id: system_id.into(),
        ..ProfileInput::default()
    }
}

fn request(text: &str) -> SendRequest {
    SendRequest { from: "Acme".into(), to: "+447700900123".into(), text: text.into(), request_dlr: true }
}

async fn sim(system_id: &str, password: &str) -> Simulator {
    let mut config = SimConfig::new(system_id, password);
    config.dlr_delay = Duration::from_millis(20);
    Simulator::start("127.0.0.1:0", config).await.unwrap()
}

fn bind_state(console: &Console, name: &str) -> (BindState, Option<String>, Option<String>) {
    let b = console.list_binds().into_iter().find(|b| b.profile_name == name).unwrap();
    (b.state, b.detail, b.notice)
}

#[tokio::test]
async fn a_password_set_in_the_keyring_binds_and_sends_and_can_be_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    if !keyring_or_skip(&console).await {
        return;
    }
    let sim = sim("acme", "pw-one").await;
    console.create_profile(&profile("Acme", &sim, "acme")).await.unwrap();

    let none = console.connect_profile("Acme").await.err().unwrap();
    assert!(none.to_string().contains("No password is stored for Acme"), "{none}");
    let status = console.credential_status("Acme").await.unwrap();
    assert!(!status.password_set && status.problem.is_none(), "{status:?}");

    let status = console.set_password("Acme", &set("pw-one")).await.unwrap();
    assert!(status.password_set && status.set_at.is_some() && status.previous_valid_until.is_none(), "{status:?}");
    assert!(!console.connect_profile("Acme").await.unwrap(), "the current password was used");
    let sent = console.send(Some("Acme"), &request("through a keyring password")).await.unwrap();
    assert_eq!(sent.message.state, MessageState::Accepted);

    // Test connection binds once beside the profile's own bind (down here) and unbinds.
    console.disconnect_bind("Acme").await.unwrap();
    let test = console.test_connection("Acme").await.unwrap();
    assert!(test.ok, "{test:?}");
    assert!(test.summary.contains("Bound as TRX to 127.0.0.1"), "{}", test.summary);

    // The Binds page's Connect needs no earlier bind in this session: the keyring has the
    // password. A new password is used at once, not the one the last bind remembered.
    console.connect_bind("Acme").await.unwrap();
    console.set_password("Acme", &set("pw-two")).await.unwrap();
    let refused = console.connect_bind("Acme").await.err().unwrap();
    assert_eq!(refused.code(), "ESME_RINVPASWD", "{refused}");
    console.set_password("Acme", &set("pw-one")).await.unwrap();
    console.disconnect_bind("Acme").await.unwrap();

    let status = console.delete_password("Acme").await.unwrap();
    assert!(!status.password_set);
    let test = console.test_connection("Acme").await.unwrap();
    assert!(!test.ok && test.summary.contains("No password is stored"), "{test:?}");

    // Deleting the profile keeps what was logged through it, under its old name.
    console.set_password("Acme", &set("pw-one")).await.unwrap();
    assert_eq!(console.delete_profile("Acme").await.unwrap(), 1, "one message stays in the log");
    assert!(console.list_binds().iter().all(|b| b.profile_name != "Acme"), "its bind is gone");
    let kept = console.get_message(&sent.message.id).await.unwrap().expect("the message stays");
    assert!(kept.profile_name.starts_with("Acme (deleted "), "{}", kept.profile_name);
    // Its name is free again, and the new profile does not inherit the old password.
    console.create_profile(&profile("Acme", &sim, "acme")).await.unwrap();
    assert!(!console.credential_status("Acme").await.unwrap().password_set);
    console.shutdown().await;
}

#[tokio::test]
async fn a_refused_password_is_not_retried_and_a_rotation_binds_with_the_previous_one() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    if !keyring_or_skip(&console).await {
        return;
    }
    // The provider still accepts only the old password (its reset is not applied yet).
    let sim = sim("tele", "old-pw").await;
    console.create_profile(&profile("Telesign test", &sim, "tele")).await.unwrap();

    console.set_password("Telesign test", &set("wrong")).await.unwrap();
    let refused = console.connect_profile("Telesign test").await.err().unwrap();
    assert_eq!(refused.code(), "ESME_RINVPASWD", "{refused}");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let (state, detail, _) = bind_state(&console, "Telesign test");
    assert_eq!(state, BindState::Error);
    assert!(detail.unwrap_or_default().contains("Not retrying"));
    let reconnects = console.list_binds().into_iter().find(|b| b.profile_name == "Telesign test").unwrap().reconnects;
    assert_eq!(reconnects, 0, "a refused password is not hammered on the SMSC");

    // Rotation as Telesign describes it: the new password is set, the old one kept 24 h.
    console.set_password("Telesign test", &set("old-pw")).await.unwrap();
    let rotated = console
        .set_password("Telesign test", &SetPassword { password: "new-pw".into(), keep_previous_hours: Some(24) })
        .await
        .unwrap();
    let until = rotated.previous_valid_until.expect("the previous password is kept");
    assert!((23.9..=24.0).contains(&hours_until(&until)), "{until}");

    assert!(console.connect_profile("Telesign test").await.unwrap(), "bound with the previous password");
    let (state, _, notice) = bind_state(&console, "Telesign test");
    assert_eq!(state, BindState::Bound);
    let notice = notice.expect("the Binds page says so");
    assert!(notice.contains("PREVIOUS password") && notice.contains("ESME_RINVPASWD"), "{notice}");
    let sent = console.send(Some("Telesign test"), &request("during rotation")).await.unwrap();
    assert_eq!(sent.message.state, MessageState::Accepted);
    let test = console.test_connection("Telesign test").await.unwrap();
    assert!(test.ok && test.used_previous_password && test.summary.contains("PREVIOUS"), "{test:?}");

    // Without a rotation window the old password is forgotten: the refusal is final.
    console.set_password("Telesign test", &set("new-pw")).await.unwrap();
    assert!(console.credential_status("Telesign test").await.unwrap().previous_valid_until.is_none());
    let test = console.test_connection("Telesign test").await.unwrap();
    assert_eq!((test.ok, test.code.as_deref()), (false, Some("ESME_RINVPASWD")), "{test:?}");
    console.shutdown().await;
}

/// Hours from now until an RFC 3339 time.
fn hours_until(rfc3339: &str) -> f64 {
    let t = time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339).unwrap();
    (t - time::OffsetDateTime::now_utc()).as_seconds_f64() / 3600.0
}

#[tokio::test]
async fn nothing_the_console_writes_contains_the_password() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    if !keyring_or_skip(&console).await {
        return;
    }
    // Distinctive bytes that occur nowhere by chance.
    const SECRET: &str = "Qz7#vK2!";
    const PREVIOUS: &str = "Jm4%tR9w";
    let sim = sim("leaky", SECRET).await;
    console.create_profile(&profile("Leak check", &sim, "leaky")).await.unwrap();
    console.set_password("Leak check", &set(PREVIOUS)).await.unwrap();
    console
        .set_password("Leak check", &SetPassword { password: SECRET.into(), keep_previous_hours: Some(1) })
        .await
        .unwrap();
    assert!(!console.connect_profile_with("Leak check", Reconnect::WithBackoff).await.unwrap());
    let sent = console.send(Some("Leak check"), &request("leak test")).await.unwrap();
    assert_eq!(sent.message.state, MessageState::Accepted);
    console.test_connection("Leak check").await.unwrap();
    let trace = console.trace(&sent.message.id, &Default::default()).await.unwrap();
    let summary = console.trace_summary(&trace).await.unwrap();
    let export = console.export_profiles(&[]).await.unwrap();
    let views = serde_json::to_string(&console.list_profiles().await.unwrap()).unwrap();
    let binds = serde_json::to_string(&console.list_binds()).unwrap();
    let status = serde_json::to_string(&console.credential_status("Leak check").await.unwrap()).unwrap();
    // Errors that concern the password: a refused bind and a rejected password.
    let too_long = console.set_password("Leak check", &set("Qz7#vK2!x")).await.err().unwrap().to_string();
    let debug = format!("{:?}", SetPassword { password: SECRET.into(), keep_previous_hours: None });

    // The bind PDU is in the log, with the password masked.
    let bind_pdus: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM pdus WHERE command_id = 9").fetch_one(console.db()).await.unwrap();
    assert!(bind_pdus >= 1, "the bind_transceiver is logged");
    console.shutdown().await;

    for (what, text) in [
        ("trace summary", &summary),
        ("export", &export),
        ("profile list", &views),
        ("bind status", &binds),
        ("credential status", &status),
        ("error message", &too_long),
        ("debug output", &debug),
    ] {
        for secret in [SECRET, PREVIOUS] {
            assert!(!text.contains(secret), "the password leaked into the {what}: {text}");
        }
    }
    // The search itself works: the system_id, bound beside the password, is found.
    assert!(!files_containing(dir.path(), b"leaky").is_empty());
    for secret in [SECRET, PREVIOUS] {
        let found = files_containing(dir.path(), secret.as_bytes());
        assert!(found.is_empty(), "the password is in {found:?}");
    }
}

/// Every file under `dir` (the database, its WAL, anything else written) holding `needle`.
fn files_containing(dir: &Path, needle: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    let mut files = 0;
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            files += 1;
            let bytes = std::fs::read(&path).unwrap();
            if bytes.windows(needle.len()).any(|w| w == needle) {
                found.push(path.display().to_string());
            }
        }
    }
    assert!(files >= 1, "the data directory holds the log");
    found
}
