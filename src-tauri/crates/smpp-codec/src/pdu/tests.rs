use super::*;
use crate::tlv::tag;

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

fn roundtrip(pdu: &Pdu, fixture: &str) {
    let bytes = pdu.to_bytes().unwrap();
    assert_eq!(bytes, hex(fixture), "encoding of {:?}", pdu.command_id());
    let decoded = Pdu::decode(&bytes).unwrap();
    assert_eq!(&decoded.pdu, pdu);
    assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
}

fn bind() -> Bind {
    Bind {
        kind: BindKind::Transceiver,
        system_id: "test".into(),
        password: "secret".into(),
        system_type: String::new(),
        interface_version: INTERFACE_VERSION_34,
        addr_ton: 0,
        addr_npi: 0,
        address_range: String::new(),
    }
}

#[test]
fn bind_transceiver_fixture() {
    roundtrip(
        &Pdu::new(1, Body::Bind(bind())),
        "00000021 00000009 00000000 00000001 7465737400 73656372657400 00 34 00 00 00",
    );
}

#[test]
fn bind_resp_fixtures() {
    let ok = Pdu::new(1, Body::BindResp(BindKind::Transceiver, BindResp { system_id: "SMSC".into(), tlvs: vec![] }));
    roundtrip(&ok, "00000015 80000009 00000000 00000001 534d534300");
    // An error response without a body (common) decodes to an empty system_id.
    let d = Pdu::decode(&hex("00000010 80000009 0000000E 00000001")).unwrap();
    assert_eq!(d.pdu.command_status, crate::status::ESME_RINVPASWD);
    assert_eq!(d.pdu.body, Body::BindResp(BindKind::Transceiver, BindResp::default()));
}

#[test]
fn simple_pdus_fixtures() {
    roundtrip(&Pdu::new(7, Body::EnquireLink), "00000010 00000015 00000000 00000007");
    roundtrip(&Pdu::new(7, Body::EnquireLinkResp), "00000010 80000015 00000000 00000007");
    roundtrip(&Pdu::new(8, Body::Unbind), "00000010 00000006 00000000 00000008");
    roundtrip(&Pdu::new(8, Body::UnbindResp), "00000010 80000006 00000000 00000008");
    roundtrip(
        &Pdu::new(9, Body::GenericNack).with_status(crate::status::ESME_RINVCMDID),
        "00000010 80000000 00000003 00000009",
    );
}

#[test]
fn submit_sm_and_resp_fixtures() {
    let sm = ShortMessage {
        source_addr_ton: 5,
        source_addr: "Acme".into(),
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        destination_addr: "447700900123".into(),
        registered_delivery: 1,
        short_message: b"Hi".to_vec(),
        ..Default::default()
    };
    roundtrip(
        &Pdu::new(2, Body::SubmitSm(Box::new(sm))),
        "00000033 00000004 00000000 00000002 00 05 00 41636d6500 01 01 34343737303039303031323300 \
         00 00 00 00 00 01 00 00 00 02 4869",
    );
    roundtrip(
        &Pdu::new(2, Body::SubmitSmResp(SmResp::new("abc123"))),
        "00000017 80000004 00000000 00000002 61626331323300",
    );
    // Error response with no body.
    roundtrip(
        &Pdu::new(3, Body::SubmitSmResp(SmResp::default())).with_status(crate::status::ESME_RINVDSTADR),
        "00000010 80000004 0000000B 00000003",
    );
}

#[test]
fn deliver_sm_receipt_fixture() {
    let sm = ShortMessage {
        esm_class: 0x04,
        short_message: b"id:7 stat:DELIVRD".to_vec(),
        tlvs: vec![Tlv::cstring(tag::RECEIPTED_MESSAGE_ID, "7"), Tlv::u8(tag::MESSAGE_STATE, 2)],
        ..Default::default()
    };
    let pdu = Pdu::new(5, Body::DeliverSm(Box::new(sm)));
    roundtrip(
        &pdu,
        "0000003d 00000005 00000000 00000005 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00 00 11 \
         69643a3720737461743a44454c49565244 001e 0002 3700 0427 0001 02",
    );
    let Body::DeliverSm(d) = Pdu::decode(&pdu.to_bytes().unwrap()).unwrap().pdu.body else { panic!() };
    assert!(d.is_delivery_receipt());
    assert_eq!(d.tlv(tag::RECEIPTED_MESSAGE_ID).unwrap().as_cstring(), "7");
    assert_eq!(d.tlv(tag::MESSAGE_STATE).unwrap().as_u8(), Some(2));
}

