//! The send flow: validate, encode and split, persist as Queued, submit every part, record
//! each response. Every message ends in a recorded state, whatever happens on the way:
//! throttled parts are retried, parts a dying connection never wrote are written after the
//! reconnect, parts it lost after writing end UnknownOutcome (or, if the profile allows,
//! are resubmitted and marked as possible duplicates).

use std::sync::Arc;

use smpp_codec::message_id::correlation_keys;
use smpp_codec::pdu::{ESM_CLASS_UDHI, REGISTERED_DELIVERY_FINAL, ShortMessage};
use smpp_codec::status;
use smpp_session::client::PendingSubmit;
use smpp_session::{Client, RequestFailure, SubmitError, SubmitRejected, SubmitResponse};

use crate::binds::BindSlot;
use crate::clock::now_ms;
use crate::console::Inner;
use crate::db::log_writer::{EventRow, MessageInsert, OutcomeRow};
use crate::db::{messages, segment_events, segments};
use crate::error::CoreError;
use crate::model::{MessageState, SendOutcome, SendRequest};
use crate::send_plan;

pub(crate) async fn send(inner: &Arc<Inner>, slot: &BindSlot, req: &SendRequest) -> Result<SendOutcome, CoreError> {
    let plan = send_plan::plan(&slot.profile, req, rand::random::<u16>())?;
    let (source, dest, parts) = (&plan.source, &plan.dest, &plan.parts);

    let id = uuid::Uuid::now_v7().to_string();
    let profile = &slot.profile;
    // On disk as Queued before any part is written to the socket: whatever happens next, the
    // message is in the log.
    let segment_ids = inner
        .log
        .persist_message(MessageInsert {
            id: id.clone(),
            profile_id: profile.id,
            direction: "MT",
            source: source.clone(),
            dest: dest.clone(),
            body: req.text.clone(),
            data_coding: plan.alphabet.data_coding(),
            alphabet: plan.alphabet.label(),
            parts: parts.len(),
            segments: parts.len(),
            request_dlr: req.request_dlr,
            state: MessageState::Queued,
            error: None,
            at: now_ms(),
        })
        .await?;

    // Write every part (in order, each through the window and the rate limit), then follow
    // each one to a definite state: retries and resubmissions happen in `follow`.
    let mut written = Vec::with_capacity(parts.len());
    for (n, (part, &segment_id)) in parts.iter().zip(&segment_ids).enumerate() {
        let sm = ShortMessage {
            source_addr_ton: source.ton,
            source_addr_npi: source.npi,
            source_addr: source.addr.clone(),
            dest_addr_ton: dest.ton,
            dest_addr_npi: dest.npi,
            destination_addr: dest.addr.clone(),
            esm_class: if part.udhi { ESM_CLASS_UDHI } else { 0 },
            registered_delivery: if req.request_dlr { REGISTERED_DELIVERY_FINAL } else { 0 },
            data_coding: plan.alphabet.data_coding(),
            short_message: part.short_message.clone(),
            tlvs: part.tlvs.clone(),
            ..Default::default()
        };
        let part = Part { inner, slot, segment_id, sm };
        let attempt = match slot.client() {
            Some(client) => part.submit_once(client).await?,
            // A later part of a message under way: the bind dropped mid-message, so wait for it.
            // The connection dropped and the bind is coming back (or dropped mid-message):
            // `follow` waits for it.
            None if n > 0 || slot.is_reconnecting() => {
                Attempt::NotWritten { reason: "the bind was reconnecting".into(), connection_id: None }
            }
            None => {
                let status = slot.status();
                let reason = status.detail.unwrap_or_else(|| format!("the bind is {:?}", status.state));
                let msg =
                    format!("Not sent: {} is not bound ({reason}). Check the Binds page and try again.", profile.name);
                fail_segment(inner, segment_id, MessageState::Failed, "not_bound", &msg).await;
                continue;
            }
        };
        written.push((part, attempt));
    }

    for (part, attempt) in written {
        part.follow(attempt).await?;
    }
    inner.log.flush().await;
    let message = messages::get_message_view(&inner.db, &id).await?.ok_or(sqlx::Error::RowNotFound)?;
    Ok(SendOutcome { message })
}

/// How many times one part may be submitted again after its connection dropped.
const MAX_RESUBMITS: u32 = 3;

/// One submit of a part.
#[derive(Debug)]
enum Attempt {
    /// Handed to the socket on this connection: a response, a timeout or a loss will follow.
    Written { pending: PendingSubmit, connection_id: i64 },
    /// Never reached the socket (the connection ended while it waited for the window).
    NotWritten { reason: String, connection_id: Option<i64> },
    /// The session would not send it at all (it breaks the spec, or the bind cannot send).
    Refused(String),
}

/// One part of a message on its way.
struct Part<'a> {
    inner: &'a Arc<Inner>,
    slot: &'a BindSlot,
    segment_id: i64,
    sm: ShortMessage,
}

