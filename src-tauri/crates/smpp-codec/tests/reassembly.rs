#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Reassembly of multipart MO messages: UDH 8/16-bit and SAR, order, duplicates, timeout,
//! eviction.

use std::time::{Duration, Instant};

use smpp_codec::coding::{self, Alphabet, Concat};
use smpp_codec::reassembly::{IncompleteReason, Method, Outcome, Reassembled, Reassembler, ReassemblyConfig, Segment};
use smpp_codec::tlv::Tlv;

const UDHI: u8 = 0x40;

fn udh_segments(text: &str, alphabet: Alphabet, concat: Concat, reference: u16, from: &str) -> Vec<Segment> {
    coding::split(text, alphabet, concat, reference)
        .unwrap()
        .into_iter()
        .map(|part| {
            let esm = if part.has_udh() { UDHI } else { 0 };
            Segment::new(from, "4470", esm, alphabet.data_coding(), &part.short_message(), &[])
        })
        .collect()
}

fn sar_segment(reference: u16, total: u8, seq: u8, text: &str) -> Segment {
    let tlvs = [Tlv::u16(0x020C, reference), Tlv::u8(0x020E, total), Tlv::u8(0x020F, seq)];
    Segment::new("4477", "4470", 0, 0, &coding::encode(text, Alphabet::Gsm7).unwrap(), &tlvs)
}

fn complete(outcome: Outcome) -> Reassembled {
    match outcome {
        Outcome::Complete(m) => m,
        other => panic!("expected a complete message, got {other:?}"),
    }
}

fn long_text(n: usize) -> String {
    (0..n).map(|i| char::from(b'a' + u8::try_from(i % 26).unwrap())).collect()
}

