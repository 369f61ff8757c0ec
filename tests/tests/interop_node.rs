//! Interop with a third-party SMPP implementation (node-smpp, tests/interop/):
//! our ESME (`smppctl send`) against a node-smpp SMSC, a node-smpp ESME against our SMSC
//! simulator (`smppctl sim`), and `smppctl send` against `smppctl sim`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::Value;
use smpp_console_tests::{
    NodeSmsc, Sim, db_contains, npm_run, run, run_esme_client, scratch_dir, smppctl, start_node_smsc, start_sim,
};

const SEND_TIMEOUT: Duration = Duration::from_secs(40);
const ESME_RINVPASWD: u64 = 0x0000_000E;

/// `smppctl send` to 127.0.0.1:`port` with `--dlr --wait-dlr 10` plus `extra` arguments.
fn send_cmd(
    data_dir: &std::path::Path,
    port: u16,
    system_id: &str,
    password: &str,
    text: &str,
    extra: &[&str],
) -> std::process::Command {
    let mut cmd = smppctl(data_dir);
    cmd.env("SMPP_PASSWORD", password).args([
        "send",
        "--host",
        "127.0.0.1",
        "--port",
        &port.to_string(),
        "--system-id",
        system_id,
        "--from",
        "15550002222",
        "--to",
        "15550001111",
        "--text",
        text,
        "--dlr",
        "--wait-dlr",
        "10",
    ]);
    cmd.args(extra);
    cmd
}

fn stop_sim(mut sim: Sim) {
    let status = sim.proc.terminate(Duration::from_secs(10)).unwrap_or_else(|e| panic!("{e}"));
    assert!(status.success(), "smppctl sim should exit 0 on SIGTERM, got {status}\n{}", sim.proc.transcript());
}

fn stop_node(mut smsc: NodeSmsc) {
    let _ = smsc.proc.terminate(Duration::from_secs(5));
}

