//! broadcast_sm (SMPP 5.0): a cell broadcast message. The broadcast parameters
//! (broadcast_area_identifier, broadcast_content_type, broadcast_rep_num,
//! broadcast_frequency_interval) are mandatory TLVs; message text goes in message_payload.

use super::limits::{ADDR, MESSAGE_ID, SERVICE_TYPE};
use super::{BodyCodec, BodyError, EncodeError, Warning, decode_tlvs, encode_tlvs};
use crate::cstring::{Reader, write_cstring, write_time};
use crate::tlv::{self, Tlv, tag};

/// TLVs broadcast_sm must carry (SMPP 5.0, broadcast_sm definition).
pub const BROADCAST_SM_MANDATORY_TLVS: [u16; 4] = [
    tag::BROADCAST_AREA_IDENTIFIER,
    tag::BROADCAST_CONTENT_TYPE,
    tag::BROADCAST_REP_NUM,
    tag::BROADCAST_FREQUENCY_INTERVAL,
];

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BroadcastSm {
    pub service_type: String,
    pub source_addr_ton: u8,
    pub source_addr_npi: u8,
    pub source_addr: String,
    /// Empty for a new broadcast; a previous message_id to replace it.
    pub message_id: String,
    pub priority_flag: u8,
    pub schedule_delivery_time: String,
    pub validity_period: String,
    pub replace_if_present_flag: u8,
    pub data_coding: u8,
    pub sm_default_msg_id: u8,
    pub tlvs: Vec<Tlv>,
}

impl BroadcastSm {
    pub fn tlv(&self, tag: u16) -> Option<&Tlv> {
        tlv::find(&self.tlvs, tag)
    }
}

/// Warns about mandatory TLVs that are missing (decoding stays lenient).
pub(super) fn warn_missing_tlvs(tlvs: &[Tlv], required: &[u16], pdu: &str, at: usize, w: &mut Vec<Warning>) {
    for &t in required {
        if tlv::find(tlvs, t).is_none() {
            let name = tlv::tlv_name(t).unwrap_or("tlv");
            w.push(Warning::new(at, name, format!("{pdu} requires the {name} TLV, which is missing")));
        }
    }
}

impl BodyCodec for BroadcastSm {
    fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, BodyError> {
        let service_type = r.cstring("service_type", SERVICE_TYPE, w);
        let source_addr_ton = r.field_u8("source_addr_ton")?;
        let source_addr_npi = r.field_u8("source_addr_npi")?;
        let source_addr = r.cstring("source_addr", ADDR, w);
        let message_id = r.cstring("message_id", MESSAGE_ID, w);
        let priority_flag = r.field_u8("priority_flag")?;
        let schedule_delivery_time = r.time("schedule_delivery_time", w);
        let validity_period = r.time("validity_period", w);
        let replace_if_present_flag = r.field_u8("replace_if_present_flag")?;
        let data_coding = r.field_u8("data_coding")?;
        let sm_default_msg_id = r.field_u8("sm_default_msg_id")?;
        let at = r.offset();
        let tlvs = decode_tlvs(r, w);
        warn_missing_tlvs(&tlvs, &BROADCAST_SM_MANDATORY_TLVS, "broadcast_sm", at, w);
        Ok(Self {
            service_type,
            source_addr_ton,
            source_addr_npi,
            source_addr,
            message_id,
            priority_flag,
            schedule_delivery_time,
            validity_period,
            replace_if_present_flag,
            data_coding,
            sm_default_msg_id,
            tlvs,
        })
    }

    fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_cstring(out, "service_type", &self.service_type, SERVICE_TYPE)?;
        out.extend_from_slice(&[self.source_addr_ton, self.source_addr_npi]);
        write_cstring(out, "source_addr", &self.source_addr, ADDR)?;
        write_cstring(out, "message_id", &self.message_id, MESSAGE_ID)?;
        out.push(self.priority_flag);
        write_time(out, "schedule_delivery_time", &self.schedule_delivery_time)?;
        write_time(out, "validity_period", &self.validity_period)?;
        out.extend_from_slice(&[self.replace_if_present_flag, self.data_coding, self.sm_default_msg_id]);
        encode_tlvs(&self.tlvs, out)
    }
}
