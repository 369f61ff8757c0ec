//! The body shared by submit_sm and deliver_sm.

use super::limits::{ADDR, SERVICE_TYPE};
use super::{BodyCodec, BodyError, EncodeError, Warning, decode_tlvs, encode_tlvs};
use crate::cstring::{Reader, write_cstring, write_time};
use crate::tlv::{self, Tlv, tag};

/// esm_class bit 6 (0x40): short_message starts with a User Data Header.
pub const ESM_CLASS_UDHI: u8 = 0x40;
/// esm_class message type bits 2-5 value 0x04: SMSC delivery receipt.
pub const ESM_CLASS_DELIVERY_RECEIPT: u8 = 0x04;
/// registered_delivery bits 0-1 = 01: receipt on final success or failure.
pub const REGISTERED_DELIVERY_FINAL: u8 = 0x01;

/// submit_sm / deliver_sm fields. Limits (octets incl. NUL): service_type 6, addresses 21,
/// times 17 (or empty; valid SMPP times only, see [`crate::time`]); short_message at most 254
/// octets (longer text goes in the message_payload TLV).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ShortMessage {
    pub service_type: String,
    pub source_addr_ton: u8,
    pub source_addr_npi: u8,
    pub source_addr: String,
    pub dest_addr_ton: u8,
    pub dest_addr_npi: u8,
    pub destination_addr: String,
    pub esm_class: u8,
    pub protocol_id: u8,
    pub priority_flag: u8,
    pub schedule_delivery_time: String,
    pub validity_period: String,
    pub registered_delivery: u8,
    pub replace_if_present_flag: u8,
    pub data_coding: u8,
    pub sm_default_msg_id: u8,
    pub short_message: Vec<u8>,
    pub tlvs: Vec<Tlv>,
}

impl ShortMessage {
    /// Whether esm_class marks this deliver_sm as a delivery receipt (message type 0x04;
    /// 5.0 also uses 0x08 for intermediate notifications, which carry receipts too).
    pub fn is_delivery_receipt(&self) -> bool {
        matches!(self.esm_class & 0x3C, 0x04 | 0x08 | 0x20)
    }

    pub fn has_udh(&self) -> bool {
        self.esm_class & ESM_CLASS_UDHI != 0
    }

    pub fn tlv(&self, tag: u16) -> Option<&Tlv> {
        tlv::find(&self.tlvs, tag)
    }

    /// The number of octets this body encodes to (without the 16-octet header), so that
    /// [`super::Pdu::to_bytes`] can size its buffer once. Exact whenever encoding succeeds.
    pub fn encoded_len(&self) -> usize {
        // 5 C-Octet Strings (each with its NUL), 11 one-octet fields, sm_length + short_message.
        let strings = self.service_type.len()
            + self.source_addr.len()
            + self.destination_addr.len()
            + self.schedule_delivery_time.len()
            + self.validity_period.len()
            + 5;
        strings + 11 + 1 + self.short_message.len() + super::tlvs_len(&self.tlvs)
    }
}