/// The message_id(s) the node SMSC issued in submit_sm_resp.
fn node_issued_ids(smsc: &NodeSmsc) -> Vec<String> {
    smsc.pdus("out", "submit_sm_resp")
        .iter()
        .filter(|p| p["command_status"] == 0)
        .filter_map(|p| p["message_id"].as_str().map(str::to_string))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The interop peers themselves
// ---------------------------------------------------------------------------------------------

/// esme-client.js against smsc-server.js: if this fails, the peers (not our code) are broken.
#[test]
fn node_peers_work_together() {
    let out = npm_run("selftest", &[], Duration::from_secs(60));
    assert!(out.status.success() && out.stdout.contains("selftest ok"), "node-smpp peers self test failed\n{out}");
}

// ---------------------------------------------------------------------------------------------
// (a) our ESME (smppctl send) against the node-smpp SMSC
// ---------------------------------------------------------------------------------------------

#[test]
fn smppctl_send_to_node_smsc_gets_delivered() {
    let data = scratch_dir("send-node");
    let mut smsc = start_node_smsc("interop", "node-pw", 200);

    let out = run(
        "smppctl send --json",
        send_cmd(data.path(), smsc.port, "interop", "node-pw", "hello node-smpp", &["--json"]),
        SEND_TIMEOUT,
    );
    out.assert_code(0);
    let msg = out.json().unwrap_or_else(|e| panic!("{e}"));
    let server_log = smsc.proc.transcript();

    assert_eq!(msg["state"], "Delivered", "state\n{out}\n{server_log}");
    assert_eq!(msg["receiptStat"], "DELIVRD", "receiptStat\n{out}\n{server_log}");
    assert_eq!(msg["receiptErr"], "000", "receiptErr\n{out}");
    assert!(msg["error"].is_null(), "error should be null\n{out}");
    assert!(msg["id"].as_str().is_some_and(|s| !s.is_empty()), "our message id is missing\n{out}");

    // Exactly the id the node SMSC issued (16 uppercase hex digits with leading zeros).
    let issued = node_issued_ids(&smsc);
    assert_eq!(issued.len(), 1, "the node SMSC issued {issued:?}\n{server_log}");
    assert_eq!(
        msg["smscMessageId"].as_str(),
        Some(issued[0].as_str()),
        "smscMessageId must be the SMSC's message_id verbatim\n{out}"
    );

    // What the node SMSC saw: a transceiver bind speaking SMPP 3.4, and the receipt acked.
    let binds = smsc.pdus("in", "bind_transceiver");
    assert_eq!(binds.len(), 1, "bind_transceiver PDUs: {binds:?}\n{server_log}");
    assert_eq!(binds[0]["interface_version"], 0x34, "interface_version\n{server_log}");
    assert_eq!(binds[0]["system_id"], "interop");
    let submits = smsc.pdus("in", "submit_sm");
    assert_eq!(submits.len(), 1, "submit_sm PDUs: {submits:?}\n{server_log}");
    assert_eq!(
        submits[0]["registered_delivery"].as_u64().map(|v| v & 0x03),
        Some(1),
        "--dlr must ask for a receipt (registered_delivery bit 0)\n{server_log}"
    );
    assert_eq!(submits[0]["destination_addr"], "15550001111");
    assert_eq!(submits[0]["short_message"]["message"], "hello node-smpp");
    smsc.proc
        .wait_for_stderr("\"command\":\"deliver_sm_resp\"", Duration::from_secs(3))
        .unwrap_or_else(|e| panic!("the receipt deliver_sm was not answered: {e}"));

    // Logged in the data dir's database.
    let db = data.path().join("console.db");
    let len = std::fs::metadata(&db).unwrap_or_else(|e| panic!("{} missing after send: {e}", db.display())).len();
    assert!(len > 0, "{} is empty", db.display());
    assert!(
        db_contains(data.path(), &issued[0]),
        "the SMSC message id {} is not in {} (nor its WAL)",
        issued[0],
        db.display()
    );

    stop_node(smsc);
}

#[test]
fn smppctl_send_to_node_smsc_with_wrong_password_fails_with_rinvpaswd() {
    let data = scratch_dir("send-node-badpw");
    let smsc = start_node_smsc("interop", "node-pw", 200);

    // Plain output: exit 1 and the status name in what the user sees.
    let out = run(
        "smppctl send (wrong password)",
        send_cmd(data.path(), smsc.port, "interop", "wrong", "nope", &[]),
        SEND_TIMEOUT,
    );
    out.assert_code(1);
    assert!(out.combined().contains("ESME_RINVPASWD"), "the output should name ESME_RINVPASWD\n{out}");

    // --json: the logged message carries the error code.
    let out = run(
        "smppctl send --json (wrong password)",
        send_cmd(data.path(), smsc.port, "interop", "wrong", "nope", &["--json"]),
        SEND_TIMEOUT,
    );
    out.assert_code(1);
    let msg = out.json().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(msg["error"]["code"], "ESME_RINVPASWD", "error.code\n{out}");
    assert!(
        msg["error"]["message"].as_str().is_some_and(|m| !m.is_empty()),
        "error.message should explain the status\n{out}"
    );
    assert_eq!(node_issued_ids(&smsc).len(), 0, "nothing may be submitted without a bind");

    stop_node(smsc);
}

// ---------------------------------------------------------------------------------------------
// (b) the node-smpp ESME against our SMSC simulator
// ---------------------------------------------------------------------------------------------

#[test]
fn node_esme_against_smppctl_sim_gets_receipt() {
    let data = scratch_dir("sim-node-esme");
    let mut sim = start_sim(data.path(), "nodeesme", "sim-pw", Some(100));

    let (out, r) = run_esme_client(sim.port, "nodeesme", "sim-pw", "hello from node");
    let sim_log = sim.proc.transcript();
    assert_eq!(out.code(), Some(0), "esme-client.js failed\n{out}\n{sim_log}");
    assert_eq!(r["bindStatus"], 0, "bind status\n{out}");
    assert_eq!(r["submitStatus"], 0, "submit status\n{out}");
    let message_id = r["messageId"]
        .as_str()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| panic!("no message_id in submit_sm_resp\n{out}"));
    let receipt = &r["receipt"];
    assert_eq!(
        receipt["receiptedMessageId"].as_str(),
        Some(message_id),
        "receipted_message_id TLV must equal the submit_sm_resp message_id\n{out}"
    );
    assert_eq!(receipt["messageState"], 2, "message_state TLV (2 = DELIVERED)\n{out}");
    assert_eq!(receipt["esmClass"].as_u64().map(|e| e & 0x3C), Some(0x04), "esm_class\n{out}");
    assert_eq!(receipt["stat"], "DELIVRD", "receipt text stat\n{out}");
    assert_eq!(receipt["err"], "000", "receipt text err\n{out}");
    assert_eq!(
        receipt["textId"].as_str(),
        Some(message_id),
        "the receipt text's id: field should be the message_id\n{out}"
    );
    let text = receipt["text"].as_str().unwrap_or_default();
    for field in ["sub:001", "dlvrd:001", "submit date:", "done date:", "text:"] {
        assert!(text.contains(field), "receipt text lacks {field:?}: {text:?}");
    }

    stop_sim(sim);
}

