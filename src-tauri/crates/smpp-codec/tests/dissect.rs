#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The dissector on hex fixtures of every PDU kind, on malformed input, and the hex reader.

use smpp_codec::dissect::{DissectOptions, DissectedPdu, Dissection, Field, HexError, dissect, parse_hex};

const MASK: DissectOptions = DissectOptions { mask_passwords: true };
const NO_MASK: DissectOptions = DissectOptions { mask_passwords: false };

fn h(s: &str) -> Vec<u8> {
    parse_hex(s).unwrap()
}

/// A PDU from a body in hex, with command_length computed.
fn pdu(id: u32, status: u32, seq: u32, body: &str) -> Vec<u8> {
    let body = h(body);
    let mut out = Vec::new();
    out.extend_from_slice(&u32::try_from(16 + body.len()).unwrap().to_be_bytes());
    out.extend_from_slice(&id.to_be_bytes());
    out.extend_from_slice(&status.to_be_bytes());
    out.extend_from_slice(&seq.to_be_bytes());
    out.extend_from_slice(&body);
    out
}

fn hex_of(s: &str) -> String {
    s.bytes().map(|b| format!("{b:02x}")).collect()
}

fn cstr(s: &str) -> String {
    format!("{}00", hex_of(s))
}

/// Dissects one clean PDU and checks it covers the input without errors or warnings.
fn one(bytes: &[u8]) -> DissectedPdu {
    let d = dissect(bytes, &MASK);
    assert_eq!(d.pdus.len(), 1, "{d:#?}");
    assert!(d.trailing.is_none(), "{d:#?}");
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let p = d.pdus.into_iter().next().unwrap();
    assert_eq!(p.error, None, "{p:#?}");
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    assert_eq!(p.length, bytes.len());
    p
}

fn field<'a>(p: &'a DissectedPdu, name: &str) -> &'a Field {
    p.field(name).unwrap_or_else(|| panic!("no field {name} in {p:#?}"))
}

/// Checks a field's offset, length and value.
fn check(p: &DissectedPdu, name: &str, offset: usize, length: usize, value: &str) {
    let f = field(p, name);
    assert_eq!((f.offset, f.length, f.value.as_str()), (offset, length, value), "field {name}: {f:#?}");
}

/// Every field's raw octets are the input's octets at its offset.
fn check_raw(bytes: &[u8], fields: &[Field]) {
    for f in fields {
        let slice = bytes.get(f.offset..f.offset + f.length).unwrap_or_else(|| panic!("{} out of range", f.name));
        let hex: String = slice.iter().map(|b| format!("{b:02x}")).collect();
        if !f.name.starts_with("password") {
            assert_eq!(f.raw_hex, hex, "raw_hex of {}", f.name);
        }
        check_raw(bytes, &f.children);
    }
}

fn header(p: &DissectedPdu, len: usize, id: u32, name: &str) {
    assert_eq!(p.command_id, id);
    assert_eq!(p.command_name, name);
    check(p, "command_length", 0, 4, &len.to_string());
    check(p, "command_id", 4, 4, &format!("0x{id:08X}"));
    check(p, "command_status", 8, 4, &format!("0x{:08X}", p.command_status));
    check(p, "sequence_number", 12, 4, &p.sequence_number.to_string());
}

#[test]
fn bind_transceiver_fixture_with_offsets() {
    let bytes = h("00000021 00000009 00000000 00000001 7465737400 73656372657400 00 34 00 00 00");
    let p = one(&bytes);
    header(&p, 33, 9, "bind_transceiver");
    assert_eq!(p.status_name, "ESME_ROK");
    assert!(p.status_description.starts_with("No error"));
    assert_eq!(p.sequence_number, 1);
    check(&p, "system_id", 16, 5, "\"test\"");
    check(&p, "password", 21, 7, "\"******\"");
    check(&p, "system_type", 28, 1, "\"\"");
    check(&p, "interface_version", 29, 1, "0x34");
    assert_eq!(field(&p, "interface_version").meaning.as_deref(), Some("SMPP 3.4"));
    check(&p, "addr_ton", 30, 1, "0");
    assert_eq!(field(&p, "addr_ton").meaning.as_deref(), Some("Unknown"));
    check(&p, "addr_npi", 31, 1, "0");
    check(&p, "address_range", 32, 1, "\"\"");
    check_raw(&bytes, &p.fields[..p.fields.len()]);
}

