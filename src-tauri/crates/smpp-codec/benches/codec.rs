#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Throughput of the hot paths, ours against the `smpp34` (SMPP 3.4) and `rusmpp` (SMPP 5.0)
//! crates, in the same benchmark groups of one run so that the ratios mean something.
//!
//! Fairness rules (see docs/benchmarks.md):
//! - The three codecs get the same field values and produce byte-identical frames; that is
//!   asserted before anything is measured.
//! - Decoding starts from a complete frame already in memory. rusmpp decodes from a `BytesMut`
//!   it consumes, so its copy of the frame is made in the untimed setup.
//! - Encoding starts from an owned PDU value (cloned in the untimed setup, because smpp34's
//!   `encode(self)` consumes it) and produces a fresh buffer sized by each library as it
//!   pleases; the PDU value is dropped inside the timed routine for all three, as smpp34's
//!   consuming encode does.
//! - Every timed routine drops what it produced, so allocation and freeing are counted alike.
//!
//! `cargo bench -p smpp-codec --bench codec`; `cargo test -p smpp-codec --benches` runs each
//! benchmark once as a smoke test.

use std::hint::black_box;

use bytes::BytesMut;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use rusmpp::decode::DecodeWithLength as _;
use rusmpp::encode::Length as _;
use rusmpp::encode::owned::Encode as _;
use rusmpp::types::{COctetString, EmptyOrFullCOctetString, OctetString};
use rusmpp::{pdus as rp, tlvs as rt, values as rv};
use smpp_codec::coding::{self, Alphabet};
use smpp_codec::pdu::{ESM_CLASS_DELIVERY_RECEIPT, REGISTERED_DELIVERY_FINAL};
use smpp_codec::receipt::parse_receipt_text;
use smpp_codec::tlv::{Tlv, tag};
use smpp_codec::{Body, Pdu, ShortMessage};

/// Alphanumeric sender (TON 5, NPI 0).
const SENDER: &str = "SMPPConsole";
/// International MSISDN (TON 1, NPI 1).
const MSISDN: &str = "447700900123";
/// 60 characters of the GSM default alphabet.
const TEXT_60: &str = "Your code is 482913. It expires in 10 minutes; do not share.";
/// 160 characters of the GSM default alphabet (a full single-part message).
const TEXT_160: &str = "Hello Anna! Your parcel 7731-XQ has left our depot and will arrive tomorrow between \
                        09:00 and 13:00. Reply STOP to opt out, or call us on +44 20 7946 0000 today";
const MESSAGE_ID: &str = "0123456789ABCDEF";
/// The SMPP 3.4 appendix layout, as most SMSCs send it.
const RECEIPT: &str = "id:0123456789ABCDEF sub:001 dlvrd:001 submit date:2401151230 done date:2401151231 \
                       stat:DELIVRD err:000 text:Your code is 482913";
const MESSAGE_STATE_DELIVERED: u8 = 2;

// ---------------------------------------------------------------------------------------------
// The two PDUs, as each library builds them

fn submit_fields() -> ShortMessage {
    ShortMessage {
        source_addr_ton: 5,
        source_addr_npi: 0,
        source_addr: SENDER.into(),
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        destination_addr: MSISDN.into(),
        registered_delivery: REGISTERED_DELIVERY_FINAL,
        data_coding: Alphabet::Gsm7.data_coding(),
        short_message: coding::encode(TEXT_60, Alphabet::Gsm7).unwrap(),
        ..ShortMessage::default()
    }
}

fn receipt_fields() -> ShortMessage {
    ShortMessage {
        source_addr_ton: 1,
        source_addr_npi: 1,
        source_addr: MSISDN.into(),
        dest_addr_ton: 5,
        dest_addr_npi: 0,
        destination_addr: SENDER.into(),
        esm_class: ESM_CLASS_DELIVERY_RECEIPT,
        data_coding: Alphabet::Gsm7.data_coding(),
        short_message: RECEIPT.as_bytes().to_vec(),
        tlvs: vec![
            Tlv::cstring(tag::RECEIPTED_MESSAGE_ID, MESSAGE_ID),
            Tlv::u8(tag::MESSAGE_STATE, MESSAGE_STATE_DELIVERED),
        ],
        ..ShortMessage::default()
    }
}

