#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Golden hex fixtures (tests/fixtures/pdus.txt), one per PDU of SMPP 3.4 and the SMPP 5.0
//! broadcast operations, checked both ways: the bytes decode to the typed PDU without
//! warnings, and the typed PDU encodes to exactly those bytes.

mod common;

use common::{expected, fixtures, to_hex};
use smpp_codec::{CommandId, Pdu};

#[test]
#[ignore = "prints the fixtures file from the typed PDUs; run with --ignored --nocapture to regenerate"]
fn print_fixtures() {
    for (name, pdu) in expected() {
        println!("{name}: {}", to_hex(&pdu.to_bytes().unwrap()));
    }
}

#[test]
fn every_fixture_decodes_to_its_pdu_and_encodes_back() {
    let fx = fixtures();
    let exp = expected();
    assert_eq!(fx.len(), exp.len(), "fixtures and expected PDUs differ in number");
    for ((name, bytes), (exp_name, pdu)) in fx.iter().zip(exp) {
        assert_eq!(name, exp_name, "fixtures are in the same order as the expected PDUs");
        let decoded = Pdu::decode(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(decoded.warnings.is_empty(), "{name}: {:?}", decoded.warnings);
        assert_eq!(decoded.pdu, pdu, "{name} decodes to its typed PDU");
        assert_eq!(to_hex(&pdu.to_bytes().unwrap()), to_hex(bytes), "{name} encodes to its fixture");
    }
}

#[test]
fn fixtures_cover_every_command() {
    let fx = fixtures();
    for id in CommandId::ALL {
        let covered = fx.iter().any(|(_, b)| Pdu::decode(b).unwrap().pdu.command_id() == id);
        assert!(covered, "no fixture for {id}");
    }
}
