//! Unit-test helpers: messages written and moved on through the log writer, as the send path
//! does, without a bind.

use smpp_codec::message_id::correlation_keys;

use crate::Console;
use crate::addresses::Address;
use crate::clock::now_ms;
use crate::db::log_writer::{MessageInsert, OutcomeRow};
use crate::model::MessageState;

/// A one-part MT message from "Acme" to `to`, persisted Queued (`sequence` None) or also written
/// as that sequence_number on `connection_id`; committed when this returns.
pub(crate) async fn one_part_message(
    console: &Console,
    profile_id: i64,
    to: &str,
    body: &str,
    on_wire: Option<(i64, u32)>,
) -> (String, i64) {
    let log = &console.inner().log;
    let id = uuid::Uuid::now_v7().to_string();
    let m = MessageInsert {
        id: id.clone(),
        profile_id,
        direction: "MT",
        source: Address { addr: "Acme".into(), ton: 5, npi: 0 },
        dest: Address { addr: to.into(), ton: 1, npi: 1 },
        body: body.into(),
        data_coding: 0,
        alphabet: "GSM7",
        parts: 1,
        segments: 1,
        request_dlr: true,
        state: MessageState::Queued,
        error: None,
        at: now_ms(),
    };
    let seg = log.persist_message(m).await.unwrap()[0];
    if let Some((connection_id, seq)) = on_wire {
        log.submitted(seg, connection_id, seq, now_ms()).await;
        log.flush().await;
    }
    (id, seg)
}

/// The submit_sm_resp arriving: ESME_ROK with `smsc_id` (keys stored, orphans adopted).
pub(crate) async fn accept(console: &Console, profile_id: i64, seg: i64, smsc_id: &str) {
    let keys = Some((profile_id, correlation_keys(smsc_id)));
    let o = OutcomeRow {
        segment_id: seg,
        state: MessageState::Accepted,
        command_status: Some(0),
        smsc_message_id: Some(smsc_id.into()),
        error: None,
        keys,
        at: now_ms(),
    };
    console.inner().log.outcome(o).await;
    console.inner().log.flush().await;
}

/// The part ends in `state` with an error and no response.
pub(crate) async fn fail(console: &Console, seg: i64, state: MessageState, code: &str, message: &str) {
    let error = Some((code.to_string(), message.to_string()));
    let o = OutcomeRow {
        segment_id: seg,
        state,
        command_status: None,
        smsc_message_id: None,
        error,
        keys: None,
        at: now_ms(),
    };
    console.inner().log.outcome(o).await;
    console.inner().log.flush().await;
}