#[test]
fn udh_8bit_in_order() {
    let text = long_text(400);
    let segments = udh_segments(&text, Alphabet::Gsm7, Concat::Udh8, 42, "4477");
    assert_eq!(segments.len(), 3);
    let mut r = Reassembler::default();
    let t0 = Instant::now();
    let mut outcomes: Vec<Outcome> = segments.into_iter().map(|s| r.accept(s, t0).outcome).collect();
    let last = outcomes.pop().unwrap();
    for (i, o) in outcomes.iter().enumerate() {
        match o {
            Outcome::Pending(p) => {
                assert_eq!((p.received, p.total, p.key.reference, p.key.method), (i + 1, 3, 42, Method::Udh8))
            }
            other => panic!("{other:?}"),
        }
    }
    let m = complete(last);
    assert_eq!(m.text, text);
    assert_eq!(m.method, Some(Method::Udh8));
    assert_eq!(m.reference, Some(42));
    assert_eq!(m.parts.iter().map(|p| p.seq).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(m.parts[0].udh, [0x05, 0x00, 0x03, 42, 3, 1]);
    assert_eq!(m.duplicates, 0);
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
    assert_eq!(r.pending_len(), 0);
}

#[test]
fn udh_16bit_out_of_order_ucs2_with_emoji() {
    // Emoji near part boundaries: the surrogate pairs survive because parts are joined first.
    let text: String = std::iter::repeat_n("ж😀", 60).collect();
    let mut segments = udh_segments(&text, Alphabet::Ucs2, Concat::Udh16, 0xBEEF, "4477");
    assert!(segments.len() >= 3);
    segments.reverse();
    let mut r = Reassembler::default();
    let t0 = Instant::now();
    let n = segments.len();
    let mut last = None;
    for (i, s) in segments.into_iter().enumerate() {
        let outcome = r.accept(s, t0 + Duration::from_secs(u64::try_from(i).unwrap())).outcome;
        if i + 1 < n {
            assert!(matches!(outcome, Outcome::Pending(_)), "{outcome:?}");
        } else {
            last = Some(outcome);
        }
    }
    let m = complete(last.unwrap());
    assert_eq!(m.text, text);
    assert_eq!(m.method, Some(Method::Udh16));
    assert_eq!(m.reference, Some(0xBEEF));
    assert_eq!(m.alphabet, Alphabet::Ucs2);
    assert_eq!(m.first_received, t0);
    assert!(m.parts.windows(2).all(|w| w[0].seq < w[1].seq));
}

#[test]
fn sar_tlvs_with_duplicates() {
    let mut r = Reassembler::default();
    let t0 = Instant::now();
    assert!(matches!(r.accept(sar_segment(7, 3, 2, "world "), t0).outcome, Outcome::Pending(_)));
    // The SMSC resends part 2 (its deliver_sm_resp was lost): counted, not appended.
    match r.accept(sar_segment(7, 3, 2, "world "), t0).outcome {
        Outcome::Duplicate(p) => assert_eq!((p.seq, p.received, p.total), (2, 1, 3)),
        other => panic!("{other:?}"),
    }
    assert!(matches!(r.accept(sar_segment(7, 3, 1, "Hello "), t0).outcome, Outcome::Pending(_)));
    let m = complete(r.accept(sar_segment(7, 3, 3, "again"), t0).outcome);
    assert_eq!(m.text, "Hello world again");
    assert_eq!(m.method, Some(Method::Sar));
    assert_eq!(m.duplicates, 1);
    assert_eq!(m.parts[1].duplicates, 1);
    // A late duplicate of a completed message is recognised, not started anew.
    match r.accept(sar_segment(7, 3, 1, "Hello "), t0 + Duration::from_secs(5)).outcome {
        Outcome::Duplicate(p) => assert_eq!((p.received, p.total), (3, 3)),
        other => panic!("{other:?}"),
    }
    assert_eq!(r.pending_len(), 0);
    // A duplicate with other content is kept once, with a warning.
    r.accept(sar_segment(8, 2, 1, "one "), t0);
    r.accept(sar_segment(8, 2, 1, "ONE "), t0);
    let m = complete(r.accept(sar_segment(8, 2, 2, "two"), t0).outcome);
    assert_eq!(m.text, "one two");
    assert!(m.warnings.iter().any(|w| w.contains("different content")), "{:?}", m.warnings);
}

#[test]
fn keys_separate_senders_references_and_methods() {
    let mut r = Reassembler::default();
    let t0 = Instant::now();
    let a = udh_segments(&long_text(200), Alphabet::Gsm7, Concat::Udh8, 5, "4411");
    let b = udh_segments(&long_text(200), Alphabet::Gsm7, Concat::Udh8, 5, "4422");
    r.accept(a[0].clone(), t0);
    r.accept(b[0].clone(), t0);
    r.accept(sar_segment(5, 2, 1, "x"), t0);
    assert_eq!(r.pending_len(), 3);
    let m = complete(r.accept(b[1].clone(), t0).outcome);
    assert_eq!(m.source, "4422");
    assert_eq!(r.pending_len(), 2);
}

#[test]
fn single_messages_pass_through() {
    let mut r = Reassembler::default();
    let t0 = Instant::now();
    let s = Segment::new("4477", "4470", 0, 0, &coding::encode("Hi @ €", Alphabet::Gsm7).unwrap(), &[]);
    match r.accept(s, t0).outcome {
        Outcome::Single(m) => {
            assert_eq!(m.text, "Hi @ €");
            assert_eq!(m.method, None);
            assert_eq!(m.parts.len(), 1);
        }
        other => panic!("{other:?}"),
    }
    // A UDH without a concatenation element (port addressing) is stripped, message single.
    let s = Segment::new("4477", "4470", UDHI, 4, &[0x04, 0x04, 0x02, 0x10, 0x20, 0xAB], &[]);
    assert_eq!(s.udh, [0x04, 0x04, 0x02, 0x10, 0x20]);
    assert!(matches!(r.accept(s, t0).outcome, Outcome::Single(m) if m.text == "ab"));
    // Impossible SAR numbering is ignored with a warning.
    let s = sar_segment(1, 2, 3, "x");
    assert!(s.concat.is_none());
    assert!(s.warnings[0].contains("segment 3 of 2"));
    // 1 of 1 completes at once.
    assert!(matches!(r.accept(sar_segment(9, 1, 1, "solo"), t0).outcome, Outcome::Complete(m) if m.text == "solo"));
}

#[test]
fn timeout_hands_back_incomplete_messages_with_what_arrived() {
    let config = ReassemblyConfig { timeout: Duration::from_secs(60), max_pending: 10 };
    let mut r = Reassembler::new(config);
    let t0 = Instant::now();
    r.accept(sar_segment(1, 3, 1, "first "), t0);
    r.accept(sar_segment(1, 3, 3, "third"), t0 + Duration::from_secs(10));
    r.accept(sar_segment(2, 2, 1, "later"), t0 + Duration::from_secs(30));
    assert_eq!(r.next_deadline(), Some(t0 + Duration::from_secs(60)));
    assert!(r.poll_expired(t0 + Duration::from_secs(59)).is_empty());
    let expired = r.poll_expired(t0 + Duration::from_secs(60));
    assert_eq!(expired.len(), 1);
    let m = &expired[0];
    assert_eq!(m.reason, IncompleteReason::TimedOut);
    assert_eq!((m.key.reference, m.total), (1, 3));
    assert_eq!(m.missing, [2]);
    assert_eq!(m.parts.len(), 2);
    assert_eq!(m.text, "first [part 2 of 3 missing]third");
    assert_eq!(r.pending_len(), 1);
    assert_eq!(r.next_deadline(), Some(t0 + Duration::from_secs(90)));
    let expired = r.poll_expired(t0 + Duration::from_secs(200));
    assert_eq!(expired[0].text, "later[part 2 of 2 missing]");
    assert_eq!(r.next_deadline(), None);
}

#[test]
fn memory_is_bounded_by_evicting_the_oldest() {
    let config = ReassemblyConfig { timeout: Duration::from_secs(60), max_pending: 2 };
    let mut r = Reassembler::new(config);
    let t0 = Instant::now();
    assert!(r.accept(sar_segment(1, 2, 1, "a"), t0).incomplete.is_empty());
    assert!(r.accept(sar_segment(2, 2, 1, "b"), t0 + Duration::from_secs(1)).incomplete.is_empty());
    let accepted = r.accept(sar_segment(3, 2, 1, "c"), t0 + Duration::from_secs(2));
    assert!(matches!(accepted.outcome, Outcome::Pending(_)));
    assert_eq!(accepted.incomplete.len(), 1);
    assert_eq!(accepted.incomplete[0].reason, IncompleteReason::Evicted);
    assert_eq!(accepted.incomplete[0].key.reference, 1);
    assert_eq!(r.pending_len(), 2);
    // Parts of a pending message never evict.
    assert!(r.accept(sar_segment(2, 2, 2, "b"), t0).incomplete.is_empty());
    let rest = r.drain();
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].key.reference, 3);
}

#[test]
fn reused_reference_with_another_total_supersedes() {
    let mut r = Reassembler::default();
    let t0 = Instant::now();
    r.accept(sar_segment(4, 3, 1, "old "), t0);
    let accepted = r.accept(sar_segment(4, 2, 1, "new "), t0);
    assert_eq!(accepted.incomplete.len(), 1);
    assert_eq!(accepted.incomplete[0].reason, IncompleteReason::Superseded);
    assert_eq!(accepted.incomplete[0].missing, [2, 3]);
    let m = complete(r.accept(sar_segment(4, 2, 2, "message"), t0).outcome);
    assert_eq!(m.text, "new message");
}