impl Part<'_> {
    /// Paces, writes and marks the part Submitted (it was persisted as Queued before).
    async fn submit_once(&self, (client, connection_id): (Client, i64)) -> Result<Attempt, CoreError> {
        self.slot.pace().await;
        Ok(match client.submit(self.sm.clone()).await {
            Ok(pending) => {
                self.slot.submit_written();
                self.inner.log.submitted(self.segment_id, connection_id, pending.sequence_number, now_ms()).await;
                Attempt::Written { pending, connection_id }
            }
            Err(SubmitError::Rejected(e @ (SubmitRejected::Encode(_) | SubmitRejected::ReceiverBind))) => {
                Attempt::Refused(e.to_string())
            }
            Err(e) => Attempt::NotWritten { reason: e.to_string(), connection_id: Some(connection_id) },
        })
    }

    /// Follows the part until it ends Accepted or in a definite failure: throttled parts are
    /// retried after the profile's delay; parts the connection lost before writing them are
    /// written after the reconnect; parts lost after writing are resubmitted (marked as
    /// possible duplicates) only when the profile says so, else their outcome is unknown.
    async fn follow(&self, first: Attempt) -> Result<(), CoreError> {
        let settings = &self.slot.profile.settings;
        let mut attempt = first;
        let mut throttles = 0u32;
        let mut resubmits = 0u32;
        // Set once a copy may have reached the SMSC before this one was written.
        let mut duplicate_of: Option<String> = None;
        loop {
            let (pending, connection_id) = match attempt {
                Attempt::Refused(reason) => {
                    let msg = format!("Not sent: {reason}.");
                    return self.fail(MessageState::Failed, "not_sent", &msg).await;
                }
                Attempt::NotWritten { reason, connection_id } => {
                    resubmits += 1;
                    let client = if resubmits <= MAX_RESUBMITS {
                        self.slot.wait_for_client(settings.reconnect_wait(), connection_id).await
                    } else {
                        None
                    };
                    let Some(client) = client else {
                        let msg = format!(
                            "Not sent: the connection ended before this part was written ({reason}) and no new \
                             connection took it (waited up to {} s, at most {MAX_RESUBMITS} times).",
                            settings.reconnect_wait().as_secs()
                        );
                        return self.fail(MessageState::Failed, "not_sent", &msg).await;
                    };
                    let detail = format!("Not written on the first try ({reason}); written once a bind took it.");
                    self.event(segment_events::RESUBMITTED, None, None, &detail).await;
                    attempt = self.submit_once(client).await?;
                    continue;
                }
                Attempt::Written { pending, connection_id } => (pending, connection_id),
            };
            let seq = pending.sequence_number;
            let on_wire = Some((connection_id, seq));
            let response = match pending.response().await {
                // Some SMSCs throttle with generic_nack: it means the same "not now".
                Err(SubmitError::Failed(RequestFailure::Nack(code))) if status::is_retryable(code) => {
                    Ok(SubmitResponse { command_status: code, message_id: String::new() })
                }
                other => other,
            };
            self.slot.submit_answered();
            match response {
                Ok(resp) if resp.command_status == status::ESME_ROK => {
                    let note = duplicate_of.map(|d| ("possible_duplicate".to_string(), d));
                    let keys = correlation_keys(&resp.message_id);
                    self.record(
                        MessageState::Accepted,
                        Some(resp.command_status),
                        Some(resp.message_id),
                        note,
                        Some(keys),
                    )
                    .await;
                    return Ok(());
                }
                Ok(resp) if status::is_retryable(resp.command_status) => {
                    let code = resp.command_status;
                    self.slot.count_throttled(self.inner);
                    throttles += 1;
                    let name = status::name(code);
                    let limit = settings.throttle_retry_limit;
                    if throttles > limit {
                        let msg = format!(
                            "{} Still refused after {limit} retries {} ms apart; not sent.",
                            status::describe(code),
                            settings.throttle_retry_delay_ms
                        );
                        self.event(segment_events::THROTTLED, on_wire, Some(code), &msg).await;
                        self.record(MessageState::SubmitFailed, Some(code), None, Some((name, msg)), None).await;
                        return Ok(());
                    }
                    let detail = format!(
                        "{name}: the SMSC asks us to slow down; retry {throttles} of {limit} in {} ms.",
                        settings.throttle_retry_delay_ms
                    );
                    self.event(segment_events::THROTTLED, on_wire, Some(code), &detail).await;
                    // Back to Queued until it is written again.
                    self.record(MessageState::Queued, Some(code), None, Some((name, detail)), None).await;
                    tokio::time::sleep(settings.throttle_retry_delay()).await;
                    attempt = match self.slot.wait_for_client(settings.reconnect_wait(), None).await {
                        Some(client) => self.submit_once(client).await?,
                        None => Attempt::NotWritten {
                            reason: "the bind was down when the retry was due".into(),
                            connection_id: None,
                        },
                    };
                }
                Ok(resp) => {
                    let error = (status::name(resp.command_status), status::describe(resp.command_status));
                    let smsc_id = (!resp.message_id.is_empty()).then_some(resp.message_id);
                    self.record(MessageState::SubmitFailed, Some(resp.command_status), smsc_id, Some(error), None)
                        .await;
                    return Ok(());
                }
                Err(SubmitError::Failed(RequestFailure::Nack(code))) => {
                    let msg = format!("The SMSC answered with generic_nack: {}", status::describe(code));
                    return self.fail(MessageState::SubmitFailed, &status::name(code), &msg).await;
                }
                Err(SubmitError::Failed(RequestFailure::Timeout)) => {
                    self.slot.count_timeout(self.inner);
                    let msg = format!(
                        "No submit_sm_resp within the response timer ({} s); the SMSC may or may not have the message.",
                        settings.response_timeout().as_secs_f64()
                    );
                    self.event(segment_events::TIMEOUT, on_wire, None, &msg).await;
                    return self.fail(MessageState::UnknownOutcome, "response_timeout", &msg).await;
                }
                Err(e) => {
                    let lost = format!("The connection ended before the SMSC answered ({e})");
                    self.event(segment_events::CONNECTION_LOST, on_wire, None, &lost).await;
                    resubmits += 1;
                    let client = if settings.resubmit_unanswered && resubmits <= MAX_RESUBMITS {
                        self.slot.wait_for_client(settings.reconnect_wait(), Some(connection_id)).await
                    } else {
                        None
                    };
                    let Some(client) = client else {
                        let msg = format!("{lost}; it may or may not have the message.");
                        return self.fail(MessageState::UnknownOutcome, "connection_lost", &msg).await;
                    };
                    let note = format!(
                        "Possible duplicate: submitted again after a reconnect, but the SMSC may also have the copy \
                         sent on connection {connection_id} as sequence_number {seq}, which was never answered."
                    );
                    self.event(segment_events::POSSIBLE_DUPLICATE, on_wire, None, &note).await;
                    let error = ("possible_duplicate".to_string(), note.clone());
                    self.record(MessageState::Queued, None, None, Some(error), None).await;
                    duplicate_of = Some(note);
                    attempt = self.submit_once(client).await?;
                }
            }
        }
    }

    async fn event(&self, kind: &'static str, attempt: Option<(i64, u32)>, command_status: Option<u32>, detail: &str) {
        let e = EventRow {
            segment_id: self.segment_id,
            kind,
            attempt,
            command_status,
            detail: detail.into(),
            at: now_ms(),
        };
        self.inner.log.event(e).await;
    }

    /// Records where the part stands now (the response, or why there is none).
    async fn record(
        &self,
        state: MessageState,
        command_status: Option<u32>,
        smsc_message_id: Option<String>,
        error: Option<(String, String)>,
        keys: Option<Vec<String>>,
    ) {
        let keys = keys.map(|k| (self.slot.profile.id, k));
        let o = OutcomeRow {
            segment_id: self.segment_id,
            state,
            command_status,
            smsc_message_id,
            error,
            keys,
            at: now_ms(),
        };
        self.inner.log.outcome(o).await;
    }

    /// Records how the part ended without a response; `follow` ends with it.
    async fn fail(&self, state: MessageState, code: &str, message: &str) -> Result<(), CoreError> {
        fail_segment(self.inner, self.segment_id, state, code, message).await;
        Ok(())
    }
}