#[test]
fn node_esme_against_smppctl_sim_with_wrong_password_is_refused() {
    let data = scratch_dir("sim-node-badpw");
    let sim = start_sim(data.path(), "nodeesme", "sim-pw", Some(100));

    let (out, r) = run_esme_client(sim.port, "nodeesme", "wrong", "nope");
    assert_eq!(out.code(), Some(3), "esme-client.js should report a refused bind\n{out}");
    assert_eq!(
        r["bindStatus"].as_u64(),
        Some(ESME_RINVPASWD),
        "bind_resp command_status should be ESME_RINVPASWD (0x0E)\n{out}"
    );

    stop_sim(sim);
}

/// Raw PDUs: enquire_link is answered, an unknown command_id gets generic_nack.
#[test]
fn smppctl_sim_answers_enquire_link_and_nacks_unknown_commands() {
    let data = scratch_dir("sim-raw");
    let sim = start_sim(data.path(), "raw", "raw-pw", None);
    let mut s = TcpStream::connect(("127.0.0.1", sim.port)).expect("connect to smppctl sim");
    s.set_read_timeout(Some(Duration::from_secs(5))).expect("set_read_timeout");

    let header = |id: u32, seq: u32| {
        let mut b = Vec::with_capacity(16);
        b.extend_from_slice(&16u32.to_be_bytes());
        b.extend_from_slice(&id.to_be_bytes());
        b.extend_from_slice(&0u32.to_be_bytes());
        b.extend_from_slice(&seq.to_be_bytes());
        b
    };
    let read_pdu = |s: &mut TcpStream| -> (u32, u32, u32) {
        let mut head = [0u8; 16];
        s.read_exact(&mut head).expect("read a PDU header from smppctl sim");
        let word = |i: usize| u32::from_be_bytes([head[i], head[i + 1], head[i + 2], head[i + 3]]);
        let len = word(0) as usize;
        assert!((16..=65_536).contains(&len), "bad command_length {len}");
        let mut body = vec![0u8; len - 16];
        s.read_exact(&mut body).expect("read a PDU body");
        (word(4), word(8), word(12))
    };

    s.write_all(&header(0x0000_0015, 7)).expect("write enquire_link");
    let (id, status, seq) = read_pdu(&mut s);
    assert_eq!((id, status, seq), (0x8000_0015, 0, 7), "enquire_link_resp expected");

    s.write_all(&header(0x0000_0999, 8)).expect("write an unknown command");
    let (id, status, seq) = read_pdu(&mut s);
    assert_eq!(id, 0x8000_0000, "generic_nack expected, got command_id {id:#010x}");
    assert_eq!(seq, 8, "generic_nack must carry the request's sequence_number");
    assert_eq!(status, 0x0000_0003, "generic_nack status should be ESME_RINVCMDID");
    drop(s);

    stop_sim(sim);
}