fn ours_submit() -> Pdu {
    Pdu::new(6, Body::SubmitSm(Box::new(submit_fields())))
}

fn ours_deliver() -> Pdu {
    Pdu::new(9, Body::DeliverSm(Box::new(receipt_fields())))
}

macro_rules! smpp34_sm {
    ($ty:path, $seq:expr, $s:expr) => {{
        let s: &ShortMessage = $s;
        <$ty>::new(
            $seq,
            s.service_type.clone(),
            s.source_addr_ton,
            s.source_addr_npi,
            s.source_addr.clone(),
            s.dest_addr_ton,
            s.dest_addr_npi,
            s.destination_addr.clone(),
            s.esm_class,
            s.protocol_id,
            s.priority_flag,
            s.schedule_delivery_time.clone(),
            s.validity_period.clone(),
            s.registered_delivery,
            s.replace_if_present_flag,
            s.data_coding,
            s.sm_default_msg_id,
            s.short_message.clone(),
        )
        .with_tlvs(s.tlvs.iter().map(|t| smpp34::Tlv::new(t.tag, t.value.clone())))
    }};
}

fn smpp34_submit() -> smpp34::submit_sm {
    smpp34_sm!(smpp34::submit_sm, 6, &submit_fields())
}

fn smpp34_deliver() -> smpp34::deliver_sm {
    smpp34_sm!(smpp34::deliver_sm, 9, &receipt_fields())
}

fn co<const MIN: usize, const MAX: usize>(s: &str) -> COctetString<MIN, MAX> {
    s.parse().unwrap()
}

fn eo(s: &str) -> EmptyOrFullCOctetString<17> {
    s.parse().unwrap()
}

fn os(b: &[u8]) -> OctetString<0, 255> {
    OctetString::from_slice(b).unwrap()
}

fn rusmpp_submit() -> rusmpp::Command {
    let s = submit_fields();
    let pdu = rp::SubmitSm::new(
        rv::ServiceType::new(co(&s.service_type)),
        rv::Ton::from(s.source_addr_ton),
        rv::Npi::from(s.source_addr_npi),
        co(&s.source_addr),
        rv::Ton::from(s.dest_addr_ton),
        rv::Npi::from(s.dest_addr_npi),
        co(&s.destination_addr),
        rv::EsmClass::from(s.esm_class),
        s.protocol_id,
        rv::PriorityFlag::from(s.priority_flag),
        eo(&s.schedule_delivery_time),
        eo(&s.validity_period),
        rv::RegisteredDelivery::from(s.registered_delivery),
        rv::ReplaceIfPresentFlag::from(s.replace_if_present_flag),
        rv::DataCoding::from(s.data_coding),
        s.sm_default_msg_id,
        os(&s.short_message),
        Vec::new(),
    );
    rusmpp::Command::new(rusmpp::CommandStatus::EsmeRok, 6, pdu)
}

fn rusmpp_deliver() -> rusmpp::Command {
    let s = receipt_fields();
    let pdu = rp::DeliverSm::new(
        rv::ServiceType::new(co(&s.service_type)),
        rv::Ton::from(s.source_addr_ton),
        rv::Npi::from(s.source_addr_npi),
        co(&s.source_addr),
        rv::Ton::from(s.dest_addr_ton),
        rv::Npi::from(s.dest_addr_npi),
        co(&s.destination_addr),
        rv::EsmClass::from(s.esm_class),
        s.protocol_id,
        rv::PriorityFlag::from(s.priority_flag),
        eo(&s.schedule_delivery_time),
        eo(&s.validity_period),
        rv::RegisteredDelivery::from(s.registered_delivery),
        rv::ReplaceIfPresentFlag::from(s.replace_if_present_flag),
        rv::DataCoding::from(s.data_coding),
        s.sm_default_msg_id,
        os(&s.short_message),
        vec![
            rt::MessageDeliveryRequestTlvValue::ReceiptedMessageId(co(MESSAGE_ID)),
            rt::MessageDeliveryRequestTlvValue::MessageState(rv::MessageState::from(MESSAGE_STATE_DELIVERED)),
        ],
    );
    rusmpp::Command::new(rusmpp::CommandStatus::EsmeRok, 9, pdu)
}

