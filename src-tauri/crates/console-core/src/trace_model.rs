//! Types of "what happened to this message?" (the trace), re-exported from [`crate::model`] so
//! they get TypeScript bindings like the others.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{ApiError, MessageState, MessageView};

/// Narrows a trace or a log listing. Empty filters match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct TraceFilters {
    /// Profile name, exactly.
    pub profile: Option<String>,
    /// "MT" or "MO".
    pub direction: Option<String>,
    pub state: Option<MessageState>,
    /// An error code as logged: an SMPP status name (ESME_RINVDSTADR) or one of ours
    /// (response_timeout).
    pub error_code: Option<String>,
    /// Destination number (`+`, spaces and dashes ignored).
    pub to: Option<String>,
    /// RFC 3339: messages created at or after this moment.
    pub since: Option<String>,
    /// RFC 3339: messages created before this moment.
    pub until: Option<String>,
    /// At most this many messages (default 50, at most 1000).
    pub limit: Option<u32>,
}

/// How the query was read, in the order the lookups are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TraceMatch {
    /// Our message ID (a UUID).
    OurId,
    /// An SMSC message_id (any of its forms), a Twilio segment SID or a Telesign reference.
    SmscId,
    /// A phone number, as destination or source.
    Number,
    /// A piece of the message text.
    Text,
}

/// One step in a message's life, at a moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TraceEvent {
    /// RFC 3339 UTC with milliseconds.
    pub at: String,
    /// The part (1-based) for per-segment steps; None for the whole message.
    pub part: Option<u32>,
    pub step: TraceStep,
}

/// What happened. PDU ids open the PDU in the Inspector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum TraceStep {
    /// Stored, not yet written to the socket.
    Queued,
    /// submit_sm written.
    SubmitSm {
        sequence_number: Option<u32>,
        #[ts(type = "number | null")]
        pdu_id: Option<i64>,
    },
    /// submit_sm_resp received.
    SubmitSmResp {
        command_status: u32,
        /// e.g. ESME_RINVDSTADR.
        status_name: String,
        /// What the status means and what to do.
        meaning: String,
        /// The SMSC's message_id exactly as received.
        smsc_message_id: Option<String>,
        /// Milliseconds since submit_sm was written.
        latency_ms: Option<u32>,
        #[ts(type = "number | null")]
        pdu_id: Option<i64>,
    },
    /// The part got no submit_sm_resp, or was never sent: why.
    NoResponse { error: ApiError },
    /// Something an earlier attempt of the part went through: throttled (and retried), timed
    /// out, connection lost, resubmitted, possibly duplicated.
    Attempt {
        /// throttled, timeout, connection_lost, resubmitted or possible_duplicate.
        event: String,
        /// What happened, in plain words.
        detail: String,
        /// The SMSC's answer to that attempt, when it gave one (e.g. ESME_RTHROTTLED).
        status_name: Option<String>,
        /// The attempt's submit_sm sequence_number, when it was written.
        sequence_number: Option<u32>,
        /// The SMSC's answer in the PDU log (submit_sm_resp or generic_nack), when found.
        #[ts(type = "number | null")]
        pdu_id: Option<i64>,
    },
    /// A delivery receipt for this part.
    Receipt(TraceReceipt),
    /// Where the message (or, with `part`, the part) ended up.
    Final { state: MessageState, error: Option<ApiError> },
}

/// A delivery receipt, explained.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TraceReceipt {
    #[ts(type = "number")]
    pub receipt_id: i64,
    /// The message_id the receipt names, as received.
    pub smsc_message_id: String,
    /// `stat:` as received (DELIVRD, UNDELIV, ...), else from the message_state TLV.
    pub stat: Option<String>,
    /// What that state means.
    pub stat_meaning: Option<String>,
    /// `err:` as received.
    pub err: Option<String>,
    /// What the err code means (the provider's table where the profile's preset has one).
    pub err_meaning: Option<String>,
    /// A repeat of a receipt already applied (the SMSC resent it); it changed nothing.
    pub duplicate: bool,
    /// It arrived before the submit_sm_resp that told us the message_id (kept as an orphan,
    /// then attached).
    pub before_response: bool,
    /// Milliseconds since submit_sm was written.
    pub latency_ms: Option<u32>,
    /// The deliver_sm that carried it, when found in the PDU log.
    #[ts(type = "number | null")]
    pub pdu_id: Option<i64>,
}

/// One part of a message and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TraceSegment {
    pub part: u32,
    pub state: MessageState,
    pub smsc_message_id: Option<String>,
    pub error: Option<ApiError>,
    pub receipts: u32,
}

/// A message that matched, with its timeline (oldest first; per-part steps carry `part`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TracedMessage {
    pub message: MessageView,
    /// How this message matched the query.
    pub matched_by: TraceMatch,
    /// The profile's preset (generic, simulator, telesign, twilio).
    pub preset: String,
    pub segments: Vec<TraceSegment>,
    pub timeline: Vec<TraceEvent>,
}

/// A receipt that matched an ID query but belongs to no logged message (yet).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TraceOrphan {
    pub profile_name: String,
    /// RFC 3339 UTC with milliseconds.
    pub received_at: String,
    pub receipt: TraceReceipt,
}

/// The answer to "what happened to this message?".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TraceResult {
    pub query: String,
    /// The readings of the query that were tried, in order.
    pub tried: Vec<TraceMatch>,
    /// Newest first.
    pub messages: Vec<TracedMessage>,
    pub orphan_receipts: Vec<TraceOrphan>,
    /// More messages matched than the limit allowed.
    pub truncated: bool,
}

impl TraceResult {
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty() && self.orphan_receipts.is_empty()
    }
}
