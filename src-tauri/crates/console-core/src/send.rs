//! The send flow: validate, encode and split, persist as Queued, submit every part, record
//! each response. Every message ends in a recorded state, whatever happens on the way.

use std::sync::Arc;

use smpp_codec::coding::{self, Concat};
use smpp_codec::message_id::correlation_keys;
use smpp_codec::pdu::{ESM_CLASS_UDHI, REGISTERED_DELIVERY_FINAL, ShortMessage};
use smpp_codec::status;
use smpp_session::{RequestFailure, SubmitError};

use crate::addresses;
use crate::binds::BindSlot;
use crate::clock::now_ms;
use crate::console::Inner;
use crate::db::{messages, segments};
use crate::error::CoreError;
use crate::model::{MessageState, SendOutcome, SendRequest};
use crate::receipts::{adopt_orphans, refresh_message};

pub(crate) async fn send(inner: &Arc<Inner>, slot: &BindSlot, req: &SendRequest) -> Result<SendOutcome, CoreError> {
    let dest = addresses::destination(&req.to)?;
    let source = addresses::source(&req.from)?;
    if req.text.is_empty() {
        return Err(CoreError::validation("text", "Enter the message text."));
    }
    let choice = coding::choose(&req.text);
    let reference = rand::random::<u8>();
    let parts = coding::split(&req.text, choice.alphabet, Concat::Udh8, u16::from(reference))
        .map_err(|e| CoreError::validation("text", e.to_string()))?;

    let id = uuid::Uuid::now_v7().to_string();
    let now = now_ms();
    let profile = &slot.profile;
    let mut tx = inner.db.begin().await?;
    messages::insert_message(
        &mut tx,
        messages::NewMessage {
            id: &id,
            profile_id: profile.id,
            direction: "MT",
            source: &source,
            dest: &dest,
            body: &req.text,
            data_coding: choice.alphabet.data_coding(),
            alphabet: choice.alphabet.label(),
            parts: parts.len(),
            request_dlr: req.request_dlr,
            state: MessageState::Queued,
            now,
        },
    )
    .await?;
    let mut segment_ids = Vec::with_capacity(parts.len());
    for n in 1..=parts.len() {
        segment_ids.push(segments::insert_segment(&mut tx, &id, n, now).await?);
    }
    tx.commit().await?;
    refresh_message(inner, &id).await?;

    let mut pending = Vec::with_capacity(parts.len());
    for (part, &segment_id) in parts.iter().zip(&segment_ids) {
        let Some((client, connection_id)) = slot.client() else {
            let status = slot.status();
            let reason = status.detail.unwrap_or_else(|| format!("the bind is {:?}", status.state));
            let msg =
                format!("Not sent: {} is not bound ({reason}). Check the Binds page and try again.", profile.name);
            fail_segment(inner, segment_id, MessageState::Failed, "not_bound", &msg).await?;
            continue;
        };
        let sm = ShortMessage {
            source_addr_ton: source.ton,
            source_addr_npi: source.npi,
            source_addr: source.addr.clone(),
            dest_addr_ton: dest.ton,
            dest_addr_npi: dest.npi,
            destination_addr: dest.addr.clone(),
            esm_class: if part.has_udh() { ESM_CLASS_UDHI } else { 0 },
            registered_delivery: if req.request_dlr { REGISTERED_DELIVERY_FINAL } else { 0 },
            data_coding: choice.alphabet.data_coding(),
            short_message: part.short_message(),
            ..Default::default()
        };
        match client.submit(sm).await {
            Ok(p) => {
                segments::mark_segment_submitted(&inner.db, segment_id, connection_id, p.sequence_number, now_ms())
                    .await?;
                refresh_message(inner, &id).await?;
                pending.push((segment_id, p));
            }
            Err(e) => {
                let msg = format!("Not sent: {e}.");
                fail_segment(inner, segment_id, MessageState::Failed, "not_sent", &msg).await?;
            }
        }
    }

    for (segment_id, p) in pending {
        match p.response().await {
            Ok(resp) if resp.command_status == status::ESME_ROK => {
                let o = segments::SegmentOutcome {
                    state: MessageState::Accepted,
                    command_status: Some(resp.command_status),
                    smsc_message_id: Some(&resp.message_id),
                    error: None,
                };
                segments::record_segment_outcome(&inner.db, segment_id, o, now_ms()).await?;
                let keys = correlation_keys(&resp.message_id);
                segments::insert_segment_keys(&inner.db, profile.id, segment_id, &keys).await?;
                adopt_orphans(inner, profile.id, segment_id, &keys).await?;
            }
            Ok(resp) => {
                let name = status::name(resp.command_status);
                let msg = status::describe(resp.command_status);
                let o = segments::SegmentOutcome {
                    state: MessageState::SubmitFailed,
                    command_status: Some(resp.command_status),
                    smsc_message_id: (!resp.message_id.is_empty()).then_some(resp.message_id.as_str()),
                    error: Some((&name, &msg)),
                };
                segments::record_segment_outcome(&inner.db, segment_id, o, now_ms()).await?;
            }
            Err(SubmitError::Failed(RequestFailure::Nack(code))) => {
                let msg = format!("The SMSC answered with generic_nack: {}", status::describe(code));
                fail_segment(inner, segment_id, MessageState::SubmitFailed, &status::name(code), &msg).await?;
            }
            Err(SubmitError::Failed(RequestFailure::Timeout)) => {
                let msg = "No submit_sm_resp within the response timer; the SMSC may or may not have the message.";
                fail_segment(inner, segment_id, MessageState::UnknownOutcome, "response_timeout", msg).await?;
            }
            Err(e) => {
                let msg =
                    format!("The connection ended before the SMSC answered ({e}); it may or may not have the message.");
                fail_segment(inner, segment_id, MessageState::UnknownOutcome, "connection_lost", &msg).await?;
            }
        }
        refresh_message(inner, &id).await?;
    }
    refresh_message(inner, &id).await?;
    let message = messages::get_message_view(&inner.db, &id).await?.ok_or(sqlx::Error::RowNotFound)?;
    Ok(SendOutcome { message })
}

async fn fail_segment(
    inner: &Inner,
    segment_id: i64,
    state: MessageState,
    code: &str,
    message: &str,
) -> Result<(), CoreError> {
    let o =
        segments::SegmentOutcome { state, command_status: None, smsc_message_id: None, error: Some((code, message)) };
    segments::record_segment_outcome(&inner.db, segment_id, o, now_ms()).await?;
    Ok(())
}

/// A previous run stopped mid-send: parts never written failed; parts written without an
/// answer have an unknown outcome (the SMSC may have them). Nothing stays "in flight".
pub(crate) async fn recover_interrupted(inner: &Inner) -> Result<usize, CoreError> {
    let ids = messages::list_unfinished_message_ids(&inner.db).await?;
    for id in &ids {
        for (segment_id, state) in segments::list_unfinished_segment_ids(&inner.db, id).await? {
            if state == "Queued" {
                let msg = "The console stopped before this part was sent.";
                fail_segment(inner, segment_id, MessageState::Failed, "interrupted", msg).await?;
            } else {
                let msg = "The console stopped before the SMSC answered; the SMSC may or may not have the message.";
                fail_segment(inner, segment_id, MessageState::UnknownOutcome, "interrupted", msg).await?;
            }
        }
        refresh_message(inner, id).await?;
    }
    Ok(ids.len())
}