// ---------------------------------------------------------------------------------------------
// Each library's encode and decode, exactly as timed

fn ours_encode(pdu: Pdu) -> Vec<u8> {
    let out = pdu.to_bytes().unwrap();
    drop(pdu);
    out
}

fn ours_decode(frame: &[u8]) -> Pdu {
    Pdu::decode(frame).unwrap().pdu
}

fn rusmpp_encode(cmd: rusmpp::Command) -> BytesMut {
    let len = cmd.length() + 4;
    let mut buf = BytesMut::with_capacity(len);
    buf.extend_from_slice(&u32::try_from(len).unwrap().to_be_bytes());
    cmd.encode(&mut buf);
    drop(cmd);
    buf
}

/// rusmpp's decoder takes the frame after command_length, in a `BytesMut` it consumes.
fn rusmpp_input(frame: &[u8]) -> BytesMut {
    BytesMut::from(frame.get(4..).unwrap())
}

fn rusmpp_decode(mut buf: BytesMut) -> rusmpp::Command {
    let len = buf.len();
    rusmpp::Command::decode(&mut buf, len).unwrap().0
}

fn smpp34_decode_submit(frame: &[u8]) -> smpp34::submit_sm {
    let header = smpp34::CommandHeader::decode(frame).unwrap();
    smpp34::submit_sm::decode(header, frame).unwrap()
}

fn smpp34_decode_deliver(frame: &[u8]) -> smpp34::deliver_sm {
    let header = smpp34::CommandHeader::decode(frame).unwrap();
    smpp34::deliver_sm::decode(header, frame).unwrap()
}

/// The three encoders produce the same frame and every decoder reads it back to its own value;
/// otherwise the comparison would not be about the same work.
fn check_equivalence(
    ours: &Pdu,
    theirs34: Vec<u8>,
    rusmpp_cmd: &rusmpp::Command,
    smpp34_reads: impl Fn(&[u8]) -> ShortMessage,
) -> Vec<u8> {
    let frame = ours.to_bytes().unwrap();
    assert_eq!(theirs34, frame, "smpp34 encodes the same frame");
    assert_eq!(rusmpp_encode(rusmpp_cmd.clone()).as_ref(), frame.as_slice(), "rusmpp encodes the same frame");
    let decoded = Pdu::decode(&frame).unwrap();
    assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
    assert_eq!(&decoded.pdu, ours);
    let (Body::SubmitSm(sm) | Body::DeliverSm(sm)) = &ours.body else { unreachable!("a short message PDU") };
    assert_eq!(smpp34_reads(&frame), **sm, "smpp34 decodes the same fields");
    assert_eq!(&rusmpp_decode(rusmpp_input(&frame)), rusmpp_cmd, "rusmpp decodes the same fields");
    frame
}

macro_rules! sm_from_smpp34 {
    ($d:expr) => {{
        let d = $d;
        ShortMessage {
            service_type: d.service_type,
            source_addr_ton: d.source_addr_ton,
            source_addr_npi: d.source_addr_npi,
            source_addr: d.source_addr,
            dest_addr_ton: d.dest_addr_ton,
            dest_addr_npi: d.dest_addr_npi,
            destination_addr: d.destination_addr,
            esm_class: d.esm_class,
            protocol_id: d.protocol_id,
            priority_flag: d.priority_flag,
            schedule_delivery_time: d.schedule_delivery_time,
            validity_period: d.validity_period,
            registered_delivery: d.registered_delivery,
            replace_if_present_flag: d.replace_if_present_flag,
            data_coding: d.data_coding,
            sm_default_msg_id: d.sm_default_msg_id,
            short_message: d.short_message,
            tlvs: d.tlvs.into_iter().map(|t| Tlv::new(t.tag, t.value)).collect(),
        }
    }};
}

// ---------------------------------------------------------------------------------------------
// Benchmarks

