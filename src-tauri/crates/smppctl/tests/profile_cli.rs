#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `smppctl profile …` without the keyring: add, list, show, edit, remove, export, import, the
//! validation messages, and what still works when the OS keyring cannot be reached.

mod common;
use common::{Run, json, smppctl_with, text};

async fn run(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    smppctl_with(data, args, Run::default()).await
}

fn assert_ok(out: &std::process::Output) {
    assert_eq!(out.status.code(), Some(0), "{}", text(out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn profiles_round_trip_through_add_edit_export_remove_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    // A preset fills the defaults, explicit flags win.
    let out = run(
        &data,
        &[
            "profile",
            "add",
            "Acme",
            "--preset",
            "telesign",
            "--host",
            "127.0.0.1",
            "--port",
            "2776",
            "--system-id",
            "acme",
            "--window",
            "5",
            "--rate",
            "50",
            "--bind",
            "tx+rx",
            "--failover",
            "10.0.0.2:2777",
            "--source-addr",
            "Acme",
        ],
    )
    .await;
    assert_ok(&out);
    assert!(text(&out).contains("smppctl creds set \"Acme\""), "{}", text(&out));
    let out = run(&data, &["profile", "add", "Beta", "--host", "smsc.example", "--system-id", "beta"]).await;
    assert_ok(&out);

    let out = run(&data, &["profile", "list"]).await;
    assert_ok(&out);
    let listing = text(&out);
    assert!(listing.contains("NAME") && listing.contains("Acme") && listing.contains("Beta"), "{listing}");
    assert!(listing.contains("127.0.0.1:2776 (TLS)"), "{listing}");

    let list = json(&run(&data, &["profile", "list", "--json"]).await);
    let names: Vec<&str> = list.as_array().unwrap().iter().filter_map(|v| v["profile"]["name"].as_str()).collect();
    assert!(names.contains(&"Acme") && names.contains(&"Beta"), "{list}");

    let acme = json(&run(&data, &["profile", "show", "Acme", "--json"]).await);
    let p = &acme["profile"];
    assert_eq!(p["preset"], "telesign");
    assert_eq!(
        (p["host"].as_str(), p["port"].as_u64(), p["tls"].as_bool()),
        (Some("127.0.0.1"), Some(2776), Some(true))
    );
    assert_eq!(p["bindType"], "TX+RX");
    assert_eq!(p["settings"]["windowSize"], 5);
    assert_eq!(p["settings"]["rateLimit"], 50);
    // Telesign's timers from its guide.
    assert_eq!(p["settings"]["enquireLinkMs"], 30_000);
    assert_eq!(p["failoverHosts"][0]["port"], 2777);
    assert_eq!(acme["credential"]["passwordSet"], false);
    let shown = text(&run(&data, &["profile", "show", "Acme"]).await);
    assert!(shown.contains("system_id") && shown.contains("acme") && shown.contains("not set"), "{shown}");

    // Edit: only the flags given change; a rename keeps everything else.
    let out =
        run(&data, &["profile", "edit", "Acme", "--rename", "Acme EU", "--no-tls", "--no-rate", "--binds", "2"]).await;
    assert_ok(&out);
    let edited = json(&run(&data, &["profile", "show", "Acme EU", "--json"]).await);
    let p = &edited["profile"];
    assert_eq!((p["tls"].as_bool(), p["bindCount"].as_u64()), (Some(false), Some(2)));
    assert!(p["settings"]["rateLimit"].is_null(), "{edited}");
    assert_eq!((p["systemId"].as_str(), p["settings"]["windowSize"].as_u64()), (Some("acme"), Some(5)));
    let out = run(&data, &["profile", "show", "Acme"]).await;
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("no profile named \"Acme\""), "{}", text(&out));

    // Export to a file and to stdout: no secret fields at all.
    let file = dir.path().join("profiles.json");
    let out = run(&data, &["profile", "export", "-o", file.to_str().unwrap()]).await;
    assert_ok(&out);
    let exported: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(exported["format"], "smpp-console-profiles");
    assert_eq!(exported["profiles"].as_array().unwrap().len(), 2);
    let only_beta = json(&run(&data, &["profile", "export", "Beta"]).await);
    assert_eq!(only_beta["profiles"].as_array().unwrap().len(), 1);
    assert!(!std::fs::read_to_string(&file).unwrap().to_lowercase().contains("password"));

    // Remove says how many logged messages stay.
    let out = run(&data, &["profile", "remove", "Acme EU"]).await;
    assert_ok(&out);
    assert!(text(&out).contains("0 logged messages stay"), "{}", text(&out));

    // Import: a taken name refuses the whole file unless --replace.
    let out = run(&data, &["profile", "import", file.to_str().unwrap()]).await;
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("Beta") && text(&out).contains("replace"), "{}", text(&out));
    assert!(json(&run(&data, &["profile", "show", "Acme EU", "--json"]).await)["error"]["code"] == "unknown_profile");
    let out = run(&data, &["profile", "import", file.to_str().unwrap(), "--replace", "--json"]).await;
    assert_ok(&out);
    assert_eq!(json(&out)["imported"].as_array().unwrap().len(), 2);
    let back = json(&run(&data, &["profile", "show", "Acme EU", "--json"]).await);
    assert_eq!(back["profile"], edited["profile"], "an import restores the exported fields");

    // Another database imports it too.
    let other = dir.path().join("other");
    let out = run(&other, &["profile", "import", file.to_str().unwrap()]).await;
    assert_ok(&out);
    assert!(text(&out).contains("creds set"), "{}", text(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_profiles_are_explained_field_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");

    let out = run(
        &data,
        &["profile", "add", "Acme", "--host", "127.0.0.1", "--port", "0", "--system-id", "abcdefghijklmnop"],
    )
    .await;
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    let system_id = lines.iter().find(|l| l.contains("--system-id")).unwrap_or_else(|| panic!("{err}"));
    assert!(system_id.contains("15"), "{err}");
    let port = lines.iter().find(|l| l.contains("--port")).unwrap_or_else(|| panic!("{err}"));
    assert!(port.contains("1-65535"), "{err}");
    assert_ne!(system_id, port, "one line per field: {err}");

    // --json: the ApiError object, with the fields.
    let out =
        run(&data, &["profile", "add", "Acme", "--host", "127.0.0.1", "--port", "0", "--system-id", "ok", "--json"])
            .await;
    assert_eq!(out.status.code(), Some(2));
    let e = json(&out);
    assert_eq!(e["error"]["code"], "validation");
    assert!(e["error"]["message"].as_str().unwrap().contains("port"), "{e}");
    assert_eq!(e["error"]["fields"][0]["field"], "port", "{e}");

    // Nothing was stored.
    let list = json(&run(&data, &["profile", "list", "--json"]).await);
    assert!(list.as_array().unwrap().iter().all(|v| v["profile"]["name"] != "Acme"), "{list}");

    // An edit is validated the same way, and a bad --failover is refused by the parser.
    assert_eq!(run(&data, &["profile", "add", "Acme", "--host", "h", "--system-id", "a"]).await.status.code(), Some(0));
    let out = run(&data, &["profile", "edit", "Acme", "--window", "0"]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("--window"), "{}", text(&out));
    let out = run(&data, &["profile", "edit", "Acme", "--failover", "nohost"]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("HOST:PORT"), "{}", text(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_keyring_creds_set_explains_and_profiles_still_work() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let no_keyring = || Run {
        env: vec![("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")],
        env_remove: vec!["DISPLAY"],
        stdin: Some("s3cret-x\n"),
    };

    let out =
        smppctl_with(&data, &["profile", "add", "Acme", "--host", "127.0.0.1", "--system-id", "acme"], no_keyring())
            .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = smppctl_with(&data, &["profile", "list"], no_keyring()).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("Acme"), "{}", text(&out));

    let out = smppctl_with(&data, &["creds", "set", "Acme"], no_keyring()).await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let err = text(&out);
    assert!(err.contains("keyring") && err.contains("not available"), "says the keyring is unavailable: {err}");
    assert!(err.contains("Start a Secret Service provider"), "says how to fix it: {err}");
    assert!(!err.contains("s3cret-x"), "{err}");

    let out = smppctl_with(&data, &["creds", "status", "Acme", "--json"], no_keyring()).await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let status = json(&out);
    assert_eq!(status["passwordSet"], false);
    assert!(status["problem"].as_str().unwrap().contains("Secret Service"), "{status}");

    // A send through the profile says why it cannot get the password.
    let out =
        smppctl_with(&data, &["send", "--profile", "Acme", "--to", "+447700900123", "--text", "hi"], no_keyring())
            .await;
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("keyring"), "{}", text(&out));
}
