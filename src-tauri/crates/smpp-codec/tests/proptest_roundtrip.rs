#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Property tests: generated PDUs of every kind (within the spec's limits) round-trip through
//! encode/decode without warnings; arbitrary bytes never make the decoder panic; a frame that
//! decodes without warnings re-encodes to itself.

use proptest::prelude::*;
use smpp_codec::CommandId;
use smpp_codec::pdu::*;
use smpp_codec::status;
use smpp_codec::time::{AbsoluteTime, RelativeTime};
use smpp_codec::tlv::{Tlv, tag};

/// A C-Octet String of printable ASCII that fits `max` octets with its NUL.
fn cs(max: usize) -> BoxedStrategy<String> {
    proptest::string::string_regex(&format!("[ -~]{{0,{}}}", max - 1)).unwrap().boxed()
}

fn time() -> BoxedStrategy<String> {
    let abs = (0u8..100, 1u8..=12, 1u8..=28, 0u8..24, 0u8..60, 0u8..60, 0u8..10, -48i8..=48).prop_map(
        |(year, month, day, hour, minute, second, tenths, utc_offset_quarters)| {
            AbsoluteTime { year, month, day, hour, minute, second, tenths, utc_offset_quarters }.to_string()
        },
    );
    let rel = (0u8..100, 0u8..100, 0u8..100, 0u8..100, 0u8..100, 0u8..100).prop_map(
        |(years, months, days, hours, minutes, seconds)| {
            RelativeTime { years, months, days, hours, minutes, seconds }.to_string()
        },
    );
    prop_oneof![Just(String::new()), abs, rel].boxed()
}

fn tlv() -> BoxedStrategy<Tlv> {
    let u8_tags = prop::sample::select(vec![
        tag::MESSAGE_STATE,
        tag::SAR_TOTAL_SEGMENTS,
        tag::SAR_SEGMENT_SEQNUM,
        tag::SC_INTERFACE_VERSION,
        tag::PAYLOAD_TYPE,
        tag::LANGUAGE_INDICATOR,
        tag::MORE_MESSAGES_TO_SEND,
        tag::DELIVERY_FAILURE_REASON,
        tag::MS_AVAILABILITY_STATUS,
        tag::CONGESTION_STATE,
        tag::USSD_SERVICE_OP,
    ]);
    let u16_tags = prop::sample::select(vec![
        tag::SAR_MSG_REF_NUM,
        tag::SOURCE_PORT,
        tag::DESTINATION_PORT,
        tag::USER_MESSAGE_REFERENCE,
        tag::SMS_SIGNAL,
        tag::BROADCAST_REP_NUM,
    ]);
    prop_oneof![
        (u8_tags, any::<u8>()).prop_map(|(t, v)| Tlv::u8(t, v)),
        (u16_tags, any::<u16>()).prop_map(|(t, v)| Tlv::u16(t, v)),
        any::<u32>().prop_map(|v| Tlv::u32(tag::QOS_TIME_TO_LIVE, v)),
        cs(65).prop_map(|s| Tlv::cstring(tag::RECEIPTED_MESSAGE_ID, &s)),
        cs(256).prop_map(|s| Tlv::cstring(tag::ADDITIONAL_STATUS_INFO_TEXT, &s)),
        (any::<u8>(), any::<u16>()).prop_map(|(t, c)| Tlv::network_error_code(t, c)),
        prop::collection::vec(any::<u8>(), 0..300).prop_map(|v| Tlv::new(tag::MESSAGE_PAYLOAD, v)),
        "[0-9]{3}".prop_map(|s| Tlv::new(tag::MOBILE_COUNTRY_CODE, s.into_bytes())),
        (0x1400u16..=0x3FFF, prop::collection::vec(any::<u8>(), 0..20)).prop_map(|(t, v)| Tlv::new(t, v)),
    ]
    .boxed()
}

fn tlvs() -> BoxedStrategy<Vec<Tlv>> {
    prop::collection::vec(tlv(), 0..4).boxed()
}

fn bytes(max: usize) -> BoxedStrategy<Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..=max).boxed()
}

fn short_message() -> BoxedStrategy<ShortMessage> {
    (
        (cs(6), any::<u8>(), any::<u8>(), cs(21), any::<u8>(), any::<u8>(), cs(21)),
        (any::<u8>(), any::<u8>(), any::<u8>(), time(), time()),
        (any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>(), bytes(254), tlvs()),
    )
        .prop_map(|((st, sat, san, sa, dat, dan, da), (esm, pid, pri, sdt, vp), (rd, rip, dc, dmi, sm, tlvs))| {
            // The spec forbids short_message together with message_payload.
            let sm = if tlvs.iter().any(|t| t.tag == tag::MESSAGE_PAYLOAD) { Vec::new() } else { sm };
            ShortMessage {
                service_type: st,
                source_addr_ton: sat,
                source_addr_npi: san,
                source_addr: sa,
                dest_addr_ton: dat,
                dest_addr_npi: dan,
                destination_addr: da,
                esm_class: esm,
                protocol_id: pid,
                priority_flag: pri,
                schedule_delivery_time: sdt,
                validity_period: vp,
                registered_delivery: rd,
                replace_if_present_flag: rip,
                data_coding: dc,
                sm_default_msg_id: dmi,
                short_message: sm,
                tlvs,
            }
        })
        .boxed()
}

