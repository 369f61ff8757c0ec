//! PDUs: the header plus a typed body. Decoding is per frame and lenient; encoding is strict.
//!
//! Every PDU of SMPP 3.4 and the broadcast operations of SMPP 5.0 have a typed body; command_ids
//! nobody defines keep theirs verbatim ([`Body::Raw`]). A response whose command_status is an
//! error may omit its body (the spec says so for most of them); that decodes to the body's
//! default and such a default body encodes to nothing.

mod alert_notification;
mod bind;
mod bind_resp;
mod broadcast_sm;
mod cancel_broadcast_sm;
mod cancel_sm;
mod data_sm;
pub mod limits;
mod mask;
mod outbind;
mod query_broadcast_sm;
mod query_sm;
mod query_sm_resp;
mod replace_sm;
mod sm;
mod sm_resp;
mod submit_multi;
mod submit_multi_resp;

pub use alert_notification::AlertNotification;
pub use bind::{Bind, BindKind};
pub use bind_resp::BindResp;
pub use broadcast_sm::{BROADCAST_SM_MANDATORY_TLVS, BroadcastSm};
pub use cancel_broadcast_sm::CancelBroadcastSm;
pub use cancel_sm::CancelSm;
pub use data_sm::DataSm;
pub use mask::mask_password;
pub use outbind::Outbind;
pub use query_broadcast_sm::QueryBroadcastSm;
pub use query_sm::QuerySm;
pub use query_sm_resp::QuerySmResp;
pub use replace_sm::ReplaceSm;
pub use sm::{ESM_CLASS_DELIVERY_RECEIPT, ESM_CLASS_UDHI, REGISTERED_DELIVERY_FINAL, ShortMessage};
pub use sm_resp::SmResp;
pub use submit_multi::{DEST_FLAG_DISTRIBUTION_LIST, DEST_FLAG_SME, DestAddress, SubmitMulti};
pub use submit_multi_resp::{SubmitMultiResp, UnsuccessSme};

use crate::command::CommandId;
use crate::cstring::Reader;
use crate::frame::HEADER_LEN;
use crate::status;
use crate::tlv::{self, Tlv};

/// The SMPP interface versions we speak.
pub const INTERFACE_VERSION_34: u8 = 0x34;
pub const INTERFACE_VERSION_50: u8 = 0x50;

/// One PDU.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pdu {
    pub command_status: u32,
    pub sequence_number: u32,
    pub body: Body,
}

/// The body of each command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Bind(Bind),
    BindResp(BindKind, BindResp),
    Outbind(Outbind),
    Unbind,
    UnbindResp,
    GenericNack,
    EnquireLink,
    EnquireLinkResp,
    SubmitSm(Box<ShortMessage>),
    SubmitSmResp(SmResp),
    SubmitMulti(Box<SubmitMulti>),
    SubmitMultiResp(SubmitMultiResp),
    DeliverSm(Box<ShortMessage>),
    DeliverSmResp(SmResp),
    DataSm(Box<DataSm>),
    DataSmResp(SmResp),
    QuerySm(QuerySm),
    QuerySmResp(QuerySmResp),
    CancelSm(CancelSm),
    CancelSmResp,
    ReplaceSm(Box<ReplaceSm>),
    ReplaceSmResp,
    AlertNotification(AlertNotification),
    /// SMPP 5.0.
    BroadcastSm(Box<BroadcastSm>),
    BroadcastSmResp(SmResp),
    QueryBroadcastSm(QueryBroadcastSm),
    /// message_id plus TLVs (message_state, broadcast_area_identifier, broadcast_area_success).
    QueryBroadcastSmResp(SmResp),
    CancelBroadcastSm(CancelBroadcastSm),
    CancelBroadcastSmResp,
    /// Any other command_id, body kept verbatim. Encoding a Raw body with a known command_id
    /// sends it as is (useful for deliberately odd PDUs, e.g. a bodiless error response).
    Raw {
        command_id: CommandId,
        body: Vec<u8>,
    },
}

