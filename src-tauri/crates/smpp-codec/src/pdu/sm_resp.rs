//! submit_sm_resp and deliver_sm_resp: a message_id (empty in deliver_sm_resp).

use super::{EncodeError, Warning, decode_tlvs};
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

    pub(super) fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Self {
        let message_id = r.cstring("message_id", 65, w);
        let tlvs = decode_tlvs(r, w);
        Self { message_id, tlvs }
    }

    pub(super) fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_cstring(out, "message_id", &self.message_id, 65)?;
        for t in &self.tlvs {
            t.encode(out)?;
        }
        Ok(())
    }
}