fn dest_address() -> BoxedStrategy<DestAddress> {
    prop_oneof![
        (any::<u8>(), any::<u8>(), cs(21)).prop_map(|(t, n, a)| DestAddress::sme(t, n, a)),
        cs(21).prop_map(DestAddress::DistributionList),
    ]
    .boxed()
}

fn submit_multi() -> BoxedStrategy<SubmitMulti> {
    (short_message(), prop::collection::vec(dest_address(), 1..20))
        .prop_map(|(s, dest_addresses)| SubmitMulti {
            service_type: s.service_type,
            source_addr_ton: s.source_addr_ton,
            source_addr_npi: s.source_addr_npi,
            source_addr: s.source_addr,
            dest_addresses,
            esm_class: s.esm_class,
            protocol_id: s.protocol_id,
            priority_flag: s.priority_flag,
            schedule_delivery_time: s.schedule_delivery_time,
            validity_period: s.validity_period,
            registered_delivery: s.registered_delivery,
            replace_if_present_flag: s.replace_if_present_flag,
            data_coding: s.data_coding,
            sm_default_msg_id: s.sm_default_msg_id,
            short_message: s.short_message,
            tlvs: s.tlvs,
        })
        .boxed()
}

fn bind_kind() -> BoxedStrategy<BindKind> {
    prop_oneof![Just(BindKind::Transmitter), Just(BindKind::Receiver), Just(BindKind::Transceiver)].boxed()
}

fn sm_resp() -> BoxedStrategy<SmResp> {
    (cs(65), tlvs()).prop_map(|(message_id, tlvs)| SmResp { message_id, tlvs }).boxed()
}

