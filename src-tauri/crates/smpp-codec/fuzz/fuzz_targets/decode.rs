//! Feeds arbitrary bytes to the framing, the decoder and the password masker.
//!
//! Run (nightly): `cargo fuzz run decode fuzz/corpus/decode` from the crate directory.
//! Stable Rust runs a bounded version of this in tests/fuzz_stable.rs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use smpp_codec::frame::DEFAULT_MAX_PDU_LEN;
use smpp_codec::pdu::{Pdu, mask_password};

fuzz_target!(|data: &[u8]| {
    // Framing: walk the input as a stream of frames.
    let mut rest = data;
    while let Ok(Some(len)) = smpp_codec::next_frame_len(rest, DEFAULT_MAX_PDU_LEN) {
        let (frame, tail) = rest.split_at(len);
        check(frame);
        rest = tail;
    }
    // The whole input as one frame, too (reaches the length-mismatch paths).
    check(data);
});

fn check(frame: &[u8]) {
    let masked = mask_password(frame);
    assert_eq!(masked.len(), frame.len());
    if let Ok(decoded) = Pdu::decode(frame) {
        // Whatever decodes and re-encodes must decode again to the same PDU.
        if let Ok(bytes) = decoded.pdu.to_bytes() {
            let again = Pdu::decode(&bytes).expect("re-encoded PDU decodes");
            assert_eq!(again.pdu, decoded.pdu);
            // A frame that decoded without warnings is canonical: re-encoding gives it back
            // (except bodiless-error responses, whose body may legitimately be present or not).
            if decoded.warnings.is_empty() && decoded.pdu.command_status == 0 {
                assert_eq!(bytes, frame);
            }
        }
        let _ = Pdu::decode(&masked);
    }
}