#[test]
fn passwords_are_masked_in_value_and_raw_hex_unless_asked() {
    let bytes = h("00000021 00000002 00000000 00000001 7465737400 73656372657400 00 34 00 00 00");
    let masked = dissect(&bytes, &MASK);
    let pw = masked.pdus[0].field("password").unwrap();
    assert_eq!(pw.value, "\"******\"");
    assert_eq!(pw.raw_hex, "2a2a2a2a2a2a00");
    assert_eq!(pw.meaning.as_deref(), Some("masked"));
    let json_like = format!("{masked:?}");
    assert!(!json_like.contains("secret") && !json_like.contains("736563726574"), "{json_like}");
    assert_eq!(DissectOptions::default(), MASK);

    let clear = dissect(&bytes, &NO_MASK);
    let pw = clear.pdus[0].field("password").unwrap();
    assert_eq!(pw.value, "\"secret\"");
    assert_eq!(pw.raw_hex, "73656372657400");

    // outbind carries a password too.
    let outbind = pdu(0x0B, 0, 3, &format!("{}{}", cstr("smsc"), cstr("pw")));
    let p = one(&outbind);
    assert_eq!(p.command_name, "outbind");
    check(&p, "system_id", 16, 5, "\"smsc\"");
    check(&p, "password", 21, 3, "\"**\"");
    assert_eq!(field(&p, "password").raw_hex, "2a2a00");
    let p = &dissect(&outbind, &NO_MASK).pdus[0];
    assert_eq!(field(p, "password").value, "\"pw\"");
}

fn submit_sm_body(esm: &str, dc: &str, sm: &str, tlvs: &str) -> String {
    let sm_len = sm.len() / 2;
    format!(
        "{} 05 00 {} 01 01 {} {esm} 00 00 00 00 01 00 {dc} 00 {sm_len:02x} {sm} {tlvs}",
        cstr(""),
        cstr("Test"),
        cstr("447700900123")
    )
}

#[test]
fn submit_sm_fixture_with_offsets_and_meanings() {
    let fixture = "0000003C 00000004 00000000 00000002 00 05 00 5465737400 01 01 34343737303039303031323300 \
                   03 00 01 00 00 01 00 00 00 0B 48656c6c6f20776f726c64";
    let bytes = h(fixture);
    let p = one(&bytes);
    header(&p, 60, 4, "submit_sm");
    check(&p, "service_type", 16, 1, "\"\"");
    check(&p, "source_addr_ton", 17, 1, "5");
    assert_eq!(field(&p, "source_addr_ton").meaning.as_deref(), Some("Alphanumeric"));
    check(&p, "source_addr_npi", 18, 1, "0");
    check(&p, "source_addr", 19, 5, "\"Test\"");
    check(&p, "dest_addr_ton", 24, 1, "1");
    assert_eq!(field(&p, "dest_addr_ton").meaning.as_deref(), Some("International"));
    check(&p, "dest_addr_npi", 25, 1, "1");
    assert_eq!(field(&p, "dest_addr_npi").meaning.as_deref(), Some("ISDN (E.163/E.164)"));
    check(&p, "destination_addr", 26, 13, "\"447700900123\"");
    check(&p, "esm_class", 39, 1, "0x03");
    assert!(field(&p, "esm_class").meaning.as_deref().unwrap().contains("store and forward"));
    assert_eq!(field(&p, "esm_class").children.len(), 3);
    check(&p, "protocol_id", 40, 1, "0x00");
    check(&p, "priority_flag", 41, 1, "1");
    assert!(field(&p, "priority_flag").meaning.as_deref().unwrap().contains("GSM: priority"));
    check(&p, "schedule_delivery_time", 42, 1, "\"\"");
    assert_eq!(field(&p, "schedule_delivery_time").meaning.as_deref(), Some("immediate delivery"));
    check(&p, "validity_period", 43, 1, "\"\"");
    check(&p, "registered_delivery", 44, 1, "0x01");
    assert_eq!(
        field(&p, "registered_delivery").meaning.as_deref(),
        Some("SMSC delivery receipt on final success or failure")
    );
    check(&p, "replace_if_present_flag", 45, 1, "0");
    check(&p, "data_coding", 46, 1, "0x00");
    assert!(field(&p, "data_coding").meaning.as_deref().unwrap().contains("GSM7"));
    check(&p, "sm_default_msg_id", 47, 1, "0");
    check(&p, "sm_length", 48, 1, "11");
    check(&p, "short_message", 49, 11, "\"Hello world\"");
    let sm = field(&p, "short_message");
    assert_eq!(sm.raw_hex, "48656c6c6f20776f726c64");
    assert!(sm.meaning.as_deref().unwrap().starts_with("GSM7 text, 11 characters"), "{:?}", sm.meaning);
    assert!(p.field("tlvs").is_none());
    check_raw(&bytes, &p.fields);
}