/// Every body kind, requests and responses.
fn body() -> BoxedStrategy<Body> {
    let bind = (bind_kind(), cs(16), cs(9), cs(13), any::<u8>(), any::<u8>(), any::<u8>(), cs(41)).prop_map(
        |(kind, system_id, password, system_type, interface_version, addr_ton, addr_npi, address_range)| {
            Body::Bind(Bind {
                kind,
                system_id,
                password,
                system_type,
                interface_version,
                addr_ton,
                addr_npi,
                address_range,
            })
        },
    );
    let bind_resp = (bind_kind(), cs(16), prop::option::of(any::<u8>())).prop_map(|(k, system_id, v)| {
        Body::BindResp(
            k,
            BindResp { system_id, tlvs: v.map(|v| Tlv::u8(tag::SC_INTERFACE_VERSION, v)).into_iter().collect() },
        )
    });
    let unsuccess = (any::<u8>(), any::<u8>(), cs(21), any::<u32>()).prop_map(|(t, n, a, e)| UnsuccessSme {
        dest_addr_ton: t,
        dest_addr_npi: n,
        destination_addr: a,
        error_status_code: e,
    });
    let submit_multi_resp = (cs(65), prop::collection::vec(unsuccess, 0..10), tlvs())
        .prop_map(|(m, u, t)| Body::SubmitMultiResp(SubmitMultiResp { message_id: m, unsuccess_sme: u, tlvs: t }));
    let data_sm =
        ((cs(6), any::<u8>(), any::<u8>(), cs(65), any::<u8>(), any::<u8>(), cs(65)), any::<[u8; 3]>(), tlvs())
            .prop_map(|((st, sat, san, sa, dat, dan, da), [esm, rd, dc], tlvs)| {
                Body::DataSm(Box::new(DataSm {
                    service_type: st,
                    source_addr_ton: sat,
                    source_addr_npi: san,
                    source_addr: sa,
                    dest_addr_ton: dat,
                    dest_addr_npi: dan,
                    destination_addr: da,
                    esm_class: esm,
                    registered_delivery: rd,
                    data_coding: dc,
                    tlvs,
                }))
            });
    let query_sm = (cs(65), any::<u8>(), any::<u8>(), cs(21)).prop_map(|(m, t, n, a)| {
        Body::QuerySm(QuerySm { message_id: m, source_addr_ton: t, source_addr_npi: n, source_addr: a })
    });
    let abs_or_empty = time().prop_filter("absolute or empty", |t| !t.ends_with('R'));
    let query_sm_resp = (cs(65), abs_or_empty, 0u8..=9, any::<u8>()).prop_map(|(m, f, s, e)| {
        Body::QuerySmResp(QuerySmResp { message_id: m, final_date: f, message_state: s, error_code: e })
    });
    let cancel_sm = (cs(6), cs(65), any::<[u8; 4]>(), cs(21), cs(21)).prop_map(|(st, m, [a, b, c, d], sa, da)| {
        Body::CancelSm(CancelSm {
            service_type: st,
            message_id: m,
            source_addr_ton: a,
            source_addr_npi: b,
            source_addr: sa,
            dest_addr_ton: c,
            dest_addr_npi: d,
            destination_addr: da,
        })
    });
    let replace_sm = (cs(65), any::<[u8; 4]>(), cs(21), time(), time(), bytes(254)).prop_map(
        |(m, [a, b, rd, dmi], sa, sdt, vp, sm)| {
            Body::ReplaceSm(Box::new(ReplaceSm {
                message_id: m,
                source_addr_ton: a,
                source_addr_npi: b,
                source_addr: sa,
                schedule_delivery_time: sdt,
                validity_period: vp,
                registered_delivery: rd,
                sm_default_msg_id: dmi,
                short_message: sm,
                tlvs: Vec::new(),
            }))
        },
    );
    let alert = (any::<[u8; 4]>(), cs(65), cs(65), prop::option::of(0u8..3)).prop_map(|([a, b, c, d], s, e, st)| {
        Body::AlertNotification(AlertNotification {
            source_addr_ton: a,
            source_addr_npi: b,
            source_addr: s,
            esme_addr_ton: c,
            esme_addr_npi: d,
            esme_addr: e,
            tlvs: st.map(|v| Tlv::u8(tag::MS_AVAILABILITY_STATUS, v)).into_iter().collect(),
        })
    });
    let broadcast = (
        (cs(6), any::<u8>(), any::<u8>(), cs(21), cs(65)),
        (any::<u8>(), time(), time(), any::<[u8; 3]>()),
        (any::<u8>(), bytes(20), any::<[u8; 3]>(), any::<u16>(), any::<[u8; 3]>(), tlvs()),
    )
        .prop_map(|((st, t, n, sa, m), (pri, sdt, vp, [rip, dc, dmi]), (fmt, area, ct, rep, fi, mut extra))| {
            let mut tlvs = vec![
                Tlv::new(tag::BROADCAST_AREA_IDENTIFIER, [vec![fmt], area].concat()),
                Tlv::new(tag::BROADCAST_CONTENT_TYPE, ct.to_vec()),
                Tlv::u16(tag::BROADCAST_REP_NUM, rep),
                Tlv::new(tag::BROADCAST_FREQUENCY_INTERVAL, fi.to_vec()),
            ];
            tlvs.append(&mut extra);
            Body::BroadcastSm(Box::new(BroadcastSm {
                service_type: st,
                source_addr_ton: t,
                source_addr_npi: n,
                source_addr: sa,
                message_id: m,
                priority_flag: pri,
                schedule_delivery_time: sdt,
                validity_period: vp,
                replace_if_present_flag: rip,
                data_coding: dc,
                sm_default_msg_id: dmi,
                tlvs,
            }))
        });
    let query_broadcast = (cs(65), any::<u8>(), any::<u8>(), cs(21), tlvs()).prop_map(|(m, t, n, a, tlvs)| {
        Body::QueryBroadcastSm(QueryBroadcastSm {
            message_id: m,
            source_addr_ton: t,
            source_addr_npi: n,
            source_addr: a,
            tlvs,
        })
    });
    let cancel_broadcast =
        (cs(6), cs(65), any::<u8>(), any::<u8>(), cs(21), tlvs()).prop_map(|(st, m, t, n, a, tlvs)| {
            Body::CancelBroadcastSm(CancelBroadcastSm {
                service_type: st,
                message_id: m,
                source_addr_ton: t,
                source_addr_npi: n,
                source_addr: a,
                tlvs,
            })
        });
    prop_oneof![
        bind,
        bind_resp,
        (cs(16), cs(9)).prop_map(|(system_id, password)| Body::Outbind(Outbind { system_id, password })),
        Just(Body::Unbind),
        Just(Body::UnbindResp),
        Just(Body::GenericNack),
        Just(Body::EnquireLink),
        Just(Body::EnquireLinkResp),
        short_message().prop_map(|s| Body::SubmitSm(Box::new(s))),
        sm_resp().prop_map(Body::SubmitSmResp),
        submit_multi().prop_map(|s| Body::SubmitMulti(Box::new(s))),
        submit_multi_resp,
        short_message().prop_map(|s| Body::DeliverSm(Box::new(s))),
        sm_resp().prop_map(Body::DeliverSmResp),
        data_sm,
        sm_resp().prop_map(Body::DataSmResp),
        query_sm,
        query_sm_resp,
        cancel_sm,
        Just(Body::CancelSmResp),
        replace_sm,
        Just(Body::ReplaceSmResp),
        alert,
        broadcast,
        sm_resp().prop_map(Body::BroadcastSmResp),
        query_broadcast,
        sm_resp().prop_map(Body::QueryBroadcastSmResp),
        cancel_broadcast,
        Just(Body::CancelBroadcastSmResp),
        ((0x0000_0200u32..0x0000_0300), bytes(40)).prop_map(|(id, body)| Body::Raw { command_id: CommandId(id), body }),
    ]
    .boxed()
}

