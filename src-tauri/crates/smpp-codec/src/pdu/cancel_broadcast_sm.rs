//! cancel_broadcast_sm (SMPP 5.0): cancel a pending broadcast.

use super::limits::{ADDR, MESSAGE_ID, SERVICE_TYPE};
use super::{BodyCodec, BodyError, EncodeError, Warning, decode_tlvs, encode_tlvs};
use crate::cstring::{Reader, write_cstring};
use crate::tlv::Tlv;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CancelBroadcastSm {
    pub service_type: String,
    pub message_id: String,
    pub source_addr_ton: u8,
    pub source_addr_npi: u8,
    pub source_addr: String,
    /// broadcast_content_type and user_message_reference, if present.
    pub tlvs: Vec<Tlv>,
}

impl BodyCodec for CancelBroadcastSm {
    fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, BodyError> {
        Ok(Self {
            service_type: r.cstring("service_type", SERVICE_TYPE, w),
            message_id: r.cstring("message_id", MESSAGE_ID, w),
            source_addr_ton: r.field_u8("source_addr_ton")?,
            source_addr_npi: r.field_u8("source_addr_npi")?,
            source_addr: r.cstring("source_addr", ADDR, w),
            tlvs: decode_tlvs(r, w),
        })
    }

    fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_cstring(out, "service_type", &self.service_type, SERVICE_TYPE)?;
        write_cstring(out, "message_id", &self.message_id, MESSAGE_ID)?;
        out.extend_from_slice(&[self.source_addr_ton, self.source_addr_npi]);
        write_cstring(out, "source_addr", &self.source_addr, ADDR)?;
        encode_tlvs(&self.tlvs, out)
    }
}
