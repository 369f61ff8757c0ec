#![allow(clippy::unwrap_used, clippy::expect_used)]
//! A stream of PDUs where one has a malformed body: every frame is decoded on its own, so the
//! bad one is one error and the stream stays in sync.

mod common;

use common::fixture;
use smpp_codec::frame::{DEFAULT_MAX_PDU_LEN, FrameError};
use smpp_codec::pdu::{Body, DecodeError, Pdu};
use smpp_codec::{next_frame_len, status};

/// Splits a byte stream into frames as a session would, feeding it `chunk` bytes at a time.
fn frames(stream: &[u8], chunk: usize) -> Vec<Vec<u8>> {
    let mut buf = Vec::new();
    let mut out = Vec::new();
    for piece in stream.chunks(chunk) {
        buf.extend_from_slice(piece);
        while let Some(len) = next_frame_len(&buf, DEFAULT_MAX_PDU_LEN).unwrap() {
            out.push(buf.drain(..len).collect());
        }
    }
    assert!(buf.is_empty(), "{} octets left over", buf.len());
    out
}

/// A submit_sm whose body stops in the middle (command_length consistent with what is there).
fn truncated_submit_sm(seq: u32) -> Vec<u8> {
    let mut b = fixture("submit_sm");
    b.truncate(30);
    b[..4].copy_from_slice(&30u32.to_be_bytes());
    b[12..16].copy_from_slice(&seq.to_be_bytes());
    b
}

/// A submit_multi whose first dest_flag is 7 (neither SME nor distribution list).
fn bad_dest_flag_submit_multi() -> Vec<u8> {
    let mut b = fixture("submit_multi");
    // service_type "" (1) + ton, npi (2) + "12345\0" (6) + number_of_dests (1) = dest_flag at 16 + 10.
    assert_eq!(b[26], 0x01);
    b[26] = 0x07;
    b
}

#[test]
fn good_bad_good_stays_in_sync() {
    for bad in [truncated_submit_sm(42), bad_dest_flag_submit_multi()] {
        let mut stream = fixture("submit_sm");
        stream.extend_from_slice(&bad);
        stream.extend_from_slice(&fixture("enquire_link"));
        for chunk in [1, 3, 7, 16, 64, stream.len()] {
            let f = frames(&stream, chunk);
            assert_eq!(f.len(), 3);
            let first = Pdu::decode(&f[0]).unwrap();
            assert!(matches!(first.pdu.body, Body::SubmitSm(_)));
            let err = Pdu::decode(&f[1]).unwrap_err();
            // The header survives, so the session can answer with generic_nack or a response.
            let h = err.header().unwrap();
            assert!(!h.command_id.is_response());
            let third = Pdu::decode(&f[2]).unwrap();
            assert_eq!(third.pdu.body, Body::EnquireLink);
            assert_eq!(third.pdu.sequence_number, 5);
            match err {
                DecodeError::Truncated { field, offset, .. } => {
                    assert_eq!(h.sequence_number, 42);
                    assert_eq!(err.nack_status(), status::ESME_RINVMSGLEN);
                    assert!(offset <= 30, "{field} at {offset}");
                }
                DecodeError::Invalid { field, offset, .. } => {
                    assert_eq!((field, offset), ("dest_flag", 26));
                    assert_eq!(err.nack_status(), status::ESME_RINVDESTFLAG);
                }
                other => panic!("unexpected {other:?}"),
            }
        }
    }
}

#[test]
fn every_fixture_survives_a_mangled_neighbour() {
    // For every fixture F: [F, F with its last body octet removed, F] decodes ok / (ok or err) / ok.
    for (name, good) in common::fixtures() {
        let mut bad = good.clone();
        if bad.len() > 16 {
            bad.pop();
            let l = (bad.len() as u32).to_be_bytes();
            bad[..4].copy_from_slice(&l);
        }
        let mut stream = good.clone();
        stream.extend_from_slice(&bad);
        stream.extend_from_slice(&good);
        let f = frames(&stream, 5);
        assert_eq!(f.len(), 3, "{name}");
        assert_eq!(Pdu::decode(&f[0]).unwrap().pdu, Pdu::decode(&good).unwrap().pdu, "{name}");
        let _ = Pdu::decode(&f[1]);
        assert_eq!(Pdu::decode(&f[2]).unwrap().pdu, Pdu::decode(&good).unwrap().pdu, "{name}");
    }
}

#[test]
fn impossible_lengths_are_clear_errors_with_a_configurable_bound() {
    let el = fixture("enquire_link");
    assert_eq!(next_frame_len(&el, 16), Ok(Some(16)));
    let sm = fixture("submit_sm");
    assert_eq!(next_frame_len(&sm, 64), Err(FrameError::TooLong { len: sm.len() as u32, max: 64 }));
    let e = next_frame_len(&[0, 0, 0, 8], DEFAULT_MAX_PDU_LEN).unwrap_err();
    assert!(e.to_string().contains("shorter than the 16-octet PDU header"), "{e}");
    let e = next_frame_len(&[0x7f, 0, 0, 0], DEFAULT_MAX_PDU_LEN).unwrap_err();
    assert!(e.to_string().contains("exceeds the maximum of 65536"), "{e}");
}