impl Body {
    pub fn command_id(&self) -> CommandId {
        match self {
            Body::Bind(b) => b.kind.command_id(),
            Body::BindResp(k, _) => k.command_id().response(),
            Body::Outbind(_) => CommandId::OUTBIND,
            Body::Unbind => CommandId::UNBIND,
            Body::UnbindResp => CommandId::UNBIND_RESP,
            Body::GenericNack => CommandId::GENERIC_NACK,
            Body::EnquireLink => CommandId::ENQUIRE_LINK,
            Body::EnquireLinkResp => CommandId::ENQUIRE_LINK_RESP,
            Body::SubmitSm(_) => CommandId::SUBMIT_SM,
            Body::SubmitSmResp(_) => CommandId::SUBMIT_SM_RESP,
            Body::SubmitMulti(_) => CommandId::SUBMIT_MULTI,
            Body::SubmitMultiResp(_) => CommandId::SUBMIT_MULTI_RESP,
            Body::DeliverSm(_) => CommandId::DELIVER_SM,
            Body::DeliverSmResp(_) => CommandId::DELIVER_SM_RESP,
            Body::DataSm(_) => CommandId::DATA_SM,
            Body::DataSmResp(_) => CommandId::DATA_SM_RESP,
            Body::QuerySm(_) => CommandId::QUERY_SM,
            Body::QuerySmResp(_) => CommandId::QUERY_SM_RESP,
            Body::CancelSm(_) => CommandId::CANCEL_SM,
            Body::CancelSmResp => CommandId::CANCEL_SM_RESP,
            Body::ReplaceSm(_) => CommandId::REPLACE_SM,
            Body::ReplaceSmResp => CommandId::REPLACE_SM_RESP,
            Body::AlertNotification(_) => CommandId::ALERT_NOTIFICATION,
            Body::BroadcastSm(_) => CommandId::BROADCAST_SM,
            Body::BroadcastSmResp(_) => CommandId::BROADCAST_SM_RESP,
            Body::QueryBroadcastSm(_) => CommandId::QUERY_BROADCAST_SM,
            Body::QueryBroadcastSmResp(_) => CommandId::QUERY_BROADCAST_SM_RESP,
            Body::CancelBroadcastSm(_) => CommandId::CANCEL_BROADCAST_SM,
            Body::CancelBroadcastSmResp => CommandId::CANCEL_BROADCAST_SM_RESP,
            Body::Raw { command_id, .. } => *command_id,
        }
    }

    /// The TLVs of the body, for the bodies that carry them.
    pub fn tlvs(&self) -> &[Tlv] {
        match self {
            Body::BindResp(_, b) => &b.tlvs,
            Body::SubmitSm(sm) | Body::DeliverSm(sm) => &sm.tlvs,
            Body::SubmitSmResp(r)
            | Body::DeliverSmResp(r)
            | Body::DataSmResp(r)
            | Body::BroadcastSmResp(r)
            | Body::QueryBroadcastSmResp(r) => &r.tlvs,
            Body::SubmitMulti(m) => &m.tlvs,
            Body::SubmitMultiResp(r) => &r.tlvs,
            Body::DataSm(d) => &d.tlvs,
            Body::ReplaceSm(r) => &r.tlvs,
            Body::AlertNotification(a) => &a.tlvs,
            Body::BroadcastSm(b) => &b.tlvs,
            Body::QueryBroadcastSm(q) => &q.tlvs,
            Body::CancelBroadcastSm(c) => &c.tlvs,
            _ => &[],
        }
    }
}

/// Something the decoder accepted but the spec does not allow, with where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Offset in the PDU (0 = first octet of command_length).
    pub offset: usize,
    pub field: &'static str,
    pub message: String,
}

