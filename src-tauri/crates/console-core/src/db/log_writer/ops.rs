//! What the log writer is asked to write: owned rows, so they outlive the frame or the send
//! that produced them.

use tokio::sync::oneshot;

use crate::addresses::Address;
use crate::model::{ApiError, MessageState};

/// One PDU to log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PduRow {
    pub connection_id: i64,
    pub inbound: bool,
    /// Already masked (see `smpp_codec::pdu::mask_password`).
    pub bytes: Vec<u8>,
    pub warnings: Option<String>,
    pub at: i64,
}

/// A logical message and, for MT, its parts as Queued segments.
#[derive(Debug, Clone)]
pub struct MessageInsert {
    pub id: String,
    pub profile_id: i64,
    pub direction: &'static str,
    pub source: Address,
    pub dest: Address,
    pub body: String,
    pub data_coding: u8,
    pub alphabet: &'static str,
    pub parts: usize,
    /// Segments to create now (MT: one per part; MO: none, its parts live in the PDU log).
    pub segments: usize,
    pub request_dlr: bool,
    pub state: MessageState,
    pub error: Option<ApiError>,
    pub at: i64,
}

/// Ends a segment's submit: the response (status, SMSC id) or why there was none.
#[derive(Debug, Clone)]
pub struct OutcomeRow {
    pub segment_id: i64,
    pub state: MessageState,
    pub command_status: Option<u32>,
    pub smsc_message_id: Option<String>,
    pub error: Option<(String, String)>,
    /// For an accepted submit: the profile and the normalised keys of its SMSC message_id, so
    /// receipts find it and orphans that arrived first are adopted.
    pub keys: Option<(i64, Vec<String>)>,
    pub at: i64,
}

/// Something a segment lived through besides its final state (see `segment_events`).
#[derive(Debug, Clone)]
pub struct EventRow {
    pub segment_id: i64,
    pub kind: &'static str,
    pub attempt: Option<(i64, u32)>,
    pub command_status: Option<u32>,
    pub detail: String,
    pub at: i64,
}

/// A delivery receipt as read from a deliver_sm; the writer matches it to its segment.
#[derive(Debug, Clone)]
pub struct ReceiptRow {
    pub profile_id: i64,
    pub connection_id: i64,
    pub smsc_message_id: String,
    pub keys: Vec<String>,
    pub message_state: Option<u8>,
    pub state: MessageState,
    pub stat: Option<String>,
    pub err: Option<String>,
    pub text: String,
    pub at: i64,
}

/// A part of an incoming multipart message the reassembler holds until the rest arrives.
#[derive(Debug, Clone)]
pub struct HeldPart {
    pub profile_id: i64,
    /// The message it belongs to (`mo::hold_key`).
    pub hold_key: String,
    /// The part as a deliver_sm frame.
    pub pdu: Vec<u8>,
    pub at: i64,
}

/// The held parts an incoming message's insert releases.
#[derive(Debug, Clone)]
pub struct Release {
    /// Their hold key (`mo::hold_key`).
    pub hold_key: String,
    /// Store the message only if parts were still held: for one given up on (incomplete).
    /// Another console on the same log (smppctl beside the app) takes the same held parts back
    /// at its start; whichever gives up on the message first stores it, the other finds the
    /// parts gone and stores nothing.
    pub only_if_held: bool,
}

/// The segment ids of a persisted message, or why it could not be stored.
pub type Persisted = Result<Vec<i64>, String>;

#[derive(Debug)]
pub enum LogOp {
    Pdu(PduRow),
    /// Answered once the message is committed, with its segment ids in part order.
    Message(Box<MessageInsert>, Option<oneshot::Sender<Persisted>>),
    Submitted {
        segment_id: i64,
        connection_id: i64,
        sequence_number: u32,
        at: i64,
    },
    /// An incoming message put together from held parts (or given up on): stored, and its
    /// held parts released, in one transaction.
    MoMessage(Box<MessageInsert>, Release),
    /// A part held for the rest of its message (see `HeldPart`).
    HoldPart(Box<HeldPart>),
    Outcome(Box<OutcomeRow>),
    Event(Box<EventRow>),
    Receipt(Box<ReceiptRow>),
    /// Answered once everything queued before it is committed.
    Flush(oneshot::Sender<()>),
}

impl LogOp {
    /// Whether somebody waits for this batch: then it is written at once, without lingering.
    pub(super) fn awaited(&self) -> bool {
        matches!(self, LogOp::Flush(_) | LogOp::Message(_, Some(_)))
    }
}
