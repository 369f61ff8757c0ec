//! PDUs: the header plus a typed body. Decoding is per frame and lenient; encoding is strict.

mod bind;
mod mask;
mod sm;
mod sm_resp;

pub use bind::{Bind, BindKind, BindResp};
pub use mask::mask_password;
pub use sm::{ESM_CLASS_DELIVERY_RECEIPT, ESM_CLASS_UDHI, REGISTERED_DELIVERY_FINAL, ShortMessage};
pub use sm_resp::SmResp;

use crate::command::CommandId;
use crate::cstring::Reader;
use crate::frame::HEADER_LEN;
use crate::status;
use crate::tlv::Tlv;

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

/// The body of each command. Commands the console does not model yet keep their raw body so
/// they can still be logged, dissected and answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Bind(Bind),
    BindResp(BindKind, BindResp),
    Unbind,
    UnbindResp,
    GenericNack,
    EnquireLink,
    EnquireLinkResp,
    SubmitSm(Box<ShortMessage>),
    SubmitSmResp(SmResp),
    DeliverSm(Box<ShortMessage>),
    DeliverSmResp(SmResp),
    /// Any other command_id (known to the spec or not), body kept verbatim.
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
            Body::Unbind => CommandId::UNBIND,
            Body::UnbindResp => CommandId::UNBIND_RESP,
            Body::GenericNack => CommandId::GENERIC_NACK,
            Body::EnquireLink => CommandId::ENQUIRE_LINK,
            Body::EnquireLinkResp => CommandId::ENQUIRE_LINK_RESP,
            Body::SubmitSm(_) => CommandId::SUBMIT_SM,
            Body::SubmitSmResp(_) => CommandId::SUBMIT_SM_RESP,
            Body::DeliverSm(_) => CommandId::DELIVER_SM,
            Body::DeliverSmResp(_) => CommandId::DELIVER_SM_RESP,
            Body::Raw { command_id, .. } => *command_id,
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
}

impl DecodeError {
    /// The header, when it could be read.
    pub fn header(&self) -> Option<Header> {
        match self {
            DecodeError::TruncatedHeader(_) => None,
            DecodeError::LengthMismatch { header, .. } | DecodeError::Truncated { header, .. } => Some(*header),
        }
    }

    /// The command_status a generic_nack (or response) should carry for this error.
    pub fn nack_status(&self) -> u32 {
        match self {
            DecodeError::TruncatedHeader(_) | DecodeError::LengthMismatch { .. } => status::ESME_RINVCMDLEN,
            DecodeError::Truncated { .. } => status::ESME_RINVMSGLEN,
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
        let truncated = |field: &'static str, offset: usize| DecodeError::Truncated {
            header,
            command: header.command_id,
            field,
            offset,
        };
        let id = header.command_id;
        let body = match id {
            CommandId::BIND_RECEIVER | CommandId::BIND_TRANSMITTER | CommandId::BIND_TRANSCEIVER => {
                let kind = BindKind::from_command(id).ok_or(truncated("command_id", 4))?;
                Body::Bind(Bind::decode(kind, &mut r, &mut warnings).map_err(|(f, o)| truncated(f, o))?)
            }
            CommandId::BIND_RECEIVER_RESP | CommandId::BIND_TRANSMITTER_RESP | CommandId::BIND_TRANSCEIVER_RESP => {
                let kind = BindKind::from_command(CommandId(id.0 & 0x7FFF_FFFF)).ok_or(truncated("command_id", 4))?;
                Body::BindResp(kind, BindResp::decode(&mut r, &mut warnings))
            }
            CommandId::SUBMIT_SM => {
                Body::SubmitSm(Box::new(ShortMessage::decode(&mut r, &mut warnings).map_err(|(f, o)| truncated(f, o))?))
            }
            CommandId::DELIVER_SM => Body::DeliverSm(Box::new(
                ShortMessage::decode(&mut r, &mut warnings).map_err(|(f, o)| truncated(f, o))?,
            )),
            CommandId::SUBMIT_SM_RESP => Body::SubmitSmResp(SmResp::decode(&mut r, &mut warnings)),
            CommandId::DELIVER_SM_RESP => Body::DeliverSmResp(SmResp::decode(&mut r, &mut warnings)),
            CommandId::UNBIND => Body::Unbind,
            CommandId::UNBIND_RESP => Body::UnbindResp,
            CommandId::GENERIC_NACK => Body::GenericNack,
            CommandId::ENQUIRE_LINK => Body::EnquireLink,
            CommandId::ENQUIRE_LINK_RESP => Body::EnquireLinkResp,
            other => Body::Raw { command_id: other, body: r.bytes(r.remaining().len()).unwrap_or_default().to_vec() },
        };
        if !r.is_empty() {
            warnings.push(Warning::new(
                r.offset(),
                "body",
                format!("{} unexpected trailing octets after the {} body were ignored", r.remaining().len(), id),
            ));
        }
        Ok(Decoded {
            pdu: Pdu { command_status: header.command_status, sequence_number: header.sequence_number, body },
            warnings,
        })
    }

    /// Encodes strictly: a field that breaks the spec is an error, never silently cut.
    pub fn to_bytes(&self) -> Result<Vec<u8>, EncodeError> {
        let mut out = Vec::with_capacity(64);
        out.extend_from_slice(&[0; 4]);
        out.extend_from_slice(&self.command_id().0.to_be_bytes());
        out.extend_from_slice(&self.command_status.to_be_bytes());
        out.extend_from_slice(&self.sequence_number.to_be_bytes());
        match &self.body {
            Body::Bind(b) => b.encode(&mut out)?,
            Body::BindResp(_, b) => b.encode(&mut out)?,
            Body::SubmitSm(sm) | Body::DeliverSm(sm) => sm.encode(&mut out)?,
            Body::SubmitSmResp(r) | Body::DeliverSmResp(r) => {
                // The spec lets an error response omit the body; we always send it on success.
                if self.command_status == status::ESME_ROK || !r.message_id.is_empty() || !r.tlvs.is_empty() {
                    r.encode(&mut out)?;
                }
            }
            Body::Unbind | Body::UnbindResp | Body::GenericNack | Body::EnquireLink | Body::EnquireLinkResp => {}
            Body::Raw { body, .. } => out.extend_from_slice(body),
        }
        let len = u32::try_from(out.len()).map_err(|_| EncodeError::FieldTooLong {
            field: "command_length",
            len: out.len(),
            max: u32::MAX as usize,
        })?;
        out[..4].copy_from_slice(&len.to_be_bytes());
        Ok(out)
    }
}

/// Reads TLVs to the end of the body, keeping unknown tags; a TLV whose length runs past the
/// frame is kept with what is there and a warning, because losing the rest would hide it.
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
        tlvs.push(Tlv { tag, value });
    }
    tlvs
}

#[cfg(test)]
mod tests;