#[test]
fn submit_sm_with_udh_times_tlvs_and_ucs2() {
    // UDH: 8-bit reference 42, part 2 of 3; UCS2 "Привет"; absolute schedule, relative validity.
    let text = "041f04400438043204350442";
    let sm = format!("050003 2a 03 02 {text}");
    let body = format!(
        "{} 01 01 {} 01 01 {} 40 00 00 {} {} 11 00 08 00 {:02x} {sm} 020C 0002 1234",
        cstr(""),
        cstr("4477"),
        cstr("4478"),
        cstr("240115123045304+"),
        cstr("000001020000000R"),
        sm.replace(' ', "").len() / 2
    );
    let bytes = pdu(4, 0, 5, &body);
    let p = one(&bytes);
    let sched = field(&p, "schedule_delivery_time");
    assert_eq!(sched.meaning.as_deref(), Some("2024-01-15 12:30:45.3 UTC+01:00"));
    let validity = field(&p, "validity_period");
    let relative = validity.meaning.as_deref().unwrap();
    assert!(relative.starts_with("relative: 1 day") && relative.contains("2 hours"), "{relative}");
    let reg = field(&p, "registered_delivery").meaning.clone().unwrap();
    assert!(reg.contains("intermediate notification requested"), "{reg}");
    assert!(field(&p, "esm_class").meaning.as_deref().unwrap().contains("UDHI"));
    let sm_field = field(&p, "short_message");
    assert_eq!(sm_field.value, "\"Привет\"");
    let sm_at = sm_field.offset;
    assert!(sm_field.meaning.as_deref().unwrap().contains("UCS2 text, 6 characters"), "{:?}", sm_field.meaning);
    assert!(sm_field.meaning.as_deref().unwrap().contains("part 2 of 3, reference 42"));
    let udh = sm_field.find("udh").unwrap();
    assert_eq!((udh.offset, udh.length, udh.raw_hex.as_str()), (sm_at, 6, "0500032a0302"));
    assert!(udh.meaning.as_deref().unwrap().contains("part 2 of 3, reference 42"));
    let ie = udh.find("information_element").unwrap();
    assert_eq!(ie.meaning.as_deref(), Some("IEI 0x00: concatenated short messages, 8-bit reference"));
    assert_eq!(ie.find("reference").unwrap().value, "42");
    assert_eq!(ie.find("reference").unwrap().offset, sm_at + 3);
    assert_eq!(ie.find("total").unwrap().value, "3");
    assert_eq!(ie.find("seq").unwrap().value, "2");
    assert_eq!(ie.find("seq").unwrap().offset, sm_at + 5);
    let user_data = sm_field.find("user_data").unwrap();
    assert_eq!((user_data.offset, user_data.length), (sm_at + 6, 12));
    // TLV sar_msg_ref_num after the message.
    let tlv = field(&p, "sar_msg_ref_num");
    assert_eq!((tlv.offset, tlv.length, tlv.value.as_str()), (sm_at + 18, 6, "4660"));
    assert_eq!(tlv.find("tag").unwrap().value, "0x020C");
    assert_eq!(tlv.find("length").unwrap().value, "2");
    assert_eq!(tlv.find("value").unwrap().offset, sm_at + 22);
    assert!(field(&p, "data_coding").meaning.as_deref().unwrap().contains("UCS2"));
    check_raw(&bytes, &p.fields);
}

#[test]
fn deliver_sm_receipt_with_tlvs() {
    let text = "id:12345 sub:001 dlvrd:001 submit date:2401151230 done date:2401151231 stat:DELIVRD err:000 text:Hello";
    let tlvs = format!("001E 0006 {} 0427 0001 02 0423 0003 030001", cstr("12345"));
    let bytes = pdu(5, 0, 7, &submit_sm_body("04", "00", &hex_of(text), &tlvs));
    let p = one(&bytes);
    header(&p, bytes.len(), 5, "deliver_sm");
    assert_eq!(field(&p, "esm_class").meaning.as_deref(), Some("SMSC delivery receipt"));
    let sm = field(&p, "short_message");
    let receipt = sm.find("receipt").unwrap();
    assert_eq!(receipt.value, "stat DELIVRD for id 12345");
    let id = receipt.find("id").unwrap();
    assert_eq!((id.offset, id.length, id.value.as_str()), (sm.offset + 3, 5, "\"12345\""));
    let stat = receipt.find("stat").unwrap();
    assert!(stat.meaning.as_deref().unwrap().starts_with("DELIVRD: The message was delivered"));
    assert_eq!(stat.offset, sm.offset + text.find("DELIVRD").unwrap());
    assert_eq!(receipt.find("submit_date").unwrap().meaning.as_deref(), Some("2024-01-15 12:30"));
    assert_eq!(receipt.find("err").unwrap().meaning.as_deref(), Some("error code 0 (0x0)"));
    assert_eq!(receipt.find("text").unwrap().value, "\"Hello\"");
    let rid = field(&p, "receipted_message_id");
    assert_eq!(rid.value, "\"12345\"");
    let state = field(&p, "message_state");
    assert_eq!(state.value, "2");
    assert!(state.meaning.as_deref().unwrap().starts_with("DELIVRD"));
    let nec = field(&p, "network_error_code");
    assert_eq!(nec.meaning.as_deref(), Some("GSM error 1"));
    check_raw(&bytes, &p.fields);
}

