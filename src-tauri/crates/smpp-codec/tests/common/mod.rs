//! Shared by the integration tests: hex helpers, the golden fixtures file and the typed PDU
//! each fixture must decode to.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use smpp_codec::pdu::*;
use smpp_codec::tlv::{Tlv, tag};

/// Parses hex, ignoring whitespace.
pub fn hex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    assert!(s.len().is_multiple_of(2), "odd hex length: {s}");
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

/// Lower-case hex, the 16-octet header split into its four fields and the body after it.
pub fn to_hex(b: &[u8]) -> String {
    let h: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
    if b.len() < 16 {
        return h.concat();
    }
    let mut out = format!("{} {} {} {}", h[0..4].concat(), h[4..8].concat(), h[8..12].concat(), h[12..16].concat());
    if b.len() > 16 {
        out.push(' ');
        out.push_str(&h[16..].concat());
    }
    out
}

pub const FIXTURES: &str = include_str!("../fixtures/pdus.txt");

/// (name, bytes) of every line of tests/fixtures/pdus.txt (`name: hex`, `#` comments).
pub fn fixtures() -> Vec<(String, Vec<u8>)> {
    FIXTURES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (name, h) = l.split_once(':').expect("name: hex");
            (name.trim().to_string(), hex(h))
        })
        .collect()
}

pub fn fixture(name: &str) -> Vec<u8> {
    fixtures().into_iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no fixture {name}")).1
}

fn bind(kind: BindKind) -> Bind {
    Bind {
        kind,
        system_id: "SMPP3TEST".into(),
        password: "secret08".into(),
        system_type: "SUBMIT1".into(),
        interface_version: INTERFACE_VERSION_34,
        addr_ton: 1,
        addr_npi: 1,
        address_range: String::new(),
    }
}

