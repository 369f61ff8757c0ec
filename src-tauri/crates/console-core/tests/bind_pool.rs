//! A profile with several binds: all bound at once, traffic shared among them, the rate limit
//! shared out, and every bind shown on the Binds page. Loopback TCP, real SQLite.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::time::Duration;

use console_core::model::{BindState, MessageState, SendRequest};
use console_core::{Console, ProfileInput, Reconnect};
use smsc_sim::{SimConfig, Simulator};

#[tokio::test]
async fn three_binds_share_the_traffic_and_the_rate_limit() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    let sim = Simulator::start("127.0.0.1:0", SimConfig::new("pool", "pool-pw")).await.unwrap();
    let mut input = ProfileInput {
        name: "Pool".into(),
        host: "127.0.0.1".into(),
        port: sim.local_addr().port(),
        system_id: "pool".into(),
        bind_count: 3,
        ..ProfileInput::default()
    };
    input.settings.rate_limit = Some(100);
    input.settings.window_size = 1;
    console.create_profile(&input).await.unwrap();
    let profile = console.profile("Pool").await.unwrap().unwrap();
    console.bind(profile, "pool-pw".into(), Reconnect::WithBackoff).await.unwrap();

    // Every bind comes up and is listed with its place in the pool and its share of the rate.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while console.list_binds().iter().filter(|b| b.state == BindState::Bound).count() < 3 {
        assert!(tokio::time::Instant::now() < deadline, "{:?}", console.list_binds());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let binds = console.list_binds();
    let mut places: Vec<_> = binds.iter().map(|b| (b.bind_index, b.bind_count, b.rate_limit)).collect();
    places.sort();
    assert_eq!(places, [(1, 3, Some(34)), (2, 3, Some(34)), (3, 3, Some(34))]);

    // Concurrent sends spread over the binds (window 1 each: a busy bind is passed over).
    let sends = (0..12).map(|i| {
        let console = console.clone();
        tokio::spawn(async move {
            let req = SendRequest {
                from: "Acme".into(),
                to: "+447700900123".into(),
                text: format!("pool {i}"),
                request_dlr: false,
            };
            console.send(Some("Pool"), &req).await.unwrap().message
        })
    });
    for s in sends {
        assert_eq!(s.await.unwrap().state, MessageState::Accepted);
    }
    let used: i64 =
        sqlx::query_scalar("SELECT COUNT(DISTINCT connection_id) FROM segments").fetch_one(console.db()).await.unwrap();
    assert!(used >= 2, "the traffic went over {used} bind(s)");

    // A connected profile is not renamed under its binds' feet.
    let mut renamed = input.clone();
    renamed.name = "Pool EU".into();
    let e = console.update_profile("Pool", &renamed).await.unwrap_err();
    assert!(e.to_string().contains("disconnect it on the Binds page"), "{e}");

    // Disconnect takes every bind of the profile down; then the rename goes through and the
    // old binds leave the Binds page.
    console.disconnect_bind("Pool").await.unwrap();
    assert!(console.list_binds().iter().all(|b| b.state == BindState::Disconnected));
    console.update_profile("Pool", &renamed).await.unwrap();
    assert!(console.list_binds().is_empty(), "{:?}", console.list_binds());
    console.shutdown().await;
}

#[tokio::test]
async fn a_tx_rx_pair_submits_on_the_transmitter_and_receives_on_the_receiver() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    let mut config = SimConfig::new("pair", "pair-pw");
    config.dlr_delay = Duration::from_millis(20);
    let sim = Simulator::start("127.0.0.1:0", config).await.unwrap();
    let input = ProfileInput {
        name: "Pair".into(),
        host: "127.0.0.1".into(),
        port: sim.local_addr().port(),
        system_id: "pair".into(),
        bind_type: "TX+RX".into(),
        ..ProfileInput::default()
    };
    console.create_profile(&input).await.unwrap();
    assert_eq!(console.profile_view("Pair").await.unwrap().profile.bind_type, "TX+RX");
    let profile = console.profile("Pair").await.unwrap().unwrap();
    console.bind(profile, "pair-pw".into(), Reconnect::WithBackoff).await.unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while console.list_binds().iter().filter(|b| b.state == BindState::Bound).count() < 2 {
        assert!(tokio::time::Instant::now() < deadline, "{:?}", console.list_binds());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mut kinds: Vec<_> = console.list_binds().into_iter().map(|b| b.bind_type).collect();
    kinds.sort();
    assert_eq!(kinds, ["RX", "TX"]);

    let req = SendRequest { from: "Acme".into(), to: "+447700900123".into(), text: "pair".into(), request_dlr: true };
    let sent = console.send(Some("Pair"), &req).await.unwrap().message;
    assert_eq!(sent.state, MessageState::Accepted, "submitted on the transmitter");
    // The receipt comes in on the receiver session and is matched to the message.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        let m = console.get_message(&sent.id).await.unwrap().unwrap();
        if m.state == MessageState::Delivered {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "no receipt: {m:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT bind_type FROM connections ORDER BY id").fetch_all(console.db()).await.unwrap();
    assert!(kinds.contains(&"TX".to_string()) && kinds.contains(&"RX".to_string()), "{kinds:?}");
    console.shutdown().await;
}

#[tokio::test]
async fn a_profile_binds_with_its_interface_version_system_type_and_address_range() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    let sim = Simulator::start("127.0.0.1:0", SimConfig::new("v50", "v50-pw")).await.unwrap();
    let input = ProfileInput {
        name: "SMPP 5.0".into(),
        host: "127.0.0.1".into(),
        port: sim.local_addr().port(),
        system_id: "v50".into(),
        system_type: "VMS".into(),
        address_range: "^44".into(),
        interface_version: "5.0".into(),
        ..ProfileInput::default()
    };
    console.create_profile(&input).await.unwrap();
    let profile = console.profile("SMPP 5.0").await.unwrap().unwrap();
    console.bind(profile, "v50-pw".into(), Reconnect::Never).await.unwrap();
    console.shutdown().await;

    // The bind_transceiver as logged (password masked): the fields after system_id and
    // password are system_type, interface_version, addr_ton, addr_npi, address_range.
    let db = console_core::db::open(&dir.path().join(console_core::db::DATABASE_FILE)).await.unwrap();
    let bytes: Vec<u8> = sqlx::query_scalar("SELECT bytes FROM pdus WHERE command_id = 9 AND direction = 'out'")
        .fetch_one(&db)
        .await
        .unwrap();
    let body = &bytes[16..];
    let mut fields = body.split(|b| *b == 0);
    assert_eq!(fields.next(), Some(&b"v50"[..]));
    fields.next(); // the masked password
    assert_eq!(fields.next(), Some(&b"VMS"[..]));
    let after_type = 16 + "v50".len() + 1 + body.split(|b| *b == 0).nth(1).unwrap().len() + 1 + "VMS".len() + 1;
    assert_eq!(bytes[after_type], 0x50, "interface_version 5.0");
    assert!(bytes.ends_with(b"^44\0"), "address_range");
}