impl Warning {
    pub fn new(offset: usize, field: &'static str, message: String) -> Self {
        Self { offset, field, message }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "offset {} ({}): {}", self.offset, self.field, self.message)
    }
}

/// A decoded PDU and what was wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub pdu: Pdu,
    pub warnings: Vec<Warning>,
}

/// The four header fields, available even when the body cannot be decoded so that the
/// session can answer the right sequence_number with generic_nack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub command_length: u32,
    pub command_id: CommandId,
    pub command_status: u32,
    pub sequence_number: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    #[error("PDU is {0} octets, shorter than the 16-octet header")]
    TruncatedHeader(usize),
    #[error("command_length says {declared} octets but the frame has {actual}")]
    LengthMismatch { header: Header, declared: u32, actual: usize },
    #[error("{field} of {command} is cut off at offset {offset}")]
    Truncated { header: Header, command: CommandId, field: &'static str, offset: usize },
    /// A field whose value makes the rest of the body unreadable (e.g. an unknown dest_flag).
    #[error("{field} of {command} at offset {offset} is invalid: {reason}")]
    Invalid { header: Header, command: CommandId, field: &'static str, offset: usize, reason: String, status: u32 },
}

impl DecodeError {
    /// The header, when it could be read.
    pub fn header(&self) -> Option<Header> {
        match self {
            DecodeError::TruncatedHeader(_) => None,
            DecodeError::LengthMismatch { header, .. }
            | DecodeError::Truncated { header, .. }
            | DecodeError::Invalid { header, .. } => Some(*header),
        }
    }

    /// The command_status a generic_nack (or response) should carry for this error.
    pub fn nack_status(&self) -> u32 {
        match self {
            DecodeError::TruncatedHeader(_) | DecodeError::LengthMismatch { .. } => status::ESME_RINVCMDLEN,
            DecodeError::Truncated { .. } => status::ESME_RINVMSGLEN,
            DecodeError::Invalid { status, .. } => *status,
        }
    }

    /// Offset of the problem within the PDU.
    pub fn offset(&self) -> usize {
        match self {
            DecodeError::TruncatedHeader(_) | DecodeError::LengthMismatch { .. } => 0,
            DecodeError::Truncated { offset, .. } | DecodeError::Invalid { offset, .. } => *offset,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    #[error("{field} is {len} octets; the spec allows at most {max}")]
    FieldTooLong { field: &'static str, len: usize, max: usize },
    #[error("{field} contains a NUL octet, which would end the string early")]
    NulInString { field: &'static str },
    #[error("TLV 0x{tag:04X} value is {len} octets; a TLV holds at most 65535")]
    TlvTooLong { tag: u16, len: usize },
    #[error("{field} is invalid: {reason}")]
    InvalidField { field: &'static str, reason: String },
    #[error("TLV {name} (0x{tag:04X}) is invalid: {reason}")]
    InvalidTlv { tag: u16, name: String, reason: String },
    #[error("{field} would be {count}; the spec allows {min}-{max}")]
    Count { field: &'static str, count: usize, min: usize, max: usize },
}

/// Why a body could not be decoded (internal; becomes a [`DecodeError`] with the header).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyError {
    /// The body ends before this mandatory field (name, offset).
    Truncated(&'static str, usize),
    Invalid {
        field: &'static str,
        offset: usize,
        reason: String,
        status: u32,
    },
}

/// A PDU body with a fixed layout.
pub(crate) trait BodyCodec: Sized + Default + PartialEq {
    fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, BodyError>;
    fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError>;
}

/// Reads the header of a frame (at least 16 octets).
pub fn read_header(frame: &[u8]) -> Option<Header> {
    let mut r = Reader::new(frame, 0);
    Some(Header {
        command_length: r.u32()?,
        command_id: CommandId(r.u32()?),
        command_status: r.u32()?,
        sequence_number: r.u32()?,
    })
}

/// Decodes a response body; an error response without a body is the body's default.
fn resp<T: BodyCodec>(r: &mut Reader<'_>, w: &mut Vec<Warning>, bodiless_error: bool) -> Result<T, BodyError> {
    if bodiless_error { Ok(T::default()) } else { T::decode(r, w) }
}

/// Encodes a response body; an error response with a default body is sent without one.
fn enc_resp<T: BodyCodec>(t: &T, command_status: u32, out: &mut Vec<u8>) -> Result<(), EncodeError> {
    if command_status != status::ESME_ROK && *t == T::default() { Ok(()) } else { t.encode(out) }
}

fn sm_resp_tlvs(tlvs: Vec<Tlv>) -> SmResp {
    SmResp { message_id: String::new(), tlvs }
}

/// Decodes a response whose body is a C-Octet String followed by TLVs (bind_resp's system_id,
/// submit_sm_resp's message_id, ...). Some peers (smpp34, for one) send error responses with the
/// TLVs but without the string; when the spec's reading breaks the TLVs and a TLV-only reading
/// is clean, that is what we take, with a warning.
fn string_and_tlvs_resp<T: BodyCodec>(
    r: &mut Reader<'_>,
    w: &mut Vec<Warning>,
    header: &Header,
    field: &'static str,
    with_tlvs: impl Fn(Vec<Tlv>) -> T,
) -> Result<T, BodyError> {
    if header.command_status == status::ESME_ROK || r.is_empty() {
        return resp(r, w, r.is_empty() && header.command_status != status::ESME_ROK);
    }
    let at = r.offset();
    let mut spec_warnings = Vec::new();
    let spec = T::decode(&mut Reader::new(r.remaining(), at), &mut spec_warnings);
    // Only a reading that breaks the TLVs counts against the spec's form: an odd string alone
    // does not (it must not flip the reading of what we re-encode).
    if spec.is_err() || spec_warnings.iter().any(|w| w.field != field) {
        let mut tlv_warnings = Vec::new();
        let tlvs = decode_tlvs(&mut Reader::new(r.remaining(), at), &mut tlv_warnings);
        if tlv_warnings.is_empty() && !tlvs.is_empty() && tlvs.iter().all(|t| tlv::info(t.tag).is_some()) {
            let _ = r.bytes(r.remaining().len());
            w.push(Warning::new(
                at,
                field,
                format!(
                    "this error response has TLVs but not its mandatory {field}; read the body as TLVs \
                     (the spec puts {field}, possibly empty, first)"
                ),
            ));
            return Ok(with_tlvs(tlvs));
        }
    }
    T::decode(r, w)
}

fn decode_body(header: &Header, r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Body, BodyError> {
    let id = header.command_id;
    let bodiless_error = id.is_response() && header.command_status != status::ESME_ROK && r.is_empty();
    Ok(match id {
        CommandId::BIND_RECEIVER | CommandId::BIND_TRANSMITTER | CommandId::BIND_TRANSCEIVER => {
            let kind = BindKind::from_command(id).ok_or(BodyError::Truncated("command_id", 4))?;
            Body::Bind(Bind::decode(kind, r, w)?)
        }
        CommandId::BIND_RECEIVER_RESP | CommandId::BIND_TRANSMITTER_RESP | CommandId::BIND_TRANSCEIVER_RESP => {
            let kind =
                BindKind::from_command(CommandId(id.0 & 0x7FFF_FFFF)).ok_or(BodyError::Truncated("command_id", 4))?;
            Body::BindResp(
                kind,
                string_and_tlvs_resp(r, w, header, "system_id", |tlvs| BindResp { tlvs, ..Default::default() })?,
            )
        }
        CommandId::OUTBIND => Body::Outbind(Outbind::decode(r, w)?),
        CommandId::SUBMIT_SM => Body::SubmitSm(Box::new(ShortMessage::decode(r, w)?)),
        CommandId::DELIVER_SM => Body::DeliverSm(Box::new(ShortMessage::decode(r, w)?)),
        CommandId::SUBMIT_SM_RESP => {
            Body::SubmitSmResp(string_and_tlvs_resp(r, w, header, "message_id", sm_resp_tlvs)?)
        }
        CommandId::DELIVER_SM_RESP => {
            Body::DeliverSmResp(string_and_tlvs_resp(r, w, header, "message_id", sm_resp_tlvs)?)
        }
        CommandId::SUBMIT_MULTI => Body::SubmitMulti(Box::new(SubmitMulti::decode(r, w)?)),
        CommandId::SUBMIT_MULTI_RESP => Body::SubmitMultiResp(resp(r, w, bodiless_error)?),
        CommandId::DATA_SM => Body::DataSm(Box::new(DataSm::decode(r, w)?)),
        CommandId::DATA_SM_RESP => Body::DataSmResp(string_and_tlvs_resp(r, w, header, "message_id", sm_resp_tlvs)?),
        CommandId::QUERY_SM => Body::QuerySm(QuerySm::decode(r, w)?),
        CommandId::QUERY_SM_RESP => Body::QuerySmResp(resp(r, w, bodiless_error)?),
        CommandId::CANCEL_SM => Body::CancelSm(CancelSm::decode(r, w)?),
        CommandId::CANCEL_SM_RESP => Body::CancelSmResp,
        CommandId::REPLACE_SM => Body::ReplaceSm(Box::new(ReplaceSm::decode(r, w)?)),
        CommandId::REPLACE_SM_RESP => Body::ReplaceSmResp,
        CommandId::ALERT_NOTIFICATION => Body::AlertNotification(AlertNotification::decode(r, w)?),
        CommandId::BROADCAST_SM => Body::BroadcastSm(Box::new(BroadcastSm::decode(r, w)?)),
        CommandId::BROADCAST_SM_RESP => {
            Body::BroadcastSmResp(string_and_tlvs_resp(r, w, header, "message_id", sm_resp_tlvs)?)
        }
        CommandId::QUERY_BROADCAST_SM => Body::QueryBroadcastSm(QueryBroadcastSm::decode(r, w)?),
        CommandId::QUERY_BROADCAST_SM_RESP => {
            Body::QueryBroadcastSmResp(string_and_tlvs_resp(r, w, header, "message_id", sm_resp_tlvs)?)
        }
        CommandId::CANCEL_BROADCAST_SM => Body::CancelBroadcastSm(CancelBroadcastSm::decode(r, w)?),
        CommandId::CANCEL_BROADCAST_SM_RESP => Body::CancelBroadcastSmResp,
        CommandId::UNBIND => Body::Unbind,
        CommandId::UNBIND_RESP => Body::UnbindResp,
        CommandId::GENERIC_NACK => Body::GenericNack,
        CommandId::ENQUIRE_LINK => Body::EnquireLink,
        CommandId::ENQUIRE_LINK_RESP => Body::EnquireLinkResp,
        other => Body::Raw { command_id: other, body: r.bytes(r.remaining().len()).unwrap_or_default().to_vec() },
    })
}

impl Pdu {
    pub fn new(sequence_number: u32, body: Body) -> Self {
        Self { command_status: status::ESME_ROK, sequence_number, body }
    }

    pub fn with_status(mut self, command_status: u32) -> Self {
        self.command_status = command_status;
        self
    }

    pub fn command_id(&self) -> CommandId {
        self.body.command_id()
    }

    /// Decodes exactly one frame (as isolated by [`crate::next_frame_len`]).
    pub fn decode(frame: &[u8]) -> Result<Decoded, DecodeError> {
        let header = read_header(frame).ok_or(DecodeError::TruncatedHeader(frame.len()))?;
        if header.command_length as usize != frame.len() {
            return Err(DecodeError::LengthMismatch { header, declared: header.command_length, actual: frame.len() });
        }
        let mut warnings = Vec::new();
        let mut r = Reader::new(frame.get(HEADER_LEN..).unwrap_or_default(), HEADER_LEN);
        let id = header.command_id;
        let body = decode_body(&header, &mut r, &mut warnings).map_err(|e| match e {
            BodyError::Truncated(field, offset) => DecodeError::Truncated { header, command: id, field, offset },
            BodyError::Invalid { field, offset, reason, status } => {
                DecodeError::Invalid { header, command: id, field, offset, reason, status }
            }
        })?;
        if !r.is_empty() {
            warnings.push(Warning::new(
                r.offset(),
                "body",
                format!("{} unexpected trailing octets after the {} body were ignored", r.remaining().len(), id),
            ));
        }
        if header.command_status != status::ESME_ROK && !id.is_response() {
            warnings.push(Warning::new(
                8,
                "command_status",
                format!("command_status is 0x{:08X} in a request; requests carry 0", header.command_status),
            ));
        }
        Ok(Decoded {
            pdu: Pdu { command_status: header.command_status, sequence_number: header.sequence_number, body },
            warnings,
        })
    }

    /// The number of octets [`Pdu::to_bytes`] writes for the body (after the header), when it
    /// is cheap to know: for the common bodies. Exact whenever encoding succeeds; `None` for
    /// the rest, which start from a small buffer and grow.
    fn body_len(&self) -> Option<usize> {
        let cstr = |s: &str| s.len() + 1;
        let st = self.command_status;
        Some(match &self.body {
            Body::SubmitSm(sm) | Body::DeliverSm(sm) => sm.encoded_len(),
            Body::SubmitSmResp(r)
            | Body::DeliverSmResp(r)
            | Body::DataSmResp(r)
            | Body::BroadcastSmResp(r)
            | Body::QueryBroadcastSmResp(r) => {
                if st != status::ESME_ROK && *r == SmResp::default() {
                    0
                } else {
                    cstr(&r.message_id) + tlvs_len(&r.tlvs)
                }
            }
            Body::BindResp(_, r) => {
                if st != status::ESME_ROK && *r == BindResp::default() {
                    0
                } else {
                    cstr(&r.system_id) + tlvs_len(&r.tlvs)
                }
            }
            Body::Bind(b) => cstr(&b.system_id) + cstr(&b.password) + cstr(&b.system_type) + 3 + cstr(&b.address_range),
            Body::DataSm(d) => {
                cstr(&d.service_type) + cstr(&d.source_addr) + cstr(&d.destination_addr) + 7 + tlvs_len(&d.tlvs)
            }
            Body::Unbind
            | Body::UnbindResp
            | Body::GenericNack
            | Body::EnquireLink
            | Body::EnquireLinkResp
            | Body::CancelSmResp
            | Body::ReplaceSmResp
            | Body::CancelBroadcastSmResp => 0,
            Body::Raw { body, .. } => body.len(),
            _ => return None,
        })
    }

    /// Encodes strictly: a field that breaks the spec is an error, never silently cut.
    pub fn to_bytes(&self) -> Result<Vec<u8>, EncodeError> {
        // Sizing the buffer once saves the reallocations that growing from 64 octets costs
        // (one for a typical submit_sm, two for a delivery receipt).
        let body_len = self.body_len();
        let mut out = Vec::with_capacity(HEADER_LEN + body_len.unwrap_or(48));
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&self.command_id().0.to_be_bytes());
        out.extend_from_slice(&self.command_status.to_be_bytes());
        out.extend_from_slice(&self.sequence_number.to_be_bytes());
        let st = self.command_status;
        match &self.body {
            Body::Bind(b) => b.encode(&mut out)?,
            Body::BindResp(_, b) => enc_resp(b, st, &mut out)?,
            Body::Outbind(o) => o.encode(&mut out)?,
            Body::SubmitSm(sm) | Body::DeliverSm(sm) => sm.encode(&mut out)?,
            Body::SubmitSmResp(r)
            | Body::DeliverSmResp(r)
            | Body::DataSmResp(r)
            | Body::BroadcastSmResp(r)
            | Body::QueryBroadcastSmResp(r) => enc_resp(r, st, &mut out)?,
            Body::SubmitMulti(m) => m.encode(&mut out)?,
            Body::SubmitMultiResp(r) => enc_resp(r, st, &mut out)?,
            Body::DataSm(d) => d.encode(&mut out)?,
            Body::QuerySm(q) => q.encode(&mut out)?,
            Body::QuerySmResp(q) => enc_resp(q, st, &mut out)?,
            Body::CancelSm(c) => c.encode(&mut out)?,
            Body::ReplaceSm(r) => r.encode(&mut out)?,
            Body::AlertNotification(a) => a.encode(&mut out)?,
            Body::BroadcastSm(b) => b.encode(&mut out)?,
            Body::QueryBroadcastSm(q) => q.encode(&mut out)?,
            Body::CancelBroadcastSm(c) => c.encode(&mut out)?,
            Body::Unbind
            | Body::UnbindResp
            | Body::GenericNack
            | Body::EnquireLink
            | Body::EnquireLinkResp
            | Body::CancelSmResp
            | Body::ReplaceSmResp
            | Body::CancelBroadcastSmResp => {}
            Body::Raw { body, .. } => out.extend_from_slice(body),
        }
        let len = u32::try_from(out.len()).map_err(|_| EncodeError::FieldTooLong {
            field: "command_length",
            len: out.len(),
            max: u32::MAX as usize,
        })?;
        out[..4].copy_from_slice(&len.to_be_bytes());
        debug_assert!(
            body_len.is_none_or(|n| HEADER_LEN + n == out.len()),
            "body_len {body_len:?} disagrees with the {} body octets written",
            out.len() - HEADER_LEN
        );
        Ok(out)
    }
}

/// Reads TLVs to the end of the body, keeping unknown tags; a TLV whose length runs past the
/// frame is kept with what is there and a warning, because losing the rest would hide it.
/// A known tag whose value has the wrong shape is kept too, with a warning naming it.
pub(crate) fn decode_tlvs(r: &mut Reader<'_>, warnings: &mut Vec<Warning>) -> Vec<Tlv> {
    let mut tlvs = Vec::new();
    while !r.is_empty() {
        let at = r.offset();
        let (Some(tag), Some(len)) = (r.u16(), r.u16()) else {
            warnings.push(Warning::new(at, "tlv", "incomplete TLV header at the end of the PDU was ignored".into()));
            let _ = r.bytes(r.remaining().len());
            break;
        };
        let value = match r.bytes(len as usize) {
            Some(v) => v.to_vec(),
            None => {
                let rest = r.bytes(r.remaining().len()).unwrap_or_default().to_vec();
                warnings.push(Warning::new(
                    at,
                    "tlv",
                    format!("TLV 0x{tag:04X} declares {len} octets but only {} remain", rest.len()),
                ));
                rest
            }
        };
        // One table lookup: the row gives both the shape to check and the name to warn with.
        if let Some(info) = tlv::info(tag)
            && let Err(reason) = info.kind.check(&value)
        {
            warnings.push(Warning::new(at, info.name, format!("TLV {} (0x{tag:04X}): {reason}", info.name)));
        }
        tlvs.push(Tlv { tag, value });
    }
    tlvs
}

/// The number of octets `tlvs` encode to: tag, length and value of each.
pub(crate) fn tlvs_len(tlvs: &[Tlv]) -> usize {
    tlvs.iter().map(|t| 4 + t.value.len()).sum()
}

/// Encodes TLVs in order (strict: known tags must have their spec shape).
pub(crate) fn encode_tlvs(tlvs: &[Tlv], out: &mut Vec<u8>) -> Result<(), EncodeError> {
    tlvs.iter().try_for_each(|t| t.encode(out))
}

#[cfg(test)]
mod tests;
