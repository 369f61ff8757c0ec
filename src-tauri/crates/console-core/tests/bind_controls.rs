//! The Binds page's buttons: disconnect, connect and reconnect a profile's bind, against the
//! built-in simulator over loopback TCP with a real SQLite file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use std::time::Duration;

use console_core::model::{BindState, MessageState, SendRequest};
use console_core::{Console, LOCAL_SIMULATOR_PROFILE};

fn request(text: &str) -> SendRequest {
    SendRequest { from: "Acme".into(), to: "+447700900123".into(), text: text.into(), request_dlr: false }
}

fn state(console: &Console) -> BindState {
    console.list_binds().into_iter().find(|b| b.profile_name == LOCAL_SIMULATOR_PROFILE).unwrap().state
}

#[tokio::test]
async fn disconnect_keeps_the_bind_down_until_connect() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    console.start_local_simulator(Duration::from_millis(50)).await.unwrap();
    assert_eq!(state(&console), BindState::Bound);

    console.disconnect_bind(LOCAL_SIMULATOR_PROFILE).await.unwrap();
    assert_eq!(state(&console), BindState::Disconnected);
    // It does not come back by itself, and sending says why at once.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(state(&console), BindState::Disconnected);
    // The message is recorded (nothing lost) as Failed with the reason.
    let down = tokio::time::timeout(Duration::from_secs(5), console.send(None, &request("while down")))
        .await
        .expect("a send on a disconnected bind must not wait")
        .unwrap()
        .message;
    assert_eq!(down.state, MessageState::Failed);
    let error = down.error.unwrap();
    assert_eq!(error.code, "not_bound");
    assert!(error.message.contains("Disconnected"), "{}", error.message);

    console.connect_bind(LOCAL_SIMULATOR_PROFILE).await.unwrap();
    assert_eq!(state(&console), BindState::Bound);
    assert_eq!(console.list_binds().len(), 1, "connect replaces the bind, it does not add one");
    let sent = console.send(None, &request("after connect")).await.unwrap();
    assert_eq!(sent.message.state, MessageState::Accepted);

    // Reconnect is connect on a live bind: a fresh session, still one bind.
    console.connect_bind(LOCAL_SIMULATOR_PROFILE).await.unwrap();
    assert_eq!(state(&console), BindState::Bound);
    assert_eq!(console.list_binds().len(), 1);
    let sent = console.send(None, &request("after reconnect")).await.unwrap();
    assert_eq!(sent.message.state, MessageState::Accepted);
    console.shutdown().await;
}

#[tokio::test]
async fn controls_name_what_is_wrong_with_an_unknown_profile() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::open(dir.path()).await.unwrap();
    let err = console.disconnect_bind("nope").await.unwrap_err();
    assert_eq!(err.code(), "unknown_profile");
    let err = console.connect_bind("nope").await.unwrap_err();
    assert_eq!(err.code(), "unknown_profile");
    assert!(err.to_string().contains("nope"), "{err}");
    console.shutdown().await;
}