async fn fail_segment(inner: &Inner, segment_id: i64, state: MessageState, code: &str, message: &str) {
    let error = Some((code.to_string(), message.to_string()));
    let o =
        OutcomeRow { segment_id, state, command_status: None, smsc_message_id: None, error, keys: None, at: now_ms() };
    inner.log.outcome(o).await;
}

/// A previous run stopped mid-send (a crash: a normal shutdown settles its sends). Nothing
/// stays "in flight", and nothing is claimed unsent that may have been sent: a part's Submitted
/// state is logged after its submit_sm is handed to the session, a few milliseconds behind
/// the socket, so a Queued part may have been written just before the crash. Every unfinished
/// part therefore ends UnknownOutcome, with what the log knew of it.
pub(crate) async fn recover_interrupted(inner: &Inner) -> Result<usize, CoreError> {
    let ids = messages::list_unfinished_message_ids(&inner.db).await?;
    for id in &ids {
        for (segment_id, state) in segments::list_unfinished_segment_ids(&inner.db, id).await? {
            let msg = if state == "Queued" {
                "The console stopped while this part was waiting to be sent or being written; it may or may not \
                 have reached the SMSC."
            } else {
                "The console stopped before the SMSC answered; the SMSC may or may not have the message."
            };
            fail_segment(inner, segment_id, MessageState::UnknownOutcome, "interrupted", msg).await;
        }
    }
    inner.log.flush().await;
    Ok(ids.len())
}