fn pdu() -> BoxedStrategy<Pdu> {
    (body(), 1u32..=0x7FFF_FFFF, prop::sample::select(vec![0u32, 0, 0, status::ESME_RTHROTTLED, status::ESME_RSYSERR]))
        .prop_map(|(body, seq, st)| {
            let st = if body.command_id().is_response() { st } else { 0 };
            Pdu::new(seq, body).with_status(st)
        })
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10_000, ..ProptestConfig::default() })]

    #[test]
    fn every_pdu_kind_round_trips(p in pdu()) {
        let bytes = p.to_bytes().unwrap();
        prop_assert_eq!(u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize, bytes.len());
        let d = Pdu::decode(&bytes).unwrap();
        prop_assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        prop_assert_eq!(&d.pdu, &p);
        // to_bytes of a decoded spec-conforming PDU equals its input.
        prop_assert_eq!(d.pdu.to_bytes().unwrap(), bytes);
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = Pdu::decode(&b);
        let _ = smpp_codec::pdu::mask_password(&b);
        let _ = smpp_codec::next_frame_len(&b, 1024);
    }

    #[test]
    fn arbitrary_bodies_of_every_command_never_panic_and_clean_decodes_are_canonical(
        id in prop::sample::select(CommandId::ALL.to_vec()),
        st in prop::sample::select(vec![0u32, 0, status::ESME_RSYSERR]),
        seq in any::<u32>(),
        body in prop::collection::vec(any::<u8>(), 0..200),
    ) {
        let mut frame = Vec::new();
        frame.extend_from_slice(&((16 + body.len()) as u32).to_be_bytes());
        frame.extend_from_slice(&id.0.to_be_bytes());
        frame.extend_from_slice(&st.to_be_bytes());
        frame.extend_from_slice(&seq.to_be_bytes());
        frame.extend_from_slice(&body);
        if let Ok(d) = Pdu::decode(&frame) {
            prop_assert_eq!(d.pdu.command_id(), id);
            if d.warnings.is_empty() && st == 0 {
                prop_assert_eq!(d.pdu.to_bytes().unwrap(), frame);
            }
        }
    }

    #[test]
    fn spec_conforming_frames_decode_to_what_encodes_them(p in pdu()) {
        // Same as the first property, seen from the wire: bytes → PDU → bytes.
        let bytes = p.to_bytes().unwrap();
        let again = Pdu::decode(&bytes).unwrap().pdu.to_bytes().unwrap();
        prop_assert_eq!(again, bytes);
    }
}

#[test]
fn strict_encoding_rejects_what_the_spec_forbids() {
    let too_many = SubmitMulti { dest_addresses: vec![DestAddress::sme(1, 1, "1"); 255], ..Default::default() };
    assert!(matches!(
        Pdu::new(1, Body::SubmitMulti(Box::new(too_many))).to_bytes(),
        Err(EncodeError::Count { field: "number_of_dests", count: 255, .. })
    ));
    let none = SubmitMulti::default();
    assert!(Pdu::new(1, Body::SubmitMulti(Box::new(none))).to_bytes().is_err());
    let bad_time = ShortMessage { validity_period: "241305143000004+".into(), ..Default::default() };
    let e = Pdu::new(1, Body::SubmitSm(Box::new(bad_time))).to_bytes().unwrap_err();
    assert!(e.to_string().contains("validity_period") && e.to_string().contains("month"), "{e}");
    let long_addr = DataSm { source_addr: "x".repeat(65), ..Default::default() };
    assert!(matches!(
        Pdu::new(1, Body::DataSm(Box::new(long_addr))).to_bytes(),
        Err(EncodeError::FieldTooLong { field: "source_addr", max: 64, .. })
    ));
    let ok_addr = DataSm { source_addr: "x".repeat(64), ..Default::default() };
    assert!(Pdu::new(1, Body::DataSm(Box::new(ok_addr))).to_bytes().is_ok());
    let sys = Outbind { system_id: "x".repeat(16), password: String::new() };
    assert!(Pdu::new(1, Body::Outbind(sys)).to_bytes().is_err());
}