#[test]
fn lenient_decoding_warns_instead_of_failing() {
    // submit_sm_resp whose message_id has no NUL.
    let d = Pdu::decode(&hex("00000013 80000004 00000000 00000002 616263")).unwrap();
    assert_eq!(d.pdu.body, Body::SubmitSmResp(SmResp::new("abc")));
    assert_eq!(d.warnings.len(), 1);
    assert_eq!(d.warnings[0].offset, 16);
    // enquire_link with trailing bytes.
    let d = Pdu::decode(&hex("00000012 00000015 00000000 00000002 abcd")).unwrap();
    assert_eq!(d.pdu.body, Body::EnquireLink);
    assert!(d.warnings[0].message.contains("trailing"));
    // TLV running past the end keeps what is there.
    let d = Pdu::decode(&hex("00000018 80000004 00000000 00000002 6100 001e 0009 4142")).unwrap();
    let Body::SubmitSmResp(r) = d.pdu.body else { panic!() };
    assert_eq!(r.tlvs, vec![Tlv::new(0x001E, b"AB".to_vec())]);
}

#[test]
fn malformed_frames_are_errors_with_the_header() {
    assert_eq!(Pdu::decode(&[0, 0, 0]), Err(DecodeError::TruncatedHeader(3)));
    let e = Pdu::decode(&hex("00000014 00000004 00000000 0000002a 00000000")).unwrap_err();
    assert_eq!(e.header().unwrap().sequence_number, 42);
    assert_eq!(e.nack_status(), crate::status::ESME_RINVMSGLEN);
    let e = Pdu::decode(&hex("00000011 00000015 00000000 00000001")).unwrap_err();
    assert!(matches!(e, DecodeError::LengthMismatch { declared: 17, actual: 16, .. }));
}

#[test]
fn unknown_commands_keep_their_body() {
    let d = Pdu::decode(&hex("00000012 00001234 00000000 00000001 beef")).unwrap();
    assert_eq!(d.pdu.body, Body::Raw { command_id: CommandId(0x1234), body: vec![0xbe, 0xef] });
    assert_eq!(d.pdu.to_bytes().unwrap(), hex("00000012 00001234 00000000 00000001 beef"));
}

#[test]
fn strict_encoding_refuses_out_of_spec_fields() {
    let mut b = bind();
    b.password = "123456789".into();
    assert!(matches!(Pdu::new(1, Body::Bind(b)).to_bytes(), Err(EncodeError::FieldTooLong { field: "password", .. })));
    let sm = ShortMessage { short_message: vec![b'a'; 255], ..Default::default() };
    assert!(Pdu::new(1, Body::SubmitSm(Box::new(sm))).to_bytes().is_err());
}

#[test]
fn bind_password_is_masked_and_never_debug_printed() {
    let bytes = Pdu::new(1, Body::Bind(bind())).to_bytes().unwrap();
    let masked = mask_password(&bytes);
    assert_eq!(masked.len(), bytes.len());
    let Body::Bind(b) = Pdu::decode(&masked).unwrap().pdu.body else { panic!() };
    assert_eq!(b.password, "******");
    assert_eq!(b.system_id, "test");
    assert!(!format!("{:?}", bind()).contains("secret"));
    // Non-bind PDUs are untouched; garbage does not panic.
    let el = Pdu::new(1, Body::EnquireLink).to_bytes().unwrap();
    assert_eq!(mask_password(&el), el);
    assert_eq!(
        mask_password(&hex("00000011 00000009 00000000 00000001 41")),
        hex("00000011 00000009 00000000 00000001 41")
    );
}

#[test]
fn decoding_arbitrary_bytes_never_panics() {
    // A small deterministic fuzz: every truncation and many byte flips of real PDUs.
    let seeds = [
        Pdu::new(1, Body::Bind(bind())).to_bytes().unwrap(),
        hex("0000003d 00000005 00000000 00000005 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00 00 11 \
             69643a3720737461743a44454c49565244 001e 0002 3700 0427 0001 02"),
    ];
    let mut x: u32 = 0x1234_5678;
    for seed in seeds {
        for cut in 0..seed.len() {
            let _ = Pdu::decode(&seed[..cut]);
        }
        for _ in 0..5000 {
            let mut b = seed.clone();
            for _ in 0..3 {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                let i = (x as usize) % b.len();
                b[i] = (x >> 8) as u8;
            }
            // Keep command_length consistent half the time so the body decoders are reached.
            if x.is_multiple_of(2) {
                let len = (b.len() as u32).to_be_bytes();
                b[..4].copy_from_slice(&len);
            }
            let _ = Pdu::decode(&b);
            let _ = mask_password(&b);
        }
    }
}

