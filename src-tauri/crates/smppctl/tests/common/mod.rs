//! Helpers shared by the smppctl integration tests: run the binary on a data dir, read JSON.

use std::path::Path;
use std::process::Output;

/// Runs `smppctl --data-dir DIR ARGS…` with SMPP_PASSWORD=secret.
pub async fn smppctl(data_dir: &Path, args: &[&str]) -> Output {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_smppctl"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("SMPP_PASSWORD", "secret")
        .output()
        .await
        .unwrap()
}

/// stdout as JSON, or a panic that shows both streams.
pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    })
}