#[test]
fn responses_and_empty_pdus() {
    let p = one(&h("00000017 80000004 00000000 00000002 61626331323300"));
    header(&p, 23, 0x8000_0004, "submit_sm_resp");
    check(&p, "message_id", 16, 7, "\"abc123\"");

    let p = one(&h("00000011 80000005 00000000 00000007 00"));
    assert_eq!(p.command_name, "deliver_sm_resp");
    check(&p, "message_id", 16, 1, "\"\"");

    // An error response without a body is fine.
    let p = one(&h("00000010 80000004 00000058 00000002"));
    assert_eq!(p.status_name, "ESME_RTHROTTLED");
    assert_eq!(p.fields.len(), 4);

    for (id, name) in [
        (0x15u32, "enquire_link"),
        (0x8000_0015, "enquire_link_resp"),
        (0x06, "unbind"),
        (0x8000_0006, "unbind_resp"),
        (0x8000_0007, "replace_sm_resp"),
        (0x8000_0008, "cancel_sm_resp"),
        (0x8000_0113, "cancel_broadcast_sm_resp"),
    ] {
        let p = one(&pdu(id, 0, 9, ""));
        assert_eq!(p.command_name, name);
        assert_eq!(p.fields.len(), 4);
    }

    let p = one(&pdu(0x8000_0000, 3, 9, ""));
    assert_eq!(p.command_name, "generic_nack");
    assert_eq!(p.status_name, "ESME_RINVCMDID");
    assert!(field(&p, "command_status").meaning.as_deref().unwrap().starts_with("ESME_RINVCMDID: Invalid command ID"));

    let p = one(&pdu(0x8000_0002, 0, 1, &format!("{} 0210 0001 34", cstr("SMSC"))));
    assert_eq!(p.command_name, "bind_transmitter_resp");
    check(&p, "system_id", 16, 5, "\"SMSC\"");
    let v = field(&p, "sc_interface_version");
    assert_eq!((v.offset, v.length, v.meaning.as_deref()), (21, 5, Some("SMPP 3.4")));
}

#[test]
fn query_replace_cancel() {
    let body = format!("{} 01 01 {}", cstr("msg1"), cstr("4477"));
    let p = one(&pdu(3, 0, 1, &body));
    assert_eq!(p.command_name, "query_sm");
    check(&p, "message_id", 16, 5, "\"msg1\"");
    check(&p, "source_addr_ton", 21, 1, "1");
    check(&p, "source_addr", 23, 5, "\"4477\"");

    let p = one(&pdu(0x8000_0003, 0, 1, &format!("{} {} 05 2a", cstr("msg1"), cstr("240115123045000+"))));
    check(&p, "final_date", 21, 17, "\"240115123045000+\"");
    assert_eq!(field(&p, "final_date").meaning.as_deref(), Some("2024-01-15 12:30:45.0 UTC+00:00"));
    check(&p, "message_state", 38, 1, "5");
    assert!(field(&p, "message_state").meaning.as_deref().unwrap().starts_with("UNDELIV"));
    check(&p, "error_code", 39, 1, "42");

    let body = format!("{} 01 01 {} 00 00 01 00 05 {}", cstr("msg1"), cstr("4477"), hex_of("Hello"));
    let p = one(&pdu(7, 0, 1, &body));
    assert_eq!(p.command_name, "replace_sm");
    check(&p, "schedule_delivery_time", 28, 1, "\"\"");
    check(&p, "validity_period", 29, 1, "\"\"");
    check(&p, "registered_delivery", 30, 1, "0x01");
    check(&p, "sm_default_msg_id", 31, 1, "0");
    check(&p, "sm_length", 32, 1, "5");
    check(&p, "short_message", 33, 5, "\"Hello\"");

    let body = format!("{} {} 01 01 {} 01 01 {}", cstr("CMT"), cstr("msg1"), cstr("4477"), cstr("4478"));
    let p = one(&pdu(8, 0, 1, &body));
    assert_eq!(p.command_name, "cancel_sm");
    check(&p, "service_type", 16, 4, "\"CMT\"");
    check(&p, "message_id", 20, 5, "\"msg1\"");
    check(&p, "destination_addr", 34, 5, "\"4478\"");
}

