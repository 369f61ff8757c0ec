#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `smppctl decode` run as a binary on hex fixtures.

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

const SUBMIT_SM: &str = "0000003C 00000004 00000000 00000002 00 05 00 5465737400 01 01 34343737303039303031323300 \
                         03 00 01 00 00 01 00 00 00 0B 48656c6c6f20776f726c64";

const BIND: &str = "00000021 00000009 00000000 00000001 7465737400 73656372657400 00 34 00 00 00";

fn hex_of(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

/// A deliver_sm receipt with receipted_message_id and message_state TLVs.
fn receipt() -> String {
    let text = "id:12345 sub:001 dlvrd:001 submit date:2401151230 done date:2401151231 stat:DELIVRD err:000 text:Hello";
    let body = format!(
        "00 01 01 {}00 05 00 {}00 04 00 00 00 00 00 00 00 00 {:02x} {} 001E 0006 {}00 0427 0001 02",
        hex_of("4477"),
        hex_of("Test"),
        text.len(),
        hex_of(text),
        hex_of("12345")
    );
    let body_len = body.split_whitespace().map(str::len).sum::<usize>() / 2;
    format!("{:08x} 00000005 00000000 00000007 {body}", 16 + body_len)
}

fn smppctl(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_smppctl"))
        .arg("decode")
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn submit_sm_tree() {
    let out = smppctl(&[SUBMIT_SM], None);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{}", text(&out.stderr));
    assert!(
        stdout.contains("PDU #1 at offset 0, 60 octets: submit_sm (0x00000004), sequence 2, status ESME_ROK"),
        "{stdout}"
    );
    assert!(stdout.contains("destination_addr"), "{stdout}");
    assert!(stdout.contains("\"447700900123\""), "{stdout}");
    assert!(stdout.contains("\"Hello world\""), "{stdout}");
    assert!(stdout.contains("hex: 48656c6c6f20776f726c64"), "{stdout}");
    assert!(stdout.contains("(SMSC delivery receipt on final success or failure)"), "{stdout}");
    assert!(!stdout.contains("WARNING"), "{stdout}");
    // Hex split over several arguments and through stdin gives the same output.
    let (a, b) = SUBMIT_SM.split_at(40);
    assert_eq!(text(&smppctl(&[a, b], None).stdout), stdout);
    assert_eq!(text(&smppctl(&["-"], Some(&format!("0x{}\n", SUBMIT_SM.replace(' ', "")))).stdout), stdout);
}

#[test]
fn deliver_sm_receipt_json() {
    let out = smppctl(&[&receipt(), "--json"], None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pdu = &json["pdus"][0];
    assert_eq!(pdu["command_name"], "deliver_sm");
    assert_eq!(pdu["sequence_number"], 7);
    assert_eq!(pdu["error"], serde_json::Value::Null);
    let fields = pdu["fields"].as_array().unwrap();
    let esm = fields.iter().find(|f| f["name"] == "esm_class").unwrap();
    assert_eq!(esm["meaning"], "SMSC delivery receipt");
    let sm = fields.iter().find(|f| f["name"] == "short_message").unwrap();
    let parsed = sm["children"].as_array().unwrap().iter().find(|f| f["name"] == "receipt").unwrap();
    assert_eq!(parsed["value"], "stat DELIVRD for id 12345");
    let tlvs = fields.iter().find(|f| f["name"] == "tlvs").unwrap()["children"].as_array().unwrap().clone();
    assert_eq!(tlvs[0]["name"], "receipted_message_id");
    assert_eq!(tlvs[1]["name"], "message_state");
    assert!(tlvs[1]["meaning"].as_str().unwrap().starts_with("DELIVRD"));

    let tree = text(&smppctl(&[&receipt()], None).stdout);
    assert!(tree.contains("stat DELIVRD for id 12345"), "{tree}");
    assert!(tree.contains("receipted_message_id"), "{tree}");
}

#[test]
fn bind_password_masked_unless_no_mask() {
    let out = smppctl(&[BIND], None);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("\"******\""), "{stdout}");
    assert!(!stdout.contains("secret"), "{stdout}");
    let json = text(&smppctl(&[BIND, "--json"], None).stdout);
    assert!(json.contains("2a2a2a2a2a2a00"), "{json}");
    assert!(!json.contains("secret") && !json.contains("736563726574"), "{json}");
    let clear = text(&smppctl(&[BIND, "--no-mask"], None).stdout);
    assert!(clear.contains("\"secret\""), "{clear}");
}

#[test]
fn bad_hex_exits_2_with_a_clear_message() {
    let out = smppctl(&["00 00 00 1g"], None);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("bad hex: invalid character 'g' at position 11"), "{stderr}");

    let out = smppctl(&["000"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("odd number of hex digits (3)"));

    let out = smppctl(&["zz", "--json"], None);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["error"].as_str().unwrap().starts_with("bad hex"));

    let out = smppctl(&[" "], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no hex digits"));
}

#[test]
fn truncated_pdu_exits_2_but_prints_what_it_could() {
    let cut: String = SUBMIT_SM.replace(' ', "")[..60].to_string();
    let out = smppctl(&[&cut], None);
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert!(stdout.contains("ERROR: truncated PDU: command_length says 60 octets but only 30 are present"), "{stdout}");
    assert!(stdout.contains("\"Test\""), "{stdout}");
    assert!(stderr.contains("PDU #1 (submit_sm): truncated PDU"), "{stderr}");

    let out = smppctl(&["000000100000001500000000000000010000"], None);
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Trailing octets at offset 16, 2 octets"), "{stdout}");
    assert!(text(&out.stderr).contains("2 octet(s) at offset 16 are not a complete PDU"));

    let out = smppctl(&[&cut, "--json"], None);
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["pdus"][0]["error"].as_str().unwrap().starts_with("truncated PDU"));
}

#[test]
fn warnings_are_marked_and_keep_exit_0() {
    // submit_sm_resp whose message_id lacks its NUL: lenient, warned, exit 0.
    let out = smppctl(&["00000013 80000004 00000000 00000002 616263"], None);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("^ WARNING: no terminating NUL"), "{stdout}");
    assert!(stdout.contains("1 warning(s):"), "{stdout}");
}
