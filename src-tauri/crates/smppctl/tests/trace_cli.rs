#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `smppctl trace` and `smppctl log list` as binaries, over a log written by `smppctl send`
//! against the simulator.

use std::time::Duration;

mod common;
use common::{json, smppctl};
use smsc_sim::{SimConfig, Simulator};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trace_and_log_list_read_what_send_wrote() {
    let mut config = SimConfig::new("esme", "secret");
    config.dlr_delay = Duration::from_millis(30);
    let sim = Simulator::start("127.0.0.1:0", config).await.unwrap();
    let port = sim.local_addr().port().to_string();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let send = |to: &'static str, text: &'static str, wait: bool| {
        let (data, port) = (data.clone(), port.clone());
        async move {
            let mut args = vec!["send", "--host", "127.0.0.1", "--port", &port, "--system-id", "esme"];
            args.extend(["--to", to, "--text", text, "--json"]);
            if wait {
                args.extend(["--wait-dlr", "10"]);
            }
            smppctl(&data, &args).await
        }
    };

    // Nothing logged yet: a clear failure, not an empty success.
    let out = smppctl(&data, &["trace", "12345"]).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no message log"), "{out:?}");

    let delivered = json(&send("+447700900123", "Trace me please", true).await);
    assert_eq!(delivered["state"], "Delivered", "{delivered}");
    let rejected = send("+0000123", "Refused", false).await;
    assert_eq!(rejected.status.code(), Some(1));
    let smsc_id = delivered["smscMessageId"].as_str().unwrap().to_string();
    let id = delivered["id"].as_str().unwrap().to_string();

    // By the SMSC id in lower case with leading zeros, as JSON.
    let out = smppctl(&data, &["trace", &format!("00{}", smsc_id.to_lowercase()), "--json"]).await;
    assert_eq!(out.status.code(), Some(0));
    let r = json(&out);
    assert_eq!(r["messages"][0]["message"]["id"], id.as_str(), "{r}");
    assert_eq!(r["messages"][0]["matchedBy"], "smscId");
    let kinds: Vec<&str> =
        r["messages"][0]["timeline"].as_array().unwrap().iter().map(|e| e["step"]["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["queued", "submitSm", "submitSmResp", "receipt", "final"]);

    // By number, human-readable.
    let out = smppctl(&data, &["trace", "+44 7700 900123"]).await;
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("1 message matched") && text.contains("submit_sm_resp ESME_ROK"), "{text}");
    assert!(text.contains("stat DELIVRD err 000"), "{text}");

    // The rejected one shows its status name and meaning; --summary gives the ticket text.
    let out = smppctl(&data, &["trace", "0000123", "--summary"]).await;
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("ESME_RINVDSTADR") && text.contains("Invalid destination address"), "{text}");
    assert!(text.contains("submit_sm_resp: 00000010800000040000000b"), "{text}");

    // Nothing matched: exit 1 and a message; bad usage: exit 2.
    let out = smppctl(&data, &["trace", "no such words"]).await;
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing matched"), "{out:?}");
    assert_eq!(smppctl(&data, &["trace", &id, "--limit", "0"]).await.status.code(), Some(2));
    assert_eq!(smppctl(&data, &["trace"]).await.status.code(), Some(2));

    // log list with filters.
    let out = smppctl(&data, &["log", "list", "--json"]).await;
    let all = json(&out);
    assert_eq!(all["messages"].as_array().unwrap().len(), 2, "{all}");
    let out = smppctl(&data, &["log", "list", "--state", "submitfailed", "--json"]).await;
    let failed = json(&out);
    assert_eq!(failed["messages"].as_array().unwrap().len(), 1);
    assert_eq!(failed["messages"][0]["error"]["code"], "ESME_RINVDSTADR");
    let out =
        smppctl(&data, &["log", "list", "--to", "447700900123", "--direction", "MT", "--since-minutes", "5"]).await;
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&id) && text.contains("Delivered") && !text.contains("Refused"), "{text}");
    let out = smppctl(&data, &["log", "list", "--since", "2999-01-01T00:00:00Z", "--json"]).await;
    assert_eq!(json(&out)["messages"].as_array().unwrap().len(), 0);
    assert_eq!(smppctl(&data, &["log", "list", "--direction", "sideways"]).await.status.code(), Some(2));
    assert_eq!(smppctl(&data, &["log", "list", "--since", "yesterday"]).await.status.code(), Some(2));
    sim.shutdown().await;
}