#[test]
fn submit_multi_and_resp_repeated_groups() {
    let dests = format!("02 01 01 01 {} 02 {}", cstr("4477"), cstr("friends"));
    let body = format!("{} 01 01 {} {dests} 00 00 00 00 00 00 00 00 00 02 {}", cstr(""), cstr("4470"), hex_of("Hi"));
    let bytes = pdu(0x21, 0, 4, &body);
    let p = one(&bytes);
    assert_eq!(p.command_name, "submit_multi");
    check(&p, "number_of_dests", 24, 1, "2");
    let d0 = field(&p, "dest_address[0]");
    assert_eq!((d0.offset, d0.length, d0.value.as_str()), (25, 8, "\"4477\""));
    assert_eq!(d0.find("dest_flag").unwrap().meaning.as_deref(), Some("SME address"));
    assert_eq!(d0.find("destination_addr").unwrap().offset, 28);
    let d1 = field(&p, "dest_address[1]");
    assert_eq!((d1.offset, d1.length, d1.value.as_str()), (33, 9, "\"friends\""));
    assert_eq!(d1.find("dl_name").unwrap().offset, 34);
    check(&p, "esm_class", 42, 1, "0x00");
    check(&p, "short_message", 52, 2, "\"Hi\"");
    check_raw(&bytes, &p.fields);

    let body = format!("{} 01 01 01 {} 0000000B", cstr("id7"), cstr("4477"));
    let p = one(&pdu(0x8000_0021, 0, 4, &body));
    assert_eq!(p.command_name, "submit_multi_resp");
    check(&p, "no_unsuccess", 20, 1, "1");
    let u = field(&p, "unsuccess_sme[0]");
    assert_eq!((u.offset, u.length), (21, 11));
    assert!(u.meaning.as_deref().unwrap().starts_with("ESME_RINVDSTADR"));
    let code = u.find("error_status_code").unwrap();
    assert_eq!((code.offset, code.value.as_str()), (28, "0x0000000B"));
}

#[test]
fn alert_data_sm_and_broadcast_family() {
    let body = format!("01 01 {} 02 08 {} 0422 0001 00", cstr("4477"), cstr("esme"));
    let p = one(&pdu(0x102, 0, 1, &body));
    assert_eq!(p.command_name, "alert_notification");
    check(&p, "esme_addr_ton", 23, 1, "2");
    assert_eq!(field(&p, "esme_addr_npi").meaning.as_deref(), Some("National"));
    check(&p, "esme_addr", 25, 5, "\"esme\"");
    assert_eq!(field(&p, "ms_availability_status").meaning.as_deref(), Some("available (default)"));

    let payload = hex_of("Long text in message_payload");
    let body = format!(
        "{} 01 01 {} 01 01 {} 00 01 03 0424 {:04x} {payload}",
        cstr(""),
        cstr("4477"),
        cstr("4478"),
        payload.len() / 2
    );
    let bytes = pdu(0x103, 0, 1, &body);
    let p = one(&bytes);
    assert_eq!(p.command_name, "data_sm");
    check(&p, "esm_class", 31, 1, "0x00");
    check(&p, "registered_delivery", 32, 1, "0x01");
    check(&p, "data_coding", 33, 1, "0x03");
    let mp = field(&p, "message_payload");
    assert_eq!((mp.offset, mp.value.as_str()), (34, "\"Long text in message_payload\""));
    assert!(mp.meaning.as_deref().unwrap().starts_with("Latin-1 text"));
    check_raw(&bytes, &p.fields);

    let p = one(&pdu(0x8000_0103, 0, 1, &format!("{} 001D 0005 {}", cstr("m1"), cstr("busy"))));
    assert_eq!(p.command_name, "data_sm_resp");
    assert_eq!(field(&p, "additional_status_info_text").value, "\"busy\"");

    let body = format!(
        "{} 01 01 {} {} 00 00 00 00 00 00 0606 0004 00 {} 0601 0003 010001 0604 0002 0003",
        cstr(""),
        cstr("4477"),
        cstr(""),
        hex_of("Lon")
    );
    let p = one(&pdu(0x111, 0, 1, &body));
    assert_eq!(p.command_name, "broadcast_sm");
    check(&p, "message_id", 24, 1, "\"\"");
    check(&p, "priority_flag", 25, 1, "0");
    check(&p, "sm_default_msg_id", 30, 1, "0");
    let area = field(&p, "broadcast_area_identifier");
    assert_eq!((area.offset, area.value.as_str()), (31, "\"Lon\""));
    assert_eq!(area.meaning.as_deref(), Some("area format: alias/name"));
    assert!(field(&p, "broadcast_content_type").meaning.as_deref().unwrap().starts_with("GSM"));
    assert_eq!(field(&p, "broadcast_rep_num").value, "3");

    let p = one(&pdu(0x8000_0111, 0, 1, &format!("{} 0607 0004 00000008", cstr("b1"))));
    assert_eq!(p.command_name, "broadcast_sm_resp");
    assert!(field(&p, "broadcast_error_status").meaning.as_deref().unwrap().starts_with("ESME_RSYSERR"));

    let p = one(&pdu(0x112, 0, 1, &format!("{} 01 01 {} 0204 0002 0007", cstr("b1"), cstr("4477"))));
    assert_eq!(p.command_name, "query_broadcast_sm");
    assert_eq!(field(&p, "user_message_reference").value, "7");

    let p = one(&pdu(0x8000_0112, 0, 1, &format!("{} 0427 0001 01 0608 0001 64", cstr("b1"))));
    assert_eq!(p.command_name, "query_broadcast_sm_resp");
    assert!(field(&p, "broadcast_area_success").meaning.as_deref().unwrap().starts_with("100%"));

    let p = one(&pdu(0x113, 0, 1, &format!("{} {} 01 01 {}", cstr(""), cstr("b1"), cstr("4477"))));
    assert_eq!(p.command_name, "cancel_broadcast_sm");
    check(&p, "message_id", 17, 3, "\"b1\"");
}

