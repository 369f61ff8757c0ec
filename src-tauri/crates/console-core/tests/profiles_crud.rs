//! Managing profiles in a real SQLite file: create from a preset, edit, rename, duplicate,
//! delete, export and import, with validation that names every field's problem. Nothing here
//! needs a password, so nothing here needs the keyring.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use console_core::presets::preset;
use console_core::{Console, CoreError, HostPort, LOCAL_SIMULATOR_PROFILE, ProfileInput};

fn telesign(name: &str) -> ProfileInput {
    let mut p = ProfileInput::from_preset(&preset("telesign").unwrap());
    p.name = name.into();
    p.system_id = "acct1".into();
    p.failover_hosts = vec![HostPort { host: "smpp2.tsentcloud.com".into(), port: 3550 }];
    p
}

#[tokio::test]
async fn create_edit_rename_duplicate_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    let created = console.create_profile(&telesign("Telesign prod")).await.unwrap();
    assert_eq!(created.profile, telesign("Telesign prod"), "every field is stored as given");
    assert!(!created.builtin && !created.credential.password_set);
    assert_eq!(created.credential.store, "keyring");

    // The preset only filled defaults: everything is the user's to change.
    let mut edited = created.profile.clone();
    edited.name = "Telesign EU".into();
    edited.port = 3551;
    edited.tls = false;
    edited.settings.window_size = 50;
    edited.settings.rate_limit = Some(30);
    edited.bind_count = 2;
    edited.interface_version = "5.0".into();
    edited.source_addr = "Acme".into();
    edited.source_ton = Some(5);
    edited.source_npi = Some(0);
    edited.concat_method = "sar".into();
    edited.failover_hosts.clear();
    let view = console.update_profile("Telesign prod", &edited).await.unwrap();
    assert_eq!(view.profile, edited);
    assert!(matches!(console.profile_view("Telesign prod").await, Err(CoreError::UnknownProfile(_))));
    // The bind settings the binds use come from the same row.
    let stored = console.profile("Telesign EU").await.unwrap().unwrap();
    assert_eq!((stored.settings.window_size, stored.interface_version), (50, 0x50));
    assert!(!stored.transport().is_tls());

    let copy = console.duplicate_profile("Telesign EU", "Telesign EU 2").await.unwrap();
    assert_eq!(copy.profile, ProfileInput { name: "Telesign EU 2".into(), ..edited.clone() });
    let taken = console.duplicate_profile("Telesign EU", "Telesign EU 2").await.err().unwrap();
    assert!(taken.to_string().contains("A profile named \"Telesign EU 2\" exists"), "{taken}");

    let names: Vec<_> = console.list_profiles().await.unwrap().into_iter().map(|v| v.profile.name).collect();
    assert_eq!(names, ["Telesign EU", "Telesign EU 2"]);
    assert_eq!(console.delete_profile("Telesign EU 2").await.unwrap(), 0);
    let names: Vec<_> = console.list_profiles().await.unwrap().into_iter().map(|v| v.profile.name).collect();
    assert_eq!(names, ["Telesign EU"]);
    console.shutdown().await;
}

#[tokio::test]
async fn invalid_profiles_are_refused_field_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    let mut p = telesign("Bad");
    p.system_id = "a-system-id-of-16".into();
    p.port = 0;
    p.dest_ton = 9;
    let e = console.create_profile(&p).await.err().unwrap();
    assert_eq!(e.code(), "validation");
    let CoreError::InvalidProfile(fields) = &e else { panic!("{e:?}") };
    let names: Vec<_> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(names, ["port", "systemId", "destTon"]);
    let text = e.to_string();
    assert!(text.starts_with("The profile was not saved.") && text.contains("at most 15"), "{text}");
    assert!(console.list_profiles().await.unwrap().is_empty(), "nothing was stored");

    // The form's live check also knows names already taken.
    console.create_profile(&telesign("Taken")).await.unwrap();
    let errors = console.validate_profile(&telesign("Taken"), None).await.unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "name");
    assert!(console.validate_profile(&telesign("Taken"), Some("Taken")).await.unwrap().is_empty());
    console.shutdown().await;
}

