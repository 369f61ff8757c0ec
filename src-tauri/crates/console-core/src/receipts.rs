//! What arrives in deliver_sm: delivery receipts (correlated to the segment they report on)
//! and mobile-originated messages.

use smpp_codec::message_id::correlation_keys;
use smpp_codec::pdu::ShortMessage;
use smpp_codec::receipt::{self, parse_receipt_text};
use smpp_codec::tlv::tag;

use crate::clock::now_ms;
use crate::console::Inner;
use crate::db::log_writer::ReceiptRow;
use crate::db::profiles::Profile;
use crate::model::MessageState;

/// A receipt's facts, read from the TLVs first and the text as a fallback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReceiptFacts {
    pub smsc_message_id: String,
    pub message_state: Option<receipt::MessageState>,
    pub stat: Option<String>,
    pub err: Option<String>,
    pub text: String,
}

pub(crate) fn receipt_facts(sm: &ShortMessage) -> ReceiptFacts {
    let raw = sm.tlv(tag::MESSAGE_PAYLOAD).map_or(sm.short_message.as_slice(), |t| t.value.as_slice());
    let text = String::from_utf8_lossy(raw).into_owned();
    let parsed = parse_receipt_text(&text);
    let smsc_message_id = sm
        .tlv(tag::RECEIPTED_MESSAGE_ID)
        .map(|t| t.as_cstring())
        .filter(|s| !s.is_empty())
        .or_else(|| parsed.as_ref().and_then(|p| p.id.clone()))
        .unwrap_or_default();
    let message_state = sm
        .tlv(tag::MESSAGE_STATE)
        .and_then(|t| t.as_u8())
        .and_then(receipt::MessageState::from_u8)
        .or_else(|| parsed.as_ref().and_then(|p| p.stat.as_deref()).and_then(receipt::MessageState::from_stat));
    let stat = parsed.as_ref().and_then(|p| p.stat.clone()).or_else(|| message_state.map(|s| s.stat().to_string()));
    let err = parsed
        .as_ref()
        .and_then(|p| p.err.clone())
        .or_else(|| sm.tlv(tag::NETWORK_ERROR_CODE).map(|t| t.value.iter().map(|b| format!("{b:02X}")).collect()));
    ReceiptFacts { smsc_message_id, message_state, stat, err, text }
}

/// The message state a receipt state means for our log.
pub(crate) fn state_of(s: Option<receipt::MessageState>) -> MessageState {
    use receipt::MessageState as R;
    match s {
        Some(R::Enroute) => MessageState::Enroute,
        Some(R::Delivered) => MessageState::Delivered,
        Some(R::Expired) => MessageState::Expired,
        Some(R::Deleted) => MessageState::Deleted,
        Some(R::Undeliverable) => MessageState::Undeliverable,
        Some(R::Accepted) | Some(R::Scheduled) => MessageState::Accepted,
        Some(R::Rejected) | Some(R::Skipped) => MessageState::Rejected,
        Some(R::Unknown) | None => MessageState::ReceiptUnknown,
    }
}

/// Queues a deliver_sm for the log writer: a receipt, or an MO message (part). Cannot fail:
/// whatever the log writer cannot store, it reports, and the PDU itself is already logged.
pub(crate) async fn handle_deliver(inner: &Inner, profile: &Profile, connection_id: i64, sm: ShortMessage) {
    if sm.is_delivery_receipt() {
        handle_receipt(inner, profile, connection_id, &sm).await;
    } else {
        crate::mo::receive_mo(inner, profile.id, &sm).await;
    }
}

/// Queues the receipt for the log writer, which matches it to its segment (or keeps it as an
/// orphan), recognises repeats and moves the message on.
async fn handle_receipt(inner: &Inner, profile: &Profile, connection_id: i64, sm: &ShortMessage) {
    let facts = receipt_facts(sm);
    inner
        .log
        .receipt(ReceiptRow {
            profile_id: profile.id,
            connection_id,
            keys: correlation_keys(&facts.smsc_message_id),
            message_state: facts.message_state.map(|s| s.as_u8()),
            state: state_of(facts.message_state),
            smsc_message_id: facts.smsc_message_id,
            stat: facts.stat,
            err: facts.err,
            text: facts.text,
            at: now_ms(),
        })
        .await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use smpp_codec::tlv::Tlv;

    #[test]
    fn tlvs_win_over_text_and_text_fills_in() {
        let sm = ShortMessage {
            esm_class: 4,
            short_message: b"id:0000A1B2 sub:001 dlvrd:001 submit date:2311142213 done date:2311142213 stat:UNDELIV err:0x4A2 text:hi".to_vec(),
            tlvs: vec![Tlv::cstring(tag::RECEIPTED_MESSAGE_ID, "a1b2"), Tlv::u8(tag::MESSAGE_STATE, 2)],
            ..Default::default()
        };
        let f = receipt_facts(&sm);
        assert_eq!(f.smsc_message_id, "a1b2");
        assert_eq!(f.message_state, Some(receipt::MessageState::Delivered));
        assert_eq!(f.stat.as_deref(), Some("UNDELIV"));
        assert_eq!(f.err.as_deref(), Some("0x4A2"));

        let text_only =
            ShortMessage { esm_class: 4, short_message: b"id:77 stat:EXPIRED err:000".to_vec(), ..Default::default() };
        let f = receipt_facts(&text_only);
        assert_eq!((f.smsc_message_id.as_str(), state_of(f.message_state)), ("77", MessageState::Expired));
    }
}
