//! data_sm: a message whose user data travels in TLVs (message_payload), for WAP and similar.
//! Its addresses may be up to 64 characters (65 with the NUL), unlike submit_sm's 20.

use super::limits::{ADDR_65, SERVICE_TYPE};
use super::{BodyCodec, BodyError, EncodeError, Warning, decode_tlvs, encode_tlvs};
use crate::cstring::{Reader, write_cstring};
use crate::tlv::{self, Tlv};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DataSm {
    pub service_type: String,
    pub source_addr_ton: u8,
    pub source_addr_npi: u8,
    pub source_addr: String,
    pub dest_addr_ton: u8,
    pub dest_addr_npi: u8,
    pub destination_addr: String,
    pub esm_class: u8,
    pub registered_delivery: u8,
    pub data_coding: u8,
    pub tlvs: Vec<Tlv>,
}

impl DataSm {
    pub fn tlv(&self, tag: u16) -> Option<&Tlv> {
        tlv::find(&self.tlvs, tag)
    }
}

impl BodyCodec for DataSm {
    fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, BodyError> {
        Ok(Self {
            service_type: r.cstring("service_type", SERVICE_TYPE, w),
            source_addr_ton: r.field_u8("source_addr_ton")?,
            source_addr_npi: r.field_u8("source_addr_npi")?,
            source_addr: r.cstring("source_addr", ADDR_65, w),
            dest_addr_ton: r.field_u8("dest_addr_ton")?,
            dest_addr_npi: r.field_u8("dest_addr_npi")?,
            destination_addr: r.cstring("destination_addr", ADDR_65, w),
            esm_class: r.field_u8("esm_class")?,
            registered_delivery: r.field_u8("registered_delivery")?,
            data_coding: r.field_u8("data_coding")?,
            tlvs: decode_tlvs(r, w),
        })
    }

    fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_cstring(out, "service_type", &self.service_type, SERVICE_TYPE)?;
        out.extend_from_slice(&[self.source_addr_ton, self.source_addr_npi]);
        write_cstring(out, "source_addr", &self.source_addr, ADDR_65)?;
        out.extend_from_slice(&[self.dest_addr_ton, self.dest_addr_npi]);
        write_cstring(out, "destination_addr", &self.destination_addr, ADDR_65)?;
        out.extend_from_slice(&[self.esm_class, self.registered_delivery, self.data_coding]);
        encode_tlvs(&self.tlvs, out)
    }
}
