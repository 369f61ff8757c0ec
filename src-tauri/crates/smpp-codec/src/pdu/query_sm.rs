//! query_sm: ask the state of a message by its message_id (and original source address).

use super::limits::{ADDR, MESSAGE_ID};
use super::{BodyCodec, BodyError, EncodeError, Warning};
use crate::cstring::{Reader, write_cstring};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuerySm {
    pub message_id: String,
    pub source_addr_ton: u8,
    pub source_addr_npi: u8,
    pub source_addr: String,
}

impl BodyCodec for QuerySm {
    fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, BodyError> {
        Ok(Self {
            message_id: r.cstring("message_id", MESSAGE_ID, w),
            source_addr_ton: r.field_u8("source_addr_ton")?,
            source_addr_npi: r.field_u8("source_addr_npi")?,
            source_addr: r.cstring("source_addr", ADDR, w),
        })
    }

    fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_cstring(out, "message_id", &self.message_id, MESSAGE_ID)?;
        out.extend_from_slice(&[self.source_addr_ton, self.source_addr_npi]);
        write_cstring(out, "source_addr", &self.source_addr, ADDR)
    }
}