#[test]
fn several_pdus_keep_their_offsets() {
    let mut bytes = pdu(0x15, 0, 1, "");
    bytes.extend(pdu(0x8000_0004, 0, 2, &cstr("x")));
    bytes.extend(pdu(0x8000_0015, 0, 1, ""));
    let d = dissect(&bytes, &MASK);
    assert!(!d.has_errors());
    assert_eq!(d.warnings, ["the input holds 3 PDUs"]);
    let offsets: Vec<(usize, usize)> = d.pdus.iter().map(|p| (p.offset, p.length)).collect();
    assert_eq!(offsets, [(0, 16), (16, 18), (34, 16)]);
    assert_eq!(d.pdus[1].field("message_id").unwrap().offset, 32);
    assert_eq!(d.pdus[2].field("sequence_number").unwrap().offset, 46);
}

#[test]
fn truncated_pdu_is_an_error_with_what_was_read() {
    let full = pdu(4, 0, 2, &submit_sm_body("00", "00", &hex_of("Hello"), ""));
    let cut = &full[..30];
    let d = dissect(cut, &MASK);
    assert!(d.has_errors());
    assert_eq!(d.pdus.len(), 1);
    let p = &d.pdus[0];
    assert_eq!(p.length, 30);
    let error = p.error.as_deref().unwrap();
    assert!(error.contains("truncated PDU: command_length says 54 octets but only 30 are present"), "{error}");
    assert!(error.contains("the PDU ends before"), "{error}");
    assert_eq!(p.field("source_addr").unwrap().value, "\"Test\"");
    assert!(p.field("esm_class").is_none());
    assert!(d.trailing.is_none());

    // Every truncation of every fixture dissects without panicking.
    for len in 0..full.len() {
        let d = dissect(&full[..len], &MASK);
        assert!(d.has_errors(), "length {len}");
    }
}

#[test]
fn malformed_body_keeps_the_next_pdu_in_sync() {
    // A bind_transmitter whose command_length ends after system_id and part of the password.
    let mut bytes = h("00000016 00000002 00000000 00000001 616200 636465");
    bytes.extend(pdu(0x15, 0, 2, ""));
    let d = dissect(&bytes, &MASK);
    assert_eq!(d.pdus.len(), 2);
    let bad = &d.pdus[0];
    assert_eq!(bad.length, 22);
    let error = bad.error.as_deref().unwrap();
    assert!(error.contains("the PDU ends before interface_version at offset 22"), "{error}");
    let pw = bad.field("password").unwrap();
    assert_eq!(pw.value, "\"***\"");
    assert!(pw.warning.as_deref().unwrap().contains("no terminating NUL"));
    assert!(
        bad.warnings.iter().any(|w| w.starts_with("password at offset 19: no terminating NUL")),
        "{:?}",
        bad.warnings
    );
    let good = &d.pdus[1];
    assert_eq!((good.offset, good.command_name.as_str(), good.error.as_ref()), (22, "enquire_link", None));
    assert_eq!(good.sequence_number, 2);
}