#[tokio::test]
async fn export_and_import_round_trip_without_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    console.create_profile(&telesign("A")).await.unwrap();
    let mut b = telesign("B");
    b.preset = "generic".into();
    b.host = "smsc.example.net".into();
    b.port = 2775;
    b.tls = false;
    console.create_profile(&b).await.unwrap();
    let json = console.export_profiles(&[]).await.unwrap();
    assert!(json.contains("\"format\": \"smpp-console-profiles\""), "{json}");
    assert!(!json.to_lowercase().contains("password"), "an export has no password field: {json}");

    let other = tempfile::tempdir().unwrap();
    let fresh = Console::open(other.path()).await.unwrap();
    assert_eq!(fresh.import_profiles(&json, false).await.unwrap(), ["A", "B"]);
    let a = fresh.profile_view("A").await.unwrap();
    assert_eq!(a.profile, telesign("A"));
    assert!(!a.credential.password_set, "passwords are set after importing");

    // Importing again: the names are taken; nothing changes unless asked to replace.
    let e = fresh.import_profiles(&json, false).await.err().unwrap();
    assert!(e.to_string().contains("Nothing was imported") && e.to_string().contains("A, B"), "{e}");
    let mut changed: serde_json::Value = serde_json::from_str(&json).unwrap();
    changed["profiles"][0]["port"] = 4000.into();
    let changed = changed.to_string();
    assert_eq!(fresh.import_profiles(&changed, true).await.unwrap(), ["A", "B"]);
    assert_eq!(fresh.profile_view("A").await.unwrap().profile.port, 4000);

    // A broken or foreign file says what it is, and nothing is half-imported.
    let mut bad: serde_json::Value = serde_json::from_str(&json).unwrap();
    bad["profiles"][1]["systemId"] = "x".repeat(20).into();
    bad["profiles"][0]["name"] = "C".into();
    let e = fresh.import_profiles(&bad.to_string(), false).await.err().unwrap();
    assert!(e.to_string().contains("B.systemId"), "{e}");
    assert!(matches!(fresh.profile_view("C").await, Err(CoreError::UnknownProfile(_))), "all or nothing");
    let e = fresh.import_profiles("{\"hello\": 1}", false).await.err().unwrap();
    assert!(e.to_string().contains("not a profiles file"), "{e}");
    console.shutdown().await;
    fresh.shutdown().await;
}

#[tokio::test]
async fn the_builtin_simulator_is_listed_but_not_editable() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    console.start_local_simulator(std::time::Duration::from_millis(50)).await.unwrap();
    let list = console.list_profiles().await.unwrap();
    assert_eq!(list[0].profile.name, LOCAL_SIMULATOR_PROFILE);
    assert!(list[0].builtin && list[0].credential.password_set);
    assert_eq!(list[0].credential.store, "local file");
    let e = console.update_profile(LOCAL_SIMULATOR_PROFILE, &list[0].profile).await.err().unwrap();
    assert!(e.to_string().contains("duplicate it"), "{e}");
    assert!(console.delete_profile(LOCAL_SIMULATOR_PROFILE).await.is_err());
    let copy = console.duplicate_profile(LOCAL_SIMULATOR_PROFILE, "My simulator copy").await.unwrap();
    assert!(!copy.builtin && copy.profile.preset == "generic");
    assert!(!console.export_profiles(&[]).await.unwrap().contains(LOCAL_SIMULATOR_PROFILE));
    // Its connection test uses the simulator's own password, no keyring needed.
    let test = console.test_connection(LOCAL_SIMULATOR_PROFILE).await.unwrap();
    assert!(test.ok, "{test:?}");
    console.shutdown().await;
}
