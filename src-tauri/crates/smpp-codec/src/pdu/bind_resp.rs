//! bind_transmitter_resp / bind_receiver_resp / bind_transceiver_resp.

use super::limits::SYSTEM_ID;
use super::{BodyCodec, BodyError, EncodeError, Warning, decode_tlvs, encode_tlvs};
use crate::cstring::{Reader, write_cstring};
use crate::tlv::Tlv;

/// A bind response: the SMSC's system_id and optionally sc_interface_version.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BindResp {
    pub system_id: String,
    pub tlvs: Vec<Tlv>,
}

impl BindResp {
    /// A response carrying the SMSC's system_id.
    pub fn new(system_id: impl Into<String>) -> Self {
        Self { system_id: system_id.into(), tlvs: Vec::new() }
    }
}

// Error responses often carry no body at all; that decodes to the default (empty system_id).
impl BodyCodec for BindResp {
    fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, BodyError> {
        let system_id = r.cstring("system_id", SYSTEM_ID, w);
        let tlvs = decode_tlvs(r, w);
        Ok(Self { system_id, tlvs })
    }

    fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_cstring(out, "system_id", &self.system_id, SYSTEM_ID)?;
        encode_tlvs(&self.tlvs, out)
    }
}