/// Reads sm_length and short_message, leniently: a short body keeps what is there.
pub(super) fn read_short_message(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Vec<u8>, BodyError> {
    let len_at = r.offset();
    let sm_length = r.field_u8("sm_length")? as usize;
    if sm_length > super::limits::SHORT_MESSAGE {
        w.push(Warning::new(
            len_at,
            "sm_length",
            format!("sm_length is {sm_length}; SMPP 3.4 allows at most 254 octets (5.0 allows 255)"),
        ));
    }
    Ok(match r.bytes(sm_length) {
        Some(b) => b.to_vec(),
        None => {
            // Some SMSCs get sm_length wrong; keep what is there rather than drop the message.
            let rest = r.bytes(r.remaining().len()).unwrap_or_default().to_vec();
            w.push(Warning::new(
                len_at,
                "sm_length",
                format!("sm_length says {sm_length} octets but only {} remain; took what is there", rest.len()),
            ));
            rest
        }
    })
}

/// Writes sm_length and short_message, refusing more than 254 octets.
pub(super) fn write_short_message(out: &mut Vec<u8>, short_message: &[u8]) -> Result<(), EncodeError> {
    let max = super::limits::SHORT_MESSAGE;
    if short_message.len() > max {
        return Err(EncodeError::FieldTooLong { field: "short_message", len: short_message.len(), max });
    }
    out.push(short_message.len() as u8);
    out.extend_from_slice(short_message);
    Ok(())
}

/// The spec forbids short_message and message_payload together; say so when both are used.
pub(super) fn warn_payload_and_short_message(short_message: &[u8], tlvs: &[Tlv], at: usize, w: &mut Vec<Warning>) {
    if !short_message.is_empty() && tlv::find(tlvs, tag::MESSAGE_PAYLOAD).is_some() {
        w.push(Warning::new(
            at,
            "short_message",
            "both short_message and the message_payload TLV are set; the spec allows only one \
             (most SMSCs use message_payload)"
                .into(),
        ));
    }
}

impl BodyCodec for ShortMessage {
    fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, BodyError> {
        let service_type = r.cstring("service_type", SERVICE_TYPE, w);
        let source_addr_ton = r.field_u8("source_addr_ton")?;
        let source_addr_npi = r.field_u8("source_addr_npi")?;
        let source_addr = r.cstring("source_addr", ADDR, w);
        let dest_addr_ton = r.field_u8("dest_addr_ton")?;
        let dest_addr_npi = r.field_u8("dest_addr_npi")?;
        let destination_addr = r.cstring("destination_addr", ADDR, w);
        let esm_class = r.field_u8("esm_class")?;
        let protocol_id = r.field_u8("protocol_id")?;
        let priority_flag = r.field_u8("priority_flag")?;
        let schedule_delivery_time = r.time("schedule_delivery_time", w);
        let validity_period = r.time("validity_period", w);
        let registered_delivery = r.field_u8("registered_delivery")?;
        let replace_if_present_flag = r.field_u8("replace_if_present_flag")?;
        let data_coding = r.field_u8("data_coding")?;
        let sm_default_msg_id = r.field_u8("sm_default_msg_id")?;
        let sm_at = r.offset();
        let short_message = read_short_message(r, w)?;
        let tlvs = decode_tlvs(r, w);
        warn_payload_and_short_message(&short_message, &tlvs, sm_at, w);
        Ok(Self {
            service_type,
            source_addr_ton,
            source_addr_npi,
            source_addr,
            dest_addr_ton,
            dest_addr_npi,
            destination_addr,
            esm_class,
            protocol_id,
            priority_flag,
            schedule_delivery_time,
            validity_period,
            registered_delivery,
            replace_if_present_flag,
            data_coding,
            sm_default_msg_id,
            short_message,
            tlvs,
        })
    }

    fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_cstring(out, "service_type", &self.service_type, SERVICE_TYPE)?;
        out.extend_from_slice(&[self.source_addr_ton, self.source_addr_npi]);
        write_cstring(out, "source_addr", &self.source_addr, ADDR)?;
        out.extend_from_slice(&[self.dest_addr_ton, self.dest_addr_npi]);
        write_cstring(out, "destination_addr", &self.destination_addr, ADDR)?;
        out.extend_from_slice(&[self.esm_class, self.protocol_id, self.priority_flag]);
        write_time(out, "schedule_delivery_time", &self.schedule_delivery_time)?;
        write_time(out, "validity_period", &self.validity_period)?;
        out.extend_from_slice(&[
            self.registered_delivery,
            self.replace_if_present_flag,
            self.data_coding,
            self.sm_default_msg_id,
        ]);
        write_short_message(out, &self.short_message)?;
        encode_tlvs(&self.tlvs, out)
    }
}