// ---------------------------------------------------------------------------------------------
// (c) smppctl send against smppctl sim: the "done when" check
// ---------------------------------------------------------------------------------------------

#[test]
fn smppctl_send_to_smppctl_sim_prints_delivrd() {
    let sim_data = scratch_dir("sim-for-send");
    let sim = start_sim(sim_data.path(), "ctl", "ctl-pw", Some(100));
    let data = scratch_dir("send-sim");

    let out = run("smppctl send", send_cmd(data.path(), sim.port, "ctl", "ctl-pw", "hello sim", &[]), SEND_TIMEOUT);
    out.assert_code(0);
    assert!(out.stdout.contains("DELIVRD"), "plain output should show DELIVRD\n{out}");

    // Same through --json, with the global --data-dir after the subcommand.
    let data2 = scratch_dir("send-sim-json");
    let mut cmd = send_cmd(data2.path(), sim.port, "ctl", "ctl-pw", "hello again", &["--json"]);
    cmd.env_remove("SMPP_CONSOLE_DATA_DIR").arg("--data-dir").arg(data2.path());
    let out = run("smppctl send --json --data-dir", cmd, SEND_TIMEOUT);
    out.assert_code(0);
    let msg: Value = out.json().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(msg["state"], "Delivered", "{out}");
    assert_eq!(msg["receiptStat"], "DELIVRD", "{out}");
    let smsc_id = msg["smscMessageId"].as_str().unwrap_or_default();
    assert!(!smsc_id.is_empty(), "smscMessageId missing\n{out}");
    assert!(
        data2.path().join("console.db").is_file(),
        "--data-dir was not used: no console.db in {}",
        data2.path().display()
    );

    stop_sim(sim);
}

#[test]
fn smppctl_send_to_smppctl_sim_with_wrong_password_exits_1() {
    let sim_data = scratch_dir("sim-badpw");
    let sim = start_sim(sim_data.path(), "ctl", "ctl-pw", Some(100));
    let data = scratch_dir("send-sim-badpw");
    let out = run(
        "smppctl send (wrong password)",
        send_cmd(data.path(), sim.port, "ctl", "wrong", "nope", &[]),
        SEND_TIMEOUT,
    );
    out.assert_code(1);
    assert!(out.combined().contains("ESME_RINVPASWD"), "the output should name ESME_RINVPASWD\n{out}");
    stop_sim(sim);
}

#[test]
fn smppctl_send_rejects_bad_usage_with_exit_2() {
    let data = scratch_dir("send-usage");
    // No --to.
    let mut cmd = smppctl(data.path());
    cmd.env("SMPP_PASSWORD", "x").args([
        "send",
        "--host",
        "127.0.0.1",
        "--port",
        "1",
        "--system-id",
        "x",
        "--text",
        "hi",
    ]);
    let out = run("smppctl send (no --to)", cmd, SEND_TIMEOUT);
    out.assert_code(2);
}

/// The ready line is a promise: from then on SIGINT/SIGTERM stop the simulator cleanly.
/// A supervisor may signal right after it, so this signals immediately, several times over
/// (a race between printing the line and installing the handlers shows up here).
#[test]
fn smppctl_sim_exits_cleanly_on_signal_right_after_ready() {
    let data = scratch_dir("sim-signal");
    for round in 0..10 {
        let signal = if round % 2 == 0 { "INT" } else { "TERM" };
        let mut sim = start_sim(data.path(), "sig", "sig-pw", None);
        sim.proc.signal(signal).unwrap_or_else(|e| panic!("{e}"));
        let status = sim
            .proc
            .wait_timeout(Duration::from_secs(10))
            .unwrap_or_else(|| panic!("smppctl sim ignored SIG{signal}\n{}", sim.proc.transcript()));
        assert!(
            status.success(),
            "round {round}: smppctl sim should exit 0 on SIG{signal} sent right after its ready line, \
             got {status} (are the signal handlers installed before the line is printed?)"
        );
    }
}