#[test]
fn lenient_warnings_mirror_the_decoder() {
    // sm_length larger than what is there.
    let body = submit_sm_body("00", "00", &hex_of("Hello"), "").replace(" 05 48656c6c6f", " 14 48656c6c6f");
    let bytes = pdu(4, 0, 2, &body);
    let d = dissect(&bytes, &MASK);
    let p = &d.pdus[0];
    assert_eq!(p.error, None);
    let sm = p.field("short_message").unwrap();
    assert_eq!(sm.value, "\"Hello\"");
    assert!(sm.warning.as_deref().unwrap().contains("sm_length says 20 octets but only 5 remain"));

    // message_id without NUL at the end of the body; over-long system_id.
    let p = &dissect(&h("00000013 80000004 00000000 00000002 616263"), &MASK).pdus[0];
    assert!(p.warnings[0].contains("no terminating NUL"), "{:?}", p.warnings);
    let long = pdu(0x8000_0009, 0, 1, &cstr("ABCDEFGHIJKLMNOPQRST"));
    let p = &dissect(&long, &MASK).pdus[0];
    assert!(p.warnings[0].contains("20 octets; the spec allows at most 15"), "{:?}", p.warnings);

    // TLV running past the end, and a stray octet after it.
    let p = &dissect(&pdu(0x8000_0004, 0, 1, &format!("{} 001E 0010 414243", cstr("x"))), &MASK).pdus[0];
    assert_eq!(p.error, None);
    let t = p.field("receipted_message_id").unwrap();
    assert!(t.warning.as_deref().unwrap().contains("declares 16 octets but only 3 remain"), "{t:#?}");
    let p = &dissect(&pdu(0x8000_0004, 0, 1, &format!("{} 0427 00", cstr("x"))), &MASK).pdus[0];
    assert!(p.warnings.iter().any(|w| w.contains("too few for a TLV header")), "{:?}", p.warnings);

    // TLV with the wrong size for its type.
    let p = &dissect(&pdu(0x8000_0004, 0, 1, &format!("{} 0427 0002 0102", cstr("x"))), &MASK).pdus[0];
    assert!(p.warnings.iter().any(|w| w.contains("value is 2 octet(s); this TLV holds 1")), "{:?}", p.warnings);

    // Extra octets after a PDU that defines no TLVs; a request with a status.
    let p = &dissect(&pdu(0x15, 5, 1, "0427000102"), &MASK).pdus[0];
    assert!(p.warnings.iter().any(|w| w.contains("enquire_link defines no optional parameters")), "{:?}", p.warnings);
    assert!(p.warnings.iter().any(|w| w.contains("request should carry command_status 0")), "{:?}", p.warnings);
    assert_eq!(p.field("message_state").unwrap().value, "2");

    // short_message and message_payload together; UDHI with an impossible UDH.
    let bytes = pdu(4, 0, 1, &submit_sm_body("40", "00", "0a41", "0424 0001 41"));
    let p = &dissect(&bytes, &MASK).pdus[0];
    assert!(p.warnings.iter().any(|w| w.contains("both short_message and message_payload")), "{:?}", p.warnings);
    assert!(p.warnings.iter().any(|w| w.contains("UDH length 10 runs past")), "{:?}", p.warnings);

    // Bad schedule time; sequence number 0.
    let body =
        submit_sm_body("00", "00", "", "").replacen(" 00 00 00 00 01", &format!(" 00 00 {} 00 01", cstr("2401")), 1);
    let p = &dissect(&pdu(4, 0, 0, &body), &MASK).pdus[0];
    assert_eq!(p.error, None, "{p:#?}");
    assert!(p.warnings.iter().any(|w| w.contains("'2401' is not an SMPP time")), "{:?}", p.warnings);
    assert!(p.warnings.iter().any(|w| w.contains("outside the range")), "{:?}", p.warnings);
}

