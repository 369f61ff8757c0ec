//! The body shared by submit_sm and deliver_sm.

use super::{EncodeError, Warning, decode_tlvs};
use crate::cstring::{Reader, write_cstring};
use crate::tlv::{self, Tlv};

/// esm_class bit 6 (0x40): short_message starts with a User Data Header.
pub const ESM_CLASS_UDHI: u8 = 0x40;
/// esm_class message type bits 2-5 value 0x04: SMSC delivery receipt.
pub const ESM_CLASS_DELIVERY_RECEIPT: u8 = 0x04;
/// registered_delivery bits 0-1 = 01: receipt on final success or failure.
pub const REGISTERED_DELIVERY_FINAL: u8 = 0x01;

/// submit_sm / deliver_sm fields. Limits (octets incl. NUL): service_type 6, addresses 21,
/// times 17; short_message at most 254 octets (longer text goes in message_payload).
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

    pub(super) fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, (&'static str, usize)> {
        let service_type = r.cstring("service_type", 6, w);
        let source_addr_ton = r.u8().ok_or(("source_addr_ton", r.offset()))?;
        let source_addr_npi = r.u8().ok_or(("source_addr_npi", r.offset()))?;
        let source_addr = r.cstring("source_addr", 21, w);
        let dest_addr_ton = r.u8().ok_or(("dest_addr_ton", r.offset()))?;
        let dest_addr_npi = r.u8().ok_or(("dest_addr_npi", r.offset()))?;
        let destination_addr = r.cstring("destination_addr", 21, w);
        let esm_class = r.u8().ok_or(("esm_class", r.offset()))?;
        let protocol_id = r.u8().ok_or(("protocol_id", r.offset()))?;
        let priority_flag = r.u8().ok_or(("priority_flag", r.offset()))?;
        let schedule_delivery_time = r.cstring("schedule_delivery_time", 17, w);
        let validity_period = r.cstring("validity_period", 17, w);
        let registered_delivery = r.u8().ok_or(("registered_delivery", r.offset()))?;
        let replace_if_present_flag = r.u8().ok_or(("replace_if_present_flag", r.offset()))?;
        let data_coding = r.u8().ok_or(("data_coding", r.offset()))?;
        let sm_default_msg_id = r.u8().ok_or(("sm_default_msg_id", r.offset()))?;
        let len_at = r.offset();
        let sm_length = r.u8().ok_or(("sm_length", len_at))? as usize;
        let short_message = match r.bytes(sm_length) {
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
        };
        let tlvs = decode_tlvs(r, w);
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

    pub(super) fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_cstring(out, "service_type", &self.service_type, 6)?;
        out.extend_from_slice(&[self.source_addr_ton, self.source_addr_npi]);
        write_cstring(out, "source_addr", &self.source_addr, 21)?;
        out.extend_from_slice(&[self.dest_addr_ton, self.dest_addr_npi]);
        write_cstring(out, "destination_addr", &self.destination_addr, 21)?;
        out.extend_from_slice(&[self.esm_class, self.protocol_id, self.priority_flag]);
        write_cstring(out, "schedule_delivery_time", &self.schedule_delivery_time, 17)?;
        write_cstring(out, "validity_period", &self.validity_period, 17)?;
        out.extend_from_slice(&[
            self.registered_delivery,
            self.replace_if_present_flag,
            self.data_coding,
            self.sm_default_msg_id,
        ]);
        let sm_length = u8::try_from(self.short_message.len())
            .ok()
            .filter(|&l| l <= 254)
            .ok_or(EncodeError::FieldTooLong { field: "short_message", len: self.short_message.len(), max: 254 })?;
        out.push(sm_length);
        out.extend_from_slice(&self.short_message);
        for t in &self.tlvs {
            t.encode(out)?;
        }
        Ok(())
    }
}
