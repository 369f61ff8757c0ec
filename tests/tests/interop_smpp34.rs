//! Interop with a second third-party SMPP implementation, the `smpp34` crate: our
//! ESME (`smppctl send`, `smppctl bench`) against an SMSC built on smpp34's server
//! (`tests/interop/smpp34-bench/src/bin/smpp34-smsc.rs`).
//!
//! The SMSC is a standalone Cargo project outside the workspace, so `cargo build --workspace`
//! does not build it: `make test` does (`make interop-bins`), into `SMPP34_TARGET_DIR` or
//! `<target>/smpp34-bench`. When it is missing these tests fail and say how to build it.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::Value;
use smpp_console_tests::{Proc, run, scratch_dir, smpp34_bin, smppctl};

const SEND_TIMEOUT: Duration = Duration::from_secs(40);
const SYSTEM_ID: &str = "interop";
const PASSWORD: &str = "s34-pw";

/// A running `smpp34-smsc`.
struct Smpp34Smsc {
    proc: Proc,
    port: u16,
}

impl Smpp34Smsc {
    /// Starts it on a free port (`--port 0`) and waits for its `{"event":"listening",...}` line.
    fn start(extra: &[&str]) -> Smpp34Smsc {
        let mut cmd = Command::new(smpp34_bin("smpp34-smsc"));
        cmd.args(["--port", "0", "--system-id", SYSTEM_ID, "--password", PASSWORD]).args(extra);
        let mut proc = Proc::spawn("smpp34-smsc", cmd);
        let line = proc
            .wait_for_line("`{\"event\":\"listening\",...}`", Duration::from_secs(20), |l| l.contains("\"listening\""))
            .unwrap_or_else(|e| panic!("{e}"));
        let v: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("smpp34-smsc printed {line:?}: {e}"));
        let port = v["port"]
            .as_u64()
            .and_then(|p| u16::try_from(p).ok())
            .filter(|p| *p != 0)
            .unwrap_or_else(|| panic!("smpp34-smsc printed {line:?}; expected the real (non-zero) port"));
        Smpp34Smsc { proc, port }
    }

    /// The JSON lines it logged on stderr so far with this `event`.
    fn events(&self, event: &str) -> Vec<Value> {
        self.proc
            .stderr()
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|e| e["event"] == event)
            .collect()
    }

    /// Stops it with SIGTERM; it must exit 0 and report what it served.
    fn stop(mut self) -> Value {
        let status = self.proc.terminate(Duration::from_secs(10)).unwrap_or_else(|e| panic!("{e}"));
        assert!(status.success(), "smpp34-smsc should exit 0 on SIGTERM, got {status}\n{}", self.proc.transcript());
        let stdout = self.proc.stdout();
        let line = stdout.lines().find(|l| l.contains("\"stopped\"")).unwrap_or_else(|| {
            panic!("smpp34-smsc printed no `stopped` line\n{}", self.proc.transcript());
        });
        serde_json::from_str(line).unwrap_or_else(|e| panic!("{line:?}: {e}"))
    }
}

/// `smppctl <subcommand> --host 127.0.0.1 --port P --system-id S` with SMPP_PASSWORD.
fn smppctl_to(data: &Path, subcommand: &str, port: u16, system_id: &str, password: &str) -> Command {
    let mut cmd = smppctl(data);
    cmd.env("SMPP_PASSWORD", password).args([
        subcommand,
        "--host",
        "127.0.0.1",
        "--port",
        &port.to_string(),
        "--system-id",
        system_id,
    ]);
    cmd
}

fn send_cmd(data: &Path, port: u16, system_id: &str, password: &str) -> Command {
    let mut cmd = smppctl_to(data, "send", port, system_id, password);
    cmd.args(["--to", "+447700900123", "--text", "hi", "--wait-dlr", "10", "--json"]);
    cmd
}

/// The smpp34 peers themselves (smpp34's client against smpp34's server): if this fails, the
/// peers, not our code, are broken.
#[test]
fn smpp34_peers_work_together() {
    let smsc = Smpp34Smsc::start(&["--no-receipts"]);
    let mut cmd = Command::new(smpp34_bin("smpp34-bench"));
    cmd.env("SMPP_PASSWORD", PASSWORD).args(["--host", "127.0.0.1", "--port", &smsc.port.to_string()]);
    cmd.args(["--system-id", SYSTEM_ID, "--count", "200", "--window", "10"]);
    let out = run("smpp34-bench", cmd, Duration::from_secs(60));
    out.assert_code(0);
    let r = out.json().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r["statuses"]["ESME_ROK"], 200, "smpp34's client against smpp34's server\n{out}");
    let stopped = smsc.stop();
    assert_eq!(stopped["submits"], 200, "{stopped}");
}

