//! replace_sm: replace the text (and times) of a message still pending delivery.

use super::limits::{ADDR, MESSAGE_ID};
use super::sm::{read_short_message, warn_payload_and_short_message, write_short_message};
use super::{BodyCodec, BodyError, EncodeError, Warning, decode_tlvs, encode_tlvs};
use crate::cstring::{Reader, write_cstring, write_time};
use crate::tlv::Tlv;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReplaceSm {
    pub message_id: String,
    pub source_addr_ton: u8,
    pub source_addr_npi: u8,
    pub source_addr: String,
    pub schedule_delivery_time: String,
    pub validity_period: String,
    pub registered_delivery: u8,
    pub sm_default_msg_id: u8,
    pub short_message: Vec<u8>,
    /// SMPP 5.0 allows message_payload here.
    pub tlvs: Vec<Tlv>,
}

impl BodyCodec for ReplaceSm {
    fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, BodyError> {
        let message_id = r.cstring("message_id", MESSAGE_ID, w);
        let source_addr_ton = r.field_u8("source_addr_ton")?;
        let source_addr_npi = r.field_u8("source_addr_npi")?;
        let source_addr = r.cstring("source_addr", ADDR, w);
        let schedule_delivery_time = r.time("schedule_delivery_time", w);
        let validity_period = r.time("validity_period", w);
        let registered_delivery = r.field_u8("registered_delivery")?;
        let sm_default_msg_id = r.field_u8("sm_default_msg_id")?;
        let sm_at = r.offset();
        let short_message = read_short_message(r, w)?;
        let tlvs = decode_tlvs(r, w);
        warn_payload_and_short_message(&short_message, &tlvs, sm_at, w);
        Ok(Self {
            message_id,
            source_addr_ton,
            source_addr_npi,
            source_addr,
            schedule_delivery_time,
            validity_period,
            registered_delivery,
            sm_default_msg_id,
            short_message,
            tlvs,
        })
    }

    fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_cstring(out, "message_id", &self.message_id, MESSAGE_ID)?;
        out.extend_from_slice(&[self.source_addr_ton, self.source_addr_npi]);
        write_cstring(out, "source_addr", &self.source_addr, ADDR)?;
        write_time(out, "schedule_delivery_time", &self.schedule_delivery_time)?;
        write_time(out, "validity_period", &self.validity_period)?;
        out.extend_from_slice(&[self.registered_delivery, self.sm_default_msg_id]);
        write_short_message(out, &self.short_message)?;
        encode_tlvs(&self.tlvs, out)
    }
}
