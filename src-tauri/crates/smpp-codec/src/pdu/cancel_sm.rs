//! cancel_sm: cancel one message (by message_id) or all pending messages between two addresses.

use super::limits::{ADDR, MESSAGE_ID, SERVICE_TYPE};
use super::{BodyCodec, BodyError, EncodeError, Warning};
use crate::cstring::{Reader, write_cstring};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CancelSm {
    pub service_type: String,
    /// Empty to cancel every pending message matching the addresses (and service_type).
    pub message_id: String,
    pub source_addr_ton: u8,
    pub source_addr_npi: u8,
    pub source_addr: String,
    pub dest_addr_ton: u8,
    pub dest_addr_npi: u8,
    pub destination_addr: String,
}

impl BodyCodec for CancelSm {
    fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, BodyError> {
        Ok(Self {
            service_type: r.cstring("service_type", SERVICE_TYPE, w),
            message_id: r.cstring("message_id", MESSAGE_ID, w),
            source_addr_ton: r.field_u8("source_addr_ton")?,
            source_addr_npi: r.field_u8("source_addr_npi")?,
            source_addr: r.cstring("source_addr", ADDR, w),
            dest_addr_ton: r.field_u8("dest_addr_ton")?,
            dest_addr_npi: r.field_u8("dest_addr_npi")?,
            destination_addr: r.cstring("destination_addr", ADDR, w),
        })
    }

    fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_cstring(out, "service_type", &self.service_type, SERVICE_TYPE)?;
        write_cstring(out, "message_id", &self.message_id, MESSAGE_ID)?;
        out.extend_from_slice(&[self.source_addr_ton, self.source_addr_npi]);
        write_cstring(out, "source_addr", &self.source_addr, ADDR)?;
        out.extend_from_slice(&[self.dest_addr_ton, self.dest_addr_npi]);
        write_cstring(out, "destination_addr", &self.destination_addr, ADDR)
    }
}
