//! The response body of submit_sm, deliver_sm, data_sm and broadcast_sm (and of
//! query_broadcast_sm, whose state travels in TLVs): a message_id and TLVs.
//! message_id is empty in deliver_sm_resp.

use super::limits::MESSAGE_ID;
use super::{BodyCodec, BodyError, EncodeError, Warning, decode_tlvs, encode_tlvs};
use crate::cstring::{Reader, write_cstring};
use crate::tlv::Tlv;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SmResp {
    /// At most 64 octets (65 with the NUL). SMSCs that send longer IDs are decoded anyway.
    pub message_id: String,
    /// SMPP 5.0 allows TLVs here (e.g. additional_status_info_text).
    pub tlvs: Vec<Tlv>,
}

impl SmResp {
    pub fn new(message_id: impl Into<String>) -> Self {
        Self { message_id: message_id.into(), tlvs: Vec::new() }
    }
}

impl BodyCodec for SmResp {
    fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, BodyError> {
        let message_id = r.cstring("message_id", MESSAGE_ID, w);
        let tlvs = decode_tlvs(r, w);
        Ok(Self { message_id, tlvs })
    }

    fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_cstring(out, "message_id", &self.message_id, MESSAGE_ID)?;
        encode_tlvs(&self.tlvs, out)
    }
}
