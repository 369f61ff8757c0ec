//! alert_notification: the SMSC tells the ESME that a mobile became reachable (after set_dpf).
//! It has no response PDU.

use super::limits::ADDR_65;
use super::{BodyCodec, BodyError, EncodeError, Warning, decode_tlvs, encode_tlvs};
use crate::cstring::{Reader, write_cstring};
use crate::tlv::Tlv;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AlertNotification {
    pub source_addr_ton: u8,
    pub source_addr_npi: u8,
    /// The mobile that became available (at most 64 characters).
    pub source_addr: String,
    pub esme_addr_ton: u8,
    pub esme_addr_npi: u8,
    /// The ESME address the alert is for (at most 64 characters).
    pub esme_addr: String,
    /// ms_availability_status, if present.
    pub tlvs: Vec<Tlv>,
}

impl BodyCodec for AlertNotification {
    fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, BodyError> {
        Ok(Self {
            source_addr_ton: r.field_u8("source_addr_ton")?,
            source_addr_npi: r.field_u8("source_addr_npi")?,
            source_addr: r.cstring("source_addr", ADDR_65, w),
            esme_addr_ton: r.field_u8("esme_addr_ton")?,
            esme_addr_npi: r.field_u8("esme_addr_npi")?,
            esme_addr: r.cstring("esme_addr", ADDR_65, w),
            tlvs: decode_tlvs(r, w),
        })
    }

    fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        out.extend_from_slice(&[self.source_addr_ton, self.source_addr_npi]);
        write_cstring(out, "source_addr", &self.source_addr, ADDR_65)?;
        out.extend_from_slice(&[self.esme_addr_ton, self.esme_addr_npi]);
        write_cstring(out, "esme_addr", &self.esme_addr, ADDR_65)?;
        encode_tlvs(&self.tlvs, out)
    }
}