#[test]
fn impossible_lengths_unknown_commands_and_trailing_bytes() {
    // command_length below 16: the rest cannot be framed.
    let mut bytes = h("00000008 00000015 00000000 00000001");
    bytes.extend(pdu(0x15, 0, 2, ""));
    let d = dissect(&bytes, &MASK);
    assert_eq!(d.pdus.len(), 1);
    assert!(d.pdus[0].error.as_deref().unwrap().contains("invalid command_length 8"));
    let trailing = d.trailing.as_ref().unwrap();
    assert_eq!((trailing.offset, trailing.length), (16, 16));
    assert!(d.warnings.iter().any(|w| w.contains("cannot be re-synchronised")));

    // Fewer than 16 octets after a good PDU.
    let mut bytes = pdu(0x15, 0, 1, "");
    bytes.extend(h("00000010 80000015 0000"));
    let d = dissect(&bytes, &MASK);
    assert!(d.has_errors());
    assert_eq!(d.pdus.len(), 1);
    let trailing = d.trailing.as_ref().unwrap();
    assert_eq!((trailing.offset, trailing.length), (16, 10));
    assert_eq!(trailing.find("command_length").unwrap().value, "16");
    assert_eq!(trailing.find("command_id").unwrap().meaning.as_deref(), Some("enquire_link_resp"));
    assert!(trailing.find("command_status").is_none());

    // Unknown command: body as raw octets, with a warning.
    let p = &dissect(&pdu(0x0000_0099, 0, 1, "0102"), &MASK).pdus[0];
    assert_eq!(p.command_name, "unknown command 0x00000099");
    assert_eq!(p.field("body").unwrap().raw_hex, "0102");
    assert!(p.warnings[0].contains("not defined by SMPP"));

    // Huge command_length (not SMPP at all).
    let d = dissect(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", &MASK);
    assert!(d.has_errors());
    assert!(d.pdus[0].warnings.iter().any(|w| w.contains("exceeds the 65536 octets")), "{:?}", d.pdus[0].warnings);

    let empty = dissect(&[], &MASK);
    assert!(empty.has_errors());
    assert_eq!(empty.warnings, ["the input is empty"]);
}

#[test]
fn random_bytes_never_panic() {
    let mut state = 0x2545_F491u32;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state
    };
    for round in 0..3000 {
        let len = (next() % 120) as usize;
        let mut bytes: Vec<u8> = (0..len).map(|_| next().to_le_bytes()[0]).collect();
        // Make most inputs look like real PDUs so bodies get exercised.
        if bytes.len() >= 16 && round % 4 != 0 {
            let ids = [1u32, 2, 4, 5, 7, 0x21, 0x8000_0021, 0x103, 0x111, 0x8000_0003, 0x0B, 0x102];
            let id = ids[(next() as usize) % ids.len()];
            let declared = u32::try_from(len).unwrap() - (next() % 3);
            bytes[..4].copy_from_slice(&declared.to_be_bytes());
            bytes[4..8].copy_from_slice(&id.to_be_bytes());
        }
        let d: Dissection = dissect(&bytes, &MASK);
        for p in &d.pdus {
            check_raw(&bytes, &p.fields);
        }
    }
}

#[test]
fn hex_parsing_is_lenient_with_separators() {
    assert_eq!(parse_hex("00 01\n0a\tFF").unwrap(), [0, 1, 10, 255]);
    assert_eq!(parse_hex("0x00 0x01 0X0a").unwrap(), [0, 1, 10]);
    assert_eq!(parse_hex("0x00000010").unwrap(), [0, 0, 0, 0x10]);
    assert_eq!(parse_hex("00:01-02,03").unwrap(), [0, 1, 2, 3]);
    assert_eq!(parse_hex("").unwrap(), Vec::<u8>::new());
    assert_eq!(parse_hex("  \n ").unwrap(), Vec::<u8>::new());
    assert_eq!(parse_hex("0000").unwrap(), [0, 0]);
}

#[test]
fn hex_errors_say_what_and_where() {
    let err = parse_hex("00 0g").unwrap_err();
    assert_eq!(err, HexError::InvalidCharacter { character: 'g', index: 4 });
    let message = err.to_string();
    assert!(message.contains("'g' at position 5"), "{message}");

    let err = parse_hex("00 01 a").unwrap_err();
    assert_eq!(err, HexError::OddDigitCount { digits: 5, last: 'a', last_index: 6 });
    let message = err.to_string();
    assert!(message.contains("odd number of hex digits (5)"), "{message}");
    assert!(message.contains("'a' at position 7"), "{message}");

    let err = parse_hex("a 0x0b").unwrap_err();
    assert_eq!(err, HexError::InvalidCharacter { character: 'x', index: 3 });
    assert!(parse_hex("00\u{200B}01").unwrap_err().to_string().contains("U+200B at position 3"));
    assert_eq!(parse_hex("00\u{00A0}01").unwrap(), [0, 1]);
}

#[test]
fn tlv_names_agree_with_the_codec_table() {
    // The dissector keeps its own table (a second opinion); both must name every tag alike.
    for info in smpp_codec::tlv::all() {
        assert_eq!(smpp_codec::dissect::tag_name(info.tag), Some(info.name), "tag 0x{:04X}", info.tag);
    }
    for tag in 0..=u16::MAX {
        if let Some(name) = smpp_codec::dissect::tag_name(tag) {
            assert_eq!(smpp_codec::tlv::tlv_name(tag), Some(name), "tag 0x{tag:04X}");
        }
    }
}

#[test]
fn golden_fixtures_of_the_decoder_dissect_cleanly() {
    // The decoder's golden PDUs (one per command) seen by the independent layout table: a second
    // opinion in both directions.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pdus.txt");
    let text = std::fs::read_to_string(path).unwrap();
    let mut seen = 0;
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let (name, hex) = line.split_once(':').unwrap();
        let bytes = parse_hex(hex).unwrap();
        let p = one(&bytes);
        assert_eq!(p.command_name, name.trim_end_matches("_error"), "{line}");
        check_raw(&bytes, &p.fields);
        seen += 1;
    }
    assert!(seen >= 30, "only {seen} fixtures");
}
