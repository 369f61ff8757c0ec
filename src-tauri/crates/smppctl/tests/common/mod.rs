//! Helpers shared by the smppctl integration tests: run the binary on a data dir, read JSON.

use std::path::Path;
use std::process::Output;

/// Runs `smppctl --data-dir DIR ARGS…` with SMPP_PASSWORD=secret.
#[allow(dead_code)] // not every test crate uses every helper
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

/// Starts a bulk send that lasts (`smppctl send --repeat 100000 --parallel 20`, password
/// "secret") to the simulator on `port` as "esme", for the crash tests to kill.
#[allow(dead_code)] // not every test crate uses every helper
pub fn bulk_send(data_dir: &Path, port: u16, stderr: std::process::Stdio) -> tokio::process::Child {
    tokio::process::Command::new(env!("CARGO_BIN_EXE_smppctl"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(["send", "--host", "127.0.0.1", "--port", &port.to_string(), "--system-id", "esme"])
        .args(["--to", "+447700900123", "--text", "bulk", "--repeat", "100000", "--parallel", "20"])
        .env("SMPP_PASSWORD", "secret")
        .stdout(std::process::Stdio::null())
        .stderr(stderr)
        .kill_on_drop(true)
        .spawn()
        .unwrap()
}

/// stdout as JSON, or a panic that shows both streams.
#[allow(dead_code)] // not every test crate uses every helper
pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    })
}

/// How to run smppctl for the profile and credential tests: which environment variables to
/// set or remove, and what to write to its stdin (a pipe, never a terminal).
#[allow(dead_code)] // not every test crate uses every helper
#[derive(Debug, Default)]
pub struct Run<'a> {
    pub env: Vec<(&'a str, &'a str)>,
    pub env_remove: Vec<&'a str>,
    pub stdin: Option<&'a str>,
}

/// Runs `smppctl --data-dir DIR ARGS…` WITHOUT SMPP_PASSWORD (so a profile's keyring password
/// is used), with `run`'s environment changes and stdin.
#[allow(dead_code)]
pub async fn smppctl_with(data_dir: &Path, args: &[&str], run: Run<'_>) -> Output {
    use tokio::io::AsyncWriteExt as _;
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_smppctl"));
    cmd.arg("--data-dir").arg(data_dir).args(args).env_remove("SMPP_PASSWORD");
    for name in run.env_remove {
        cmd.env_remove(name);
    }
    for (k, v) in run.env {
        cmd.env(k, v);
    }
    cmd.stdin(std::process::Stdio::piped()).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    if let Some(text) = run.stdin {
        stdin.write_all(text.as_bytes()).await.unwrap();
    }
    drop(stdin);
    child.wait_with_output().await.unwrap()
}

/// Both streams as text, for assertions and failure messages.
#[allow(dead_code)]
pub fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}
