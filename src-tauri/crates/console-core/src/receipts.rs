//! What arrives in deliver_sm: delivery receipts (correlated to the segment they report on)
//! and mobile-originated messages.

use smpp_codec::message_id::correlation_keys;
use smpp_codec::pdu::ShortMessage;
use smpp_codec::receipt::{self, parse_receipt_text};
use smpp_codec::tlv::tag;

use crate::clock::now_ms;
use crate::console::Inner;
use crate::db::profiles::Profile;
use crate::db::{messages, receipts, segments};
use crate::error::CoreError;
use crate::model::{ConsoleEvent, MessageState};
use crate::rollup::rollup;

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

pub(crate) async fn handle_deliver(
    inner: &Inner,
    profile: &Profile,
    connection_id: i64,
    sm: ShortMessage,
) -> Result<(), CoreError> {
    if sm.is_delivery_receipt() {
        handle_receipt(inner, profile, connection_id, &sm).await
    } else {
        crate::mo::receive_mo(inner, profile.id, &sm).await
    }
}

async fn handle_receipt(
    inner: &Inner,
    profile: &Profile,
    connection_id: i64,
    sm: &ShortMessage,
) -> Result<(), CoreError> {
    let facts = receipt_facts(sm);
    let keys = correlation_keys(&facts.smsc_message_id);
    let segment_id =
        if keys.is_empty() { None } else { segments::find_segment_by_keys(&inner.db, profile.id, &keys).await? };
    let duplicate = match segment_id {
        Some(id) => receipts::has_receipt_with_stat(&inner.db, id, facts.stat.as_deref()).await?,
        None => false,
    };
    receipts::insert_receipt(
        &inner.db,
        receipts::NewReceipt {
            profile_id: profile.id,
            connection_id,
            segment_id,
            smsc_message_id: &facts.smsc_message_id,
            message_state: facts.message_state.map(|s| s.as_u8()),
            stat: facts.stat.as_deref(),
            err: facts.err.as_deref(),
            text: &facts.text,
            duplicate,
            now: now_ms(),
        },
    )
    .await?;
    match segment_id {
        Some(id) if !duplicate => apply_receipt(inner, id, &facts).await,
        Some(_) => Ok(()),
        None => {
            tracing::info!(id = %facts.smsc_message_id, "receipt for an unknown message_id kept as an orphan");
            Ok(())
        }
    }
}

/// Moves a segment (and its message) to the receipt's state and tells the UI.
async fn apply_receipt(inner: &Inner, segment_id: i64, facts: &ReceiptFacts) -> Result<(), CoreError> {
    let now = now_ms();
    let state = state_of(facts.message_state);
    segments::record_segment_receipt(&inner.db, segment_id, state, facts.stat.as_deref(), facts.err.as_deref(), now)
        .await?;
    if let Some(seg) = segments::get_segment(&inner.db, segment_id).await? {
        refresh_message(inner, &seg.message_id).await?;
    }
    Ok(())
}

/// Recomputes a message's state from its parts, stores it and publishes the change.
pub(crate) async fn refresh_message(inner: &Inner, message_id: &str) -> Result<(), CoreError> {
    let parts = segments::list_segments_for_message(&inner.db, message_id).await?;
    let r = rollup(&parts);
    messages::update_message_state(
        &inner.db,
        message_id,
        r.state,
        r.error.as_ref(),
        (r.receipt_stat.as_deref(), r.receipt_err.as_deref()),
        now_ms(),
    )
    .await?;
    if let Some(view) = messages::get_message_view(&inner.db, message_id).await? {
        inner.publish(ConsoleEvent::Message { message: view });
    }
    Ok(())
}

/// A receipt may arrive before the submit_sm_resp that tells us its ID has been stored: once
/// the keys are known, orphans that share one are attached.
pub(crate) async fn adopt_orphans(
    inner: &Inner,
    profile_id: i64,
    segment_id: i64,
    keys: &[String],
) -> Result<(), CoreError> {
    for orphan in receipts::list_orphan_receipts(&inner.db, profile_id).await? {
        if correlation_keys(&orphan.smsc_message_id).iter().any(|k| keys.contains(k)) {
            receipts::attach_receipt_to_segment(&inner.db, orphan.id, segment_id).await?;
            let facts = ReceiptFacts {
                smsc_message_id: orphan.smsc_message_id,
                message_state: orphan
                    .message_state
                    .and_then(|s| u8::try_from(s).ok())
                    .and_then(receipt::MessageState::from_u8),
                stat: orphan.stat,
                err: orphan.err,
                text: String::new(),
            };
            apply_receipt(inner, segment_id, &facts).await?;
        }
    }
    Ok(())
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