#[test]
fn error_responses_with_tlvs_but_no_message_id_are_read_as_tlvs() {
    // smpp34 sends a failed data_sm_resp as header + TLVs, without the (empty) message_id.
    let d = Pdu::decode(&hex("00000015 80000103 000000fe 00000003 0425 0001 03")).unwrap();
    assert_eq!(d.pdu.body, Body::DataSmResp(SmResp { message_id: String::new(), tlvs: vec![Tlv::u8(0x0425, 3)] }));
    assert_eq!(d.warnings.len(), 1);
    assert_eq!((d.warnings[0].offset, d.warnings[0].field), (16, "message_id"));
    // The spec's form reads without a warning and is what we send.
    let spec = hex("00000016 80000103 000000fe 00000003 00 0425 0001 03");
    let d = Pdu::decode(&spec).unwrap();
    assert!(d.warnings.is_empty());
    assert_eq!(d.pdu.to_bytes().unwrap(), spec);
    // Same for bind_resp: sc_interface_version without system_id.
    let d = Pdu::decode(&hex("00000015 80000009 0000000e 00000001 0210 0001 34")).unwrap();
    assert_eq!(
        d.pdu.body,
        Body::BindResp(BindKind::Transceiver, BindResp { system_id: String::new(), tlvs: vec![Tlv::u8(0x0210, 0x34)] })
    );
    // A successful response is never second-guessed.
    let d = Pdu::decode(&hex("00000015 80000009 00000000 00000001 0210 0001 34")).unwrap();
    assert!(!d.warnings.is_empty());
}

#[test]
fn every_command_has_a_typed_body_and_round_trips_its_default() {
    for id in CommandId::ALL {
        let bytes = {
            let mut b = Vec::new();
            b.extend_from_slice(&16u32.to_be_bytes());
            b.extend_from_slice(&id.0.to_be_bytes());
            b.extend_from_slice(&[0, 0, 0, 8, 0, 0, 0, 1]);
            b
        };
        // A bodiless error response decodes for every response id; requests with a body do not.
        match Pdu::decode(&bytes) {
            Ok(d) => {
                assert!(!matches!(d.pdu.body, Body::Raw { .. }), "{id}");
                assert_eq!(d.pdu.command_id(), id);
            }
            Err(e) => assert!(!id.is_response(), "{id}: {e}"),
        }
    }
}

#[test]
fn decode_warnings_name_field_and_offset() {
    // query_sm_resp with an invalid final_date and a message_state outside 0-9.
    let mut body = b"abc\0".to_vec();
    body.extend_from_slice(b"241305143000004+\0");
    body.extend_from_slice(&[12, 0]);
    let mut frame = ((16 + body.len()) as u32).to_be_bytes().to_vec();
    frame.extend_from_slice(&hex("80000003 00000000 00000001"));
    frame.extend_from_slice(&body);
    let d = Pdu::decode(&frame).unwrap();
    let w: Vec<_> = d.warnings.iter().map(|w| (w.field, w.offset)).collect();
    // The month "13" starts at offset 16 + 4 + 2.
    assert_eq!(w, vec![("final_date", 22), ("message_state", 37)], "{:?}", d.warnings);
    assert!(d.warnings[0].message.contains("month"));
    // A known TLV with the wrong size is kept, and named.
    let d = Pdu::decode(&hex("00000018 80000004 00000000 00000001 6100 0427 0002 0102")).unwrap();
    assert_eq!(d.warnings[0].field, "message_state");
    assert_eq!(d.warnings[0].offset, 18);
    let Body::SubmitSmResp(r) = &d.pdu.body else { panic!() };
    assert_eq!(r.tlvs[0].value, vec![1, 2]);
    assert!(d.pdu.to_bytes().is_err(), "strict encoding refuses what lenient decoding accepted");
}

#[test]
fn outbind_password_is_masked() {
    let o = Pdu::new(1, Body::Outbind(Outbind { system_id: "SMSC".into(), password: "hunter2".into() }));
    assert!(!format!("{o:?}").contains("hunter2"));
    let masked = mask_password(&o.to_bytes().unwrap());
    let Body::Outbind(m) = Pdu::decode(&masked).unwrap().pdu.body else { panic!() };
    assert_eq!((m.system_id.as_str(), m.password.as_str()), ("SMSC", "*******"));
}

/// `body_len`, which sizes the encoder's buffer, must match what the encoder writes (to_bytes
/// also checks this with a debug_assert) for every golden fixture, and for bodies it does not
/// know it says so.
#[test]
fn body_len_matches_the_encoding_of_every_fixture() {
    let fixtures = include_str!("../../tests/fixtures/pdus.txt");
    let mut exact = 0;
    for line in fixtures.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (name, h) = line.split_once(':').unwrap();
        let frame = hex(h);
        let pdu = Pdu::decode(&frame).unwrap().pdu;
        let bytes = pdu.to_bytes().unwrap();
        assert_eq!(bytes, frame, "{name}");
        if let Some(n) = pdu.body_len() {
            assert_eq!(HEADER_LEN + n, bytes.len(), "{name}");
            exact += 1;
        }
    }
    assert!(exact >= 20, "body_len should know most fixtures, knew {exact}");
}