fn submit_sm(c: &mut Criterion) {
    assert_eq!(TEXT_60.chars().count(), 60);
    let ours = ours_submit();
    let rusmpp_cmd = rusmpp_submit();
    let frame =
        check_equivalence(&ours, smpp34_submit().encode(), &rusmpp_cmd, |f| sm_from_smpp34!(smpp34_decode_submit(f)));

    let mut g = c.benchmark_group("submit_sm_encode");
    g.throughput(Throughput::Elements(1));
    g.bench_function("ours", |b| {
        b.iter_batched(|| ours.clone(), |p| drop(black_box(ours_encode(p))), BatchSize::SmallInput)
    });
    g.bench_function("smpp34", |b| {
        b.iter_batched(smpp34_submit, |p| drop(black_box(p.encode())), BatchSize::SmallInput)
    });
    g.bench_function("rusmpp", |b| {
        b.iter_batched(|| rusmpp_cmd.clone(), |p| drop(black_box(rusmpp_encode(p))), BatchSize::SmallInput)
    });
    g.finish();

    let mut g = c.benchmark_group("submit_sm_decode");
    g.throughput(Throughput::Elements(1));
    g.bench_function("ours", |b| b.iter(|| ours_decode(black_box(&frame))));
    g.bench_function("smpp34", |b| b.iter(|| smpp34_decode_submit(black_box(&frame))));
    g.bench_function("rusmpp", |b| {
        b.iter_batched(|| rusmpp_input(&frame), |buf| drop(black_box(rusmpp_decode(buf))), BatchSize::SmallInput)
    });
    g.finish();
}

fn deliver_sm_receipt(c: &mut Criterion) {
    let ours = ours_deliver();
    let rusmpp_cmd = rusmpp_deliver();
    let frame =
        check_equivalence(&ours, smpp34_deliver().encode(), &rusmpp_cmd, |f| sm_from_smpp34!(smpp34_decode_deliver(f)));

    let mut g = c.benchmark_group("deliver_sm_receipt_encode");
    g.throughput(Throughput::Elements(1));
    g.bench_function("ours", |b| {
        b.iter_batched(|| ours.clone(), |p| drop(black_box(ours_encode(p))), BatchSize::SmallInput)
    });
    g.bench_function("smpp34", |b| {
        b.iter_batched(smpp34_deliver, |p| drop(black_box(p.encode())), BatchSize::SmallInput)
    });
    g.bench_function("rusmpp", |b| {
        b.iter_batched(|| rusmpp_cmd.clone(), |p| drop(black_box(rusmpp_encode(p))), BatchSize::SmallInput)
    });
    g.finish();

    let mut g = c.benchmark_group("deliver_sm_receipt_decode");
    g.throughput(Throughput::Elements(1));
    g.bench_function("ours", |b| b.iter(|| ours_decode(black_box(&frame))));
    g.bench_function("smpp34", |b| b.iter(|| smpp34_decode_deliver(black_box(&frame))));
    g.bench_function("rusmpp", |b| {
        b.iter_batched(|| rusmpp_input(&frame), |buf| drop(black_box(rusmpp_decode(buf))), BatchSize::SmallInput)
    });
    g.finish();
}

/// smpp34 has no GSM 7-bit encoder (it takes short_message as octets), so ours runs alone.
fn gsm7_encode(c: &mut Criterion) {
    assert_eq!(TEXT_160.chars().count(), 160);
    let encoded = coding::encode(TEXT_160, Alphabet::Gsm7).unwrap();
    assert_eq!(encoded.len(), 160, "no extension characters: one septet each");
    assert_eq!(coding::decode(&encoded, Alphabet::Gsm7).text, TEXT_160);

    let mut g = c.benchmark_group("gsm7_encode_160");
    g.throughput(Throughput::Elements(1));
    g.bench_function("ours", |b| b.iter(|| coding::encode(black_box(TEXT_160), Alphabet::Gsm7).unwrap()));
    g.finish();
}

/// smpp34 only formats receipts (`DeliveryReceipt::encode`); it cannot parse one, so ours runs alone.
fn receipt_parse(c: &mut Criterion) {
    let parsed = parse_receipt_text(RECEIPT).unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert_eq!(parsed.id.as_deref(), Some(MESSAGE_ID));

    let mut g = c.benchmark_group("receipt_text_parse");
    g.throughput(Throughput::Elements(1));
    g.bench_function("ours", |b| b.iter(|| parse_receipt_text(black_box(RECEIPT)).unwrap()));
    g.finish();
}

criterion_group!(benches, submit_sm, deliver_sm_receipt, gsm7_encode, receipt_parse);
criterion_main!(benches);
