#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `smppctl log prune|vacuum|retention` on a log filled like live traffic.

mod common;

use common::{json, smppctl};
use console_core::Console;
use console_core::log_bench::fill_log;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prune_by_size_then_vacuum_and_the_stored_setting() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let console = Console::open(&data).await.unwrap();
    fill_log(console.db(), console.log_writer(), 0, 1500).await.unwrap();
    console.shutdown().await;

    let out = smppctl(&data, &["log", "prune", "--max-size-mb", "1", "--json"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let r = json(&out);
    assert!(r["messages"].as_u64().unwrap() > 0, "{r}");
    assert!(r["usedBytesAfter"].as_u64().unwrap() <= 1024 * 1024, "{r}");

    let out = smppctl(&data, &["log", "vacuum"]).await;
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("The log file went from"), "{text}");
    let out = smppctl(&data, &["log", "vacuum", "--json"]).await;
    let v = json(&out);
    assert!(v["fileBytesAfter"].as_u64().unwrap() <= v["fileBytesBefore"].as_u64().unwrap(), "{v}");

    // The setting the app prunes by: shown, changed in part, refused when it makes no sense.
    let out = smppctl(&data, &["log", "retention"]).await;
    assert!(String::from_utf8_lossy(&out.stdout).contains("kept forever, no size limit"));
    let out = smppctl(&data, &["log", "retention", "--days", "30", "--max-size-mb", "200", "--json"]).await;
    assert_eq!(json(&out), serde_json::json!({ "maxAgeDays": 30, "maxSizeMb": 200 }));
    let out = smppctl(&data, &["log", "retention", "--no-size-limit", "--json"]).await;
    assert_eq!(json(&out), serde_json::json!({ "maxAgeDays": 30, "maxSizeMb": null }));
    let out = smppctl(&data, &["log", "retention", "--days", "0"]).await;
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("at least 1 day"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Nothing is 30 days old: the stored setting prunes nothing.
    let out = smppctl(&data, &["log", "prune", "--json"]).await;
    assert_eq!(json(&out)["messages"], 0);
}
