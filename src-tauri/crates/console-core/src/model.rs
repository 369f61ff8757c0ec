//! Types that cross to the UI (and to smppctl's `--json`). TypeScript bindings are generated
//! from these by ts-rs into `ui/src/lib/bindings/`; `tests/bindings.rs` fails when they are
//! stale (`UPDATE_BINDINGS=1 cargo test -p console-core --test bindings` rewrites them).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a message stands. Moves Queued → Submitted → Accepted → (receipt state), or ends
/// early in SubmitFailed / Failed / UnknownOutcome. Every message ends in a recorded state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum MessageState {
    /// Persisted, not yet written to the socket.
    Queued,
    /// submit_sm written; waiting for submit_sm_resp.
    Submitted,
    /// submit_sm_resp with ESME_ROK: the SMSC took it.
    Accepted,
    /// submit_sm_resp with an error command_status.
    SubmitFailed,
    /// Never reached the SMSC (no bind, invalid input caught late).
    Failed,
    /// Sent, but no response came (timeout or connection lost): the SMSC may or may not have it.
    UnknownOutcome,
    /// Receipt ENROUTE: on its way.
    Enroute,
    /// Receipt DELIVRD.
    Delivered,
    /// Receipt EXPIRED: validity period passed.
    Expired,
    /// Receipt DELETED.
    Deleted,
    /// Receipt UNDELIV.
    Undeliverable,
    /// Receipt REJECTD.
    Rejected,
    /// Receipt UNKNOWN: the SMSC does not know the outcome.
    ReceiptUnknown,
    /// An incoming (MO) message, received and acknowledged.
    Received,
}

impl MessageState {
    /// Whether no further change is expected (a receipt can still move Accepted on).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Self::SubmitFailed
                | Self::Failed
                | Self::Delivered
                | Self::Expired
                | Self::Deleted
                | Self::Undeliverable
                | Self::Rejected
                | Self::Received
        )
    }

    /// Whether this is a state a delivery receipt set (so the SMSC had accepted the message).
    pub fn is_receipt(self) -> bool {
        matches!(
            self,
            Self::Enroute
                | Self::Delivered
                | Self::Expired
                | Self::Deleted
                | Self::Undeliverable
                | Self::Rejected
                | Self::ReceiptUnknown
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "Queued",
            Self::Submitted => "Submitted",
            Self::Accepted => "Accepted",
            Self::SubmitFailed => "SubmitFailed",
            Self::Failed => "Failed",
            Self::UnknownOutcome => "UnknownOutcome",
            Self::Enroute => "Enroute",
            Self::Delivered => "Delivered",
            Self::Expired => "Expired",
            Self::Deleted => "Deleted",
            Self::Undeliverable => "Undeliverable",
            Self::Rejected => "Rejected",
            Self::ReceiptUnknown => "ReceiptUnknown",
            Self::Received => "Received",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "Queued" => Self::Queued,
            "Submitted" => Self::Submitted,
            "Accepted" => Self::Accepted,
            "SubmitFailed" => Self::SubmitFailed,
            "Failed" => Self::Failed,
            "UnknownOutcome" => Self::UnknownOutcome,
            "Enroute" => Self::Enroute,
            "Delivered" => Self::Delivered,
            "Expired" => Self::Expired,
            "Deleted" => Self::Deleted,
            "Undeliverable" => Self::Undeliverable,
            "Rejected" => Self::Rejected,
            "ReceiptUnknown" => Self::ReceiptUnknown,
            "Received" => Self::Received,
            _ => return None,
        })
    }
}

/// An error as data: a stable code (an SMPP status name such as `ESME_RINVDSTADR`, or one of
/// ours such as `validation`) and a human message that says what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

