//! Building delivery receipts as an SMSC sends them.

use smpp_codec::coding::{self, Alphabet};
use smpp_codec::pdu::{ESM_CLASS_DELIVERY_RECEIPT, ShortMessage};
use smpp_codec::receipt::{MessageState, ReceiptText, format_receipt_text};
use smpp_codec::tlv::{Tlv, tag};
use time::OffsetDateTime;
use time::macros::format_description;

/// Whether registered_delivery asks for a receipt (bits 0-1 not 00).
pub(crate) fn wants_receipt(submit: &ShortMessage) -> bool {
    submit.registered_delivery & 0x03 != 0
}

/// The deliver_sm receipt for `submit`, accepted as `message_id` at `submitted`.
pub(crate) fn receipt_for(
    submit: &ShortMessage,
    message_id: &str,
    submitted: OffsetDateTime,
    done: OffsetDateTime,
) -> ShortMessage {
    // See SimConfig: numbers ending in 0666 are the undeliverable scenario.
    let (state, err) = if submit.destination_addr.ends_with("0666") {
        (MessageState::Undeliverable, "001")
    } else {
        (MessageState::Delivered, "000")
    };
    let payload = if submit.has_udh() {
        let udhl = submit.short_message.first().map_or(0, |l| *l as usize + 1);
        submit.short_message.get(udhl..).unwrap_or_default()
    } else {
        &submit.short_message
    };
    let original = coding::decode(payload, Alphabet::from_data_coding(submit.data_coding)).text;
    let text = ReceiptText {
        id: Some(message_id.to_string()),
        sub: Some("001".into()),
        dlvrd: Some(if state == MessageState::Delivered { "001" } else { "000" }.into()),
        submit_date: Some(smpp_date(submitted)),
        done_date: Some(smpp_date(done)),
        stat: Some(state.stat().into()),
        err: Some(err.into()),
        text: Some(original.chars().take(20).collect()),
        extra: Vec::new(),
        warnings: Vec::new(),
    };
    ShortMessage {
        source_addr_ton: submit.dest_addr_ton,
        source_addr_npi: submit.dest_addr_npi,
        source_addr: submit.destination_addr.clone(),
        dest_addr_ton: submit.source_addr_ton,
        dest_addr_npi: submit.source_addr_npi,
        destination_addr: submit.source_addr.clone(),
        esm_class: ESM_CLASS_DELIVERY_RECEIPT,
        short_message: format_receipt_text(&text).into_bytes(),
        tlvs: vec![Tlv::cstring(tag::RECEIPTED_MESSAGE_ID, message_id), Tlv::u8(tag::MESSAGE_STATE, state.as_u8())],
        ..Default::default()
    }
}

/// The receipt text's date format, YYMMDDhhmm.
fn smpp_date(t: OffsetDateTime) -> String {
    t.format(format_description!("[year repr:last_two][month][day][hour][minute]")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use smpp_codec::receipt::parse_receipt_text;

    #[test]
    fn receipt_mirrors_the_submit() {
        let submit = ShortMessage {
            source_addr: "Acme".into(),
            destination_addr: "447700900123".into(),
            registered_delivery: 1,
            short_message: b"Hello there, this is a long message".to_vec(),
            ..Default::default()
        };
        assert!(wants_receipt(&submit));
        let t = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        let r = receipt_for(&submit, "ABC", t, t);
        assert_eq!(r.source_addr, "447700900123");
        assert_eq!(r.destination_addr, "Acme");
        assert!(r.is_delivery_receipt());
        let parsed = parse_receipt_text(&String::from_utf8(r.short_message).unwrap()).unwrap();
        assert_eq!(parsed.id.as_deref(), Some("ABC"));
        assert_eq!(parsed.stat.as_deref(), Some("DELIVRD"));
        assert_eq!(parsed.submit_date.as_deref(), Some("2311142213"));
        assert_eq!(parsed.text.as_deref(), Some("Hello there, this is"));
        assert_eq!(r.tlvs[0].as_cstring(), "ABC");
        assert_eq!(r.tlvs[1].as_u8(), Some(2));
    }

    #[test]
    fn scenario_number_gets_an_undeliverable_receipt() {
        let submit = ShortMessage { destination_addr: "447700900666".into(), ..Default::default() };
        let t = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        let r = receipt_for(&submit, "X", t, t);
        let parsed = parse_receipt_text(&String::from_utf8(r.short_message).unwrap()).unwrap();
        assert_eq!((parsed.stat.as_deref(), parsed.err.as_deref()), (Some("UNDELIV"), Some("001")));
        assert_eq!(r.tlvs[1].as_u8(), Some(5));
    }
}