#[test]
fn smppctl_send_to_smpp34_smsc_gets_delivered() {
    let data = scratch_dir("send-smpp34");
    let mut smsc = Smpp34Smsc::start(&["--dlr-delay-ms", "100"]);

    let out =
        run("smppctl send --wait-dlr --json", send_cmd(data.path(), smsc.port, SYSTEM_ID, PASSWORD), SEND_TIMEOUT);
    let server_log = smsc.proc.transcript();
    out.assert_code(0);
    let msg = out.json().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(msg["state"], "Delivered", "state\n{out}\n{server_log}");
    assert_eq!(msg["receiptStat"], "DELIVRD", "receiptStat\n{out}\n{server_log}");
    assert_eq!(msg["receiptErr"], "000", "receiptErr\n{out}");
    assert!(msg["error"].is_null(), "error should be null\n{out}");
    assert_eq!(msg["destination"], "447700900123", "destination\n{out}");
    assert_eq!(msg["requestDlr"], true, "--wait-dlr implies a receipt request\n{out}");
    // The first message_id this SMSC issues is "1"; the receipt that made the message
    // Delivered carried that id (text id: and receipted_message_id), so it was matched.
    assert_eq!(msg["smscMessageId"], "1", "smscMessageId must be the SMSC's message_id verbatim\n{out}");

    // What the SMSC saw: one transceiver bind with our credentials, one receipt, acked ESME_ROK.
    let binds = smsc.events("bind");
    assert_eq!(binds.len(), 1, "binds: {binds:?}\n{server_log}");
    assert_eq!(binds[0]["kind"], "transceiver", "{server_log}");
    assert_eq!(binds[0]["status"], "ESME_ROK", "{server_log}");
    let receipts = smsc.events("receipt");
    assert_eq!(receipts.len(), 1, "receipts: {receipts:?}\n{server_log}");
    assert_eq!(receipts[0]["message_id"], "1", "{server_log}");
    assert_eq!(receipts[0]["deliver_sm_resp"], "ESME_ROK", "our deliver_sm_resp\n{server_log}");
    let text = receipts[0]["text"].as_str().unwrap_or_default();
    for field in ["id:1 ", "sub:001", "dlvrd:001", "submit date:", "done date:", "stat:DELIVRD", "err:000", "text:hi"] {
        assert!(text.contains(field), "receipt text lacks {field:?}: {text:?}");
    }

    let stopped = smsc.stop();
    assert_eq!((stopped["submits"].as_u64(), stopped["receipts"].as_u64()), (Some(1), Some(1)), "{stopped}");
}

#[test]
fn smppctl_send_to_smpp34_smsc_with_wrong_password_fails_with_rinvpaswd() {
    let data = scratch_dir("send-smpp34-badpw");
    let smsc = Smpp34Smsc::start(&[]);

    let out = run("smppctl send (wrong password)", send_cmd(data.path(), smsc.port, SYSTEM_ID, "wrong"), SEND_TIMEOUT);
    out.assert_code(1);
    let msg = out.json().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(msg["error"]["code"], "ESME_RINVPASWD", "error.code\n{out}");
    assert!(
        msg["error"]["message"].as_str().is_some_and(|m| !m.is_empty()),
        "error.message should explain the status\n{out}"
    );
    let binds = smsc.events("bind");
    assert_eq!(binds.len(), 1, "binds: {binds:?}");
    assert_eq!(binds[0]["status"], "ESME_RINVPASWD");

    // Another system_id: ESME_RINVSYSID.
    let out = run("smppctl send (wrong system_id)", send_cmd(data.path(), smsc.port, "nobody", PASSWORD), SEND_TIMEOUT);
    out.assert_code(1);
    let msg = out.json().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(msg["error"]["code"], "ESME_RINVSYSID", "error.code\n{out}");

    let stopped = smsc.stop();
    assert_eq!(stopped["submits"], 0, "nothing may be submitted without a bind: {stopped}");
}

#[test]
fn smppctl_bench_against_smpp34_smsc_gets_every_submit_answered() {
    let data = scratch_dir("bench-smpp34");
    let smsc = Smpp34Smsc::start(&["--no-receipts"]);

    let mut cmd = smppctl_to(data.path(), "bench", smsc.port, SYSTEM_ID, PASSWORD);
    cmd.args(["--count", "2000", "--window", "10", "--json"]);
    let out = run("smppctl bench", cmd, Duration::from_secs(120));
    out.assert_code(0);
    let r = out.json().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r["count"], 2000, "{out}");
    assert_eq!(r["window"], 10, "{out}");
    assert_eq!(r["responses"], 2000, "every submit_sm answered\n{out}");
    assert_eq!(r["statuses"]["ESME_ROK"], 2000, "all ESME_ROK\n{out}");
    assert_eq!(r["errors"], 0, "{out}");
    assert!(r["messages_per_s"].as_f64().is_some_and(|m| m > 0.0), "messages_per_s\n{out}");

    let stopped = smsc.stop();
    assert_eq!(stopped["submits"], 2000, "{stopped}");
}