/// The typed PDU every fixture decodes to (and encodes from).
pub fn expected() -> Vec<(&'static str, Pdu)> {
    let submit = ShortMessage {
        service_type: "CMT".into(),
        source_addr_ton: 5,
        source_addr_npi: 0,
        source_addr: "Acme".into(),
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        destination_addr: "447700900123".into(),
        esm_class: 0,
        protocol_id: 0,
        priority_flag: 1,
        schedule_delivery_time: String::new(),
        validity_period: "000001000000000R".into(),
        registered_delivery: 1,
        replace_if_present_flag: 0,
        data_coding: 0,
        sm_default_msg_id: 0,
        short_message: b"Hello".to_vec(),
        tlvs: vec![Tlv::u16(tag::USER_MESSAGE_REFERENCE, 0x1234)],
    };
    let receipt = ShortMessage {
        source_addr_ton: 1,
        source_addr_npi: 1,
        source_addr: "447700900123".into(),
        dest_addr_ton: 5,
        destination_addr: "Acme".into(),
        esm_class: 0x04,
        short_message: b"id:0123456789ABCDEF sub:001 dlvrd:001 submit date:2403051430 done date:2403051431 stat:DELIVRD err:000 text:Hello"
            .to_vec(),
        tlvs: vec![
            Tlv::cstring(tag::RECEIPTED_MESSAGE_ID, "0123456789ABCDEF"),
            Tlv::u8(tag::MESSAGE_STATE, 2),
            Tlv::network_error_code(3, 0),
            Tlv::new(tag::MOBILE_COUNTRY_CODE, b"234".to_vec()),
            Tlv::new(tag::MOBILE_NETWORK_CODE, b"15".to_vec()),
            Tlv::new(tag::PRICE, b"0.0075 USD".to_vec()),
        ],
        ..Default::default()
    };
    let submit_multi = SubmitMulti {
        service_type: String::new(),
        source_addr_ton: 1,
        source_addr_npi: 1,
        source_addr: "12345".into(),
        dest_addresses: vec![
            DestAddress::sme(1, 1, "447700900001"),
            DestAddress::sme(1, 1, "447700900002"),
            DestAddress::DistributionList("vip".into()),
        ],
        esm_class: 0,
        protocol_id: 0,
        priority_flag: 0,
        schedule_delivery_time: "240305143000004+".into(),
        validity_period: String::new(),
        registered_delivery: 1,
        replace_if_present_flag: 0,
        data_coding: 8,
        sm_default_msg_id: 0,
        short_message: vec![0x00, 0x48, 0x00, 0x69],
        tlvs: Vec::new(),
    };
    let data_sm = DataSm {
        service_type: "WAP".into(),
        source_addr_ton: 1,
        source_addr_npi: 1,
        source_addr: "447700900123".into(),
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        destination_addr: "447700900456".into(),
        esm_class: 0,
        registered_delivery: 0,
        data_coding: 4,
        tlvs: vec![
            Tlv::u16(tag::SOURCE_PORT, 9200),
            Tlv::u16(tag::DESTINATION_PORT, 2948),
            Tlv::new(tag::MESSAGE_PAYLOAD, b"payload".to_vec()),
        ],
    };
    let broadcast = BroadcastSm {
        service_type: String::new(),
        source_addr_ton: 5,
        source_addr_npi: 0,
        source_addr: "CB".into(),
        message_id: String::new(),
        priority_flag: 0,
        schedule_delivery_time: String::new(),
        validity_period: "000000010000000R".into(),
        replace_if_present_flag: 0,
        data_coding: 0,
        sm_default_msg_id: 0,
        tlvs: vec![
            Tlv::new(tag::BROADCAST_AREA_IDENTIFIER, vec![0x00, b'L', b'O', b'N']),
            Tlv::new(tag::BROADCAST_CONTENT_TYPE, vec![0x01, 0x00, 0x10]),
            Tlv::u16(tag::BROADCAST_REP_NUM, 3),
            Tlv::new(tag::BROADCAST_FREQUENCY_INTERVAL, vec![0x08, 0x00, 0x05]),
            Tlv::new(tag::MESSAGE_PAYLOAD, b"Storm warning".to_vec()),
        ],
    };
    vec![
        ("bind_transmitter", Pdu::new(1, Body::Bind(bind(BindKind::Transmitter)))),
        ("bind_receiver", Pdu::new(1, Body::Bind(bind(BindKind::Receiver)))),
        ("bind_transceiver", Pdu::new(1, Body::Bind(bind(BindKind::Transceiver)))),
        ("bind_transmitter_resp", Pdu::new(1, Body::BindResp(BindKind::Transmitter, BindResp::new("SMSC")))),
        ("bind_receiver_resp", Pdu::new(1, Body::BindResp(BindKind::Receiver, BindResp::new("SMSC")))),
        (
            "bind_transceiver_resp",
            Pdu::new(
                1,
                Body::BindResp(
                    BindKind::Transceiver,
                    BindResp { system_id: "SMSC".into(), tlvs: vec![Tlv::u8(tag::SC_INTERFACE_VERSION, 0x34)] },
                ),
            ),
        ),
        (
            "bind_transceiver_resp_error",
            Pdu::new(1, Body::BindResp(BindKind::Transceiver, BindResp::default()))
                .with_status(smpp_codec::status::ESME_RINVPASWD),
        ),
        ("outbind", Pdu::new(2, Body::Outbind(Outbind { system_id: "SMSC".into(), password: "pw".into() }))),
        ("unbind", Pdu::new(3, Body::Unbind)),
        ("unbind_resp", Pdu::new(3, Body::UnbindResp)),
        ("generic_nack", Pdu::new(4, Body::GenericNack).with_status(smpp_codec::status::ESME_RINVCMDID)),
        ("enquire_link", Pdu::new(5, Body::EnquireLink)),
        ("enquire_link_resp", Pdu::new(5, Body::EnquireLinkResp)),
        ("submit_sm", Pdu::new(6, Body::SubmitSm(Box::new(submit)))),
        ("submit_sm_resp", Pdu::new(6, Body::SubmitSmResp(SmResp::new("0123456789ABCDEF")))),
        (
            "submit_sm_resp_error",
            Pdu::new(7, Body::SubmitSmResp(SmResp::default())).with_status(smpp_codec::status::ESME_RTHROTTLED),
        ),
        ("submit_multi", Pdu::new(8, Body::SubmitMulti(Box::new(submit_multi)))),
        (
            "submit_multi_resp",
            Pdu::new(
                8,
                Body::SubmitMultiResp(SubmitMultiResp {
                    message_id: "m-1".into(),
                    unsuccess_sme: vec![UnsuccessSme {
                        dest_addr_ton: 1,
                        dest_addr_npi: 1,
                        destination_addr: "447700900002".into(),
                        error_status_code: smpp_codec::status::ESME_RINVDSTADR,
                    }],
                    tlvs: Vec::new(),
                }),
            ),
        ),
        ("deliver_sm", Pdu::new(9, Body::DeliverSm(Box::new(receipt)))),
        ("deliver_sm_resp", Pdu::new(9, Body::DeliverSmResp(SmResp::default()))),
        ("data_sm", Pdu::new(10, Body::DataSm(Box::new(data_sm)))),
        ("data_sm_resp", Pdu::new(10, Body::DataSmResp(SmResp::new("d-1")))),
        (
            "query_sm",
            Pdu::new(
                11,
                Body::QuerySm(QuerySm {
                    message_id: "0123456789ABCDEF".into(),
                    source_addr_ton: 5,
                    source_addr_npi: 0,
                    source_addr: "Acme".into(),
                }),
            ),
        ),
        (
            "query_sm_resp",
            Pdu::new(
                11,
                Body::QuerySmResp(QuerySmResp {
                    message_id: "0123456789ABCDEF".into(),
                    final_date: "240305143100000+".into(),
                    message_state: 2,
                    error_code: 0,
                }),
            ),
        ),
        (
            "cancel_sm",
            Pdu::new(
                12,
                Body::CancelSm(CancelSm {
                    service_type: String::new(),
                    message_id: "0123456789ABCDEF".into(),
                    source_addr_ton: 5,
                    source_addr_npi: 0,
                    source_addr: "Acme".into(),
                    dest_addr_ton: 1,
                    dest_addr_npi: 1,
                    destination_addr: "447700900123".into(),
                }),
            ),
        ),
        ("cancel_sm_resp", Pdu::new(12, Body::CancelSmResp)),
        (
            "replace_sm",
            Pdu::new(
                13,
                Body::ReplaceSm(Box::new(ReplaceSm {
                    message_id: "0123456789ABCDEF".into(),
                    source_addr_ton: 5,
                    source_addr_npi: 0,
                    source_addr: "Acme".into(),
                    schedule_delivery_time: String::new(),
                    validity_period: "000002000000000R".into(),
                    registered_delivery: 1,
                    sm_default_msg_id: 0,
                    short_message: b"Updated".to_vec(),
                    tlvs: Vec::new(),
                })),
            ),
        ),
        ("replace_sm_resp", Pdu::new(13, Body::ReplaceSmResp)),
        (
            "alert_notification",
            Pdu::new(
                14,
                Body::AlertNotification(AlertNotification {
                    source_addr_ton: 1,
                    source_addr_npi: 1,
                    source_addr: "447700900123".into(),
                    esme_addr_ton: 1,
                    esme_addr_npi: 1,
                    esme_addr: "12345".into(),
                    tlvs: vec![Tlv::u8(tag::MS_AVAILABILITY_STATUS, 0)],
                }),
            ),
        ),
        ("broadcast_sm", Pdu::new(15, Body::BroadcastSm(Box::new(broadcast)))),
        ("broadcast_sm_resp", Pdu::new(15, Body::BroadcastSmResp(SmResp::new("b-1")))),
        (
            "query_broadcast_sm",
            Pdu::new(
                16,
                Body::QueryBroadcastSm(QueryBroadcastSm {
                    message_id: "b-1".into(),
                    source_addr_ton: 5,
                    source_addr_npi: 0,
                    source_addr: "CB".into(),
                    tlvs: vec![Tlv::u16(tag::USER_MESSAGE_REFERENCE, 7)],
                }),
            ),
        ),
        (
            "query_broadcast_sm_resp",
            Pdu::new(
                16,
                Body::QueryBroadcastSmResp(SmResp {
                    message_id: "b-1".into(),
                    tlvs: vec![
                        Tlv::u8(tag::MESSAGE_STATE, 1),
                        Tlv::new(tag::BROADCAST_AREA_IDENTIFIER, vec![0x00, b'L', b'O', b'N']),
                        Tlv::u8(tag::BROADCAST_AREA_SUCCESS, 80),
                    ],
                }),
            ),
        ),
        (
            "cancel_broadcast_sm",
            Pdu::new(
                17,
                Body::CancelBroadcastSm(CancelBroadcastSm {
                    service_type: String::new(),
                    message_id: "b-1".into(),
                    source_addr_ton: 5,
                    source_addr_npi: 0,
                    source_addr: "CB".into(),
                    tlvs: Vec::new(),
                }),
            ),
        ),
        ("cancel_broadcast_sm_resp", Pdu::new(17, Body::CancelBroadcastSmResp)),
    ]
}