/// One logged message as the Messages page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MessageView {
    /// Our ID (UUIDv7, time-ordered).
    pub id: String,
    pub profile_name: String,
    /// "MT" (we sent it) or "MO" (received).
    pub direction: String,
    pub source: String,
    pub destination: String,
    pub text: String,
    /// "GSM7", "UCS2", ...
    pub data_coding: String,
    pub parts: u32,
    pub request_dlr: bool,
    pub state: MessageState,
    /// The SMSC's message_id from submit_sm_resp (first part's for multipart messages).
    pub smsc_message_id: Option<String>,
    /// The failure, if any: SMPP status name and meaning, or our own code.
    pub error: Option<ApiError>,
    /// The receipt's `stat` (e.g. DELIVRD) and `err` as received.
    pub receipt_stat: Option<String>,
    pub receipt_err: Option<String>,
    /// RFC 3339 UTC with milliseconds.
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum BindState {
    Disconnected,
    Connecting,
    Bound,
    Error,
}

/// The live state of a profile's bind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BindStatus {
    pub profile_name: String,
    pub state: BindState,
    /// Why it is in Error (or Disconnected), in plain words.
    pub detail: Option<String>,
    pub host: String,
    pub port: u16,
    /// "TRX", "TX" or "RX".
    pub bind_type: String,
    pub system_id: String,
    /// Which of the profile's binds (1-based) and how many it has.
    pub bind_index: u32,
    pub bind_count: u32,
    /// RFC 3339 UTC: when the state last changed.
    pub since: String,
    /// Most submit_sm awaiting a response at once (the profile's window setting).
    pub window_size: u32,
    /// submit_sm awaiting a response now.
    pub window_in_use: u32,
    /// This bind's share of the profile's rate limit, in segments per second (None: no limit).
    pub rate_limit: Option<u32>,
    /// Segments (submit_sm, retries included) written in the last second.
    pub rate_per_second: u32,
    /// Since the bind started: submits answered ESME_RTHROTTLED or ESME_RMSGQFUL (each retried).
    pub throttled: u32,
    /// Since the bind started: submits with no response within the response timer.
    pub timeouts: u32,
    /// Since the bind started: connection attempts after the first.
    pub reconnects: u32,
    /// RFC 3339 UTC: the next reconnect attempt, while waiting for it (backing off).
    pub backing_off_until: Option<String>,
    /// Something the user must know about this bind although it works, e.g. that it bound
    /// with the previous password because the SMSC refused the new one.
    pub notice: Option<String>,
}

/// What the Send page (and `smppctl send`) asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendRequest {
    pub from: String,
    pub to: String,
    pub text: String,
    pub request_dlr: bool,
}

/// The result of one send: the message as logged once submit_sm_resp (or the failure) came.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SendOutcome {
    pub message: MessageView,
}

/// Pushed to the UI whenever something it shows changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ConsoleEvent {
    /// A message was created or changed state.
    Message { message: MessageView },
    /// A bind changed state.
    Bind { bind: BindStatus },
    /// The window fell behind and `count` events were dropped (a bulk send outpaced it): what
    /// it shows may be stale, so it reads the log again.
    Missed { count: u64 },
}

/// How a text will be sent: the Send page's live encoding and segment count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EncodingPreview {
    /// "GSM7" or "UCS2": GSM 7-bit when every character fits, else UCS2.
    pub alphabet: String,
    /// Why that alphabet, in words (names the characters that forced UCS2).
    pub reason: String,
    /// Characters typed (Unicode scalar values).
    pub chars: u32,
    /// Septets (GSM7) or UTF-16 code units (UCS2) the text costs; GSM extension characters
    /// such as € cost two.
    pub units: u32,
    /// Parts (submit_sm PDUs) the text needs.
    pub parts: u32,
    /// Capacity of each part in units (160/153 for GSM7, 70/67 for UCS2).
    pub units_per_part: u32,
    /// Units still free in the last part.
    pub units_left: u32,
    /// The characters that are not in the GSM 7-bit alphabet.
    pub forced_by: Vec<String>,
}

/// The PDU Inspector's input: hex as pasted (spaces, newlines, `0x`, `:` and `-` tolerated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InspectRequest {
    pub hex: String,
    /// Show bind passwords (off by default: pasted PDUs go into tickets).
    pub show_passwords: bool,
}

pub use crate::trace_model::{
    TraceEvent, TraceFilters, TraceMatch, TraceOrphan, TraceReceipt, TraceResult, TraceSegment, TraceStep,
    TracedMessage,
};
