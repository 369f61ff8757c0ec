//! submit_multi: one message to up to 254 destinations (SME addresses or distribution lists).

use super::limits::{ADDR, DL_NAME, NUMBER_OF_DESTS, SERVICE_TYPE};
use super::sm::{read_short_message, warn_payload_and_short_message, write_short_message};
use super::{BodyCodec, BodyError, EncodeError, Warning, decode_tlvs, encode_tlvs};
use crate::cstring::{Reader, write_cstring, write_time};
use crate::status;
use crate::tlv::{self, Tlv};

/// dest_flag 1: an SME address.
pub const DEST_FLAG_SME: u8 = 0x01;
/// dest_flag 2: a distribution list name.
pub const DEST_FLAG_DISTRIBUTION_LIST: u8 = 0x02;

/// One entry of submit_multi's dest_address list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DestAddress {
    /// dest_flag 1: TON, NPI and address (at most 20 characters).
    Sme { dest_addr_ton: u8, dest_addr_npi: u8, destination_addr: String },
    /// dest_flag 2: the name of a distribution list held by the SMSC (at most 20 characters).
    DistributionList(String),
}

impl DestAddress {
    pub fn sme(ton: u8, npi: u8, addr: impl Into<String>) -> Self {
        DestAddress::Sme { dest_addr_ton: ton, dest_addr_npi: npi, destination_addr: addr.into() }
    }
}

/// submit_multi: like submit_sm, with a list of destinations instead of one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SubmitMulti {
    pub service_type: String,
    pub source_addr_ton: u8,
    pub source_addr_npi: u8,
    pub source_addr: String,
    /// 1-254 entries; number_of_dests is derived from it.
    pub dest_addresses: Vec<DestAddress>,
    pub esm_class: u8,
    pub protocol_id: u8,
    pub priority_flag: u8,
    pub schedule_delivery_time: String,
    pub validity_period: String,
    pub registered_delivery: u8,
    pub replace_if_present_flag: u8,
    pub data_coding: u8,
    pub sm_default_msg_id: u8,
    pub short_message: Vec<u8>,
    pub tlvs: Vec<Tlv>,
}

impl SubmitMulti {
    pub fn tlv(&self, tag: u16) -> Option<&Tlv> {
        tlv::find(&self.tlvs, tag)
    }
}

impl BodyCodec for SubmitMulti {
    fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, BodyError> {
        let service_type = r.cstring("service_type", SERVICE_TYPE, w);
        let source_addr_ton = r.field_u8("source_addr_ton")?;
        let source_addr_npi = r.field_u8("source_addr_npi")?;
        let source_addr = r.cstring("source_addr", ADDR, w);
        let n_at = r.offset();
        let number_of_dests = r.field_u8("number_of_dests")?;
        if number_of_dests == 0 || usize::from(number_of_dests) > NUMBER_OF_DESTS {
            w.push(Warning::new(
                n_at,
                "number_of_dests",
                format!("number_of_dests is {number_of_dests}; SMPP 3.4 allows 1-254 (5.0 allows up to 255)"),
            ));
        }
        let mut dest_addresses = Vec::with_capacity(usize::from(number_of_dests).min(r.remaining().len()));
        for _ in 0..number_of_dests {
            let flag_at = r.offset();
            match r.field_u8("dest_flag")? {
                DEST_FLAG_SME => {
                    let dest_addr_ton = r.field_u8("dest_addr_ton")?;
                    let dest_addr_npi = r.field_u8("dest_addr_npi")?;
                    let destination_addr = r.cstring("destination_addr", ADDR, w);
                    dest_addresses.push(DestAddress::Sme { dest_addr_ton, dest_addr_npi, destination_addr });
                }
                DEST_FLAG_DISTRIBUTION_LIST => {
                    dest_addresses.push(DestAddress::DistributionList(r.cstring("dl_name", DL_NAME, w)));
                }
                other => {
                    // The layout of what follows depends on the flag: nothing after it can be read.
                    return Err(BodyError::Invalid {
                        field: "dest_flag",
                        offset: flag_at,
                        reason: format!("dest_flag is {other}; only 1 (SME address) and 2 (distribution list) exist"),
                        status: status::ESME_RINVDESTFLAG,
                    });
                }
            }
        }
        let esm_class = r.field_u8("esm_class")?;
        let protocol_id = r.field_u8("protocol_id")?;
        let priority_flag = r.field_u8("priority_flag")?;
        let schedule_delivery_time = r.time("schedule_delivery_time", w);
        let validity_period = r.time("validity_period", w);
        let registered_delivery = r.field_u8("registered_delivery")?;
        let replace_if_present_flag = r.field_u8("replace_if_present_flag")?;
        let data_coding = r.field_u8("data_coding")?;
        let sm_default_msg_id = r.field_u8("sm_default_msg_id")?;
        let sm_at = r.offset();
        let short_message = read_short_message(r, w)?;
        let tlvs = decode_tlvs(r, w);
        warn_payload_and_short_message(&short_message, &tlvs, sm_at, w);
        Ok(Self {
            service_type,
            source_addr_ton,
            source_addr_npi,
            source_addr,
            dest_addresses,
            esm_class,
            protocol_id,
            priority_flag,
            schedule_delivery_time,
            validity_period,
            registered_delivery,
            replace_if_present_flag,
            data_coding,
            sm_default_msg_id,
            short_message,
            tlvs,
        })
    }

    fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_cstring(out, "service_type", &self.service_type, SERVICE_TYPE)?;
        out.extend_from_slice(&[self.source_addr_ton, self.source_addr_npi]);
        write_cstring(out, "source_addr", &self.source_addr, ADDR)?;
        let n = self.dest_addresses.len();
        if n == 0 || n > NUMBER_OF_DESTS {
            return Err(EncodeError::Count { field: "number_of_dests", count: n, min: 1, max: NUMBER_OF_DESTS });
        }
        out.push(n as u8);
        for d in &self.dest_addresses {
            match d {
                DestAddress::Sme { dest_addr_ton, dest_addr_npi, destination_addr } => {
                    out.extend_from_slice(&[DEST_FLAG_SME, *dest_addr_ton, *dest_addr_npi]);
                    write_cstring(out, "destination_addr", destination_addr, ADDR)?;
                }
                DestAddress::DistributionList(name) => {
                    out.push(DEST_FLAG_DISTRIBUTION_LIST);
                    write_cstring(out, "dl_name", name, DL_NAME)?;
                }
            }
        }
        out.extend_from_slice(&[self.esm_class, self.protocol_id, self.priority_flag]);
        write_time(out, "schedule_delivery_time", &self.schedule_delivery_time)?;
        write_time(out, "validity_period", &self.validity_period)?;
        out.extend_from_slice(&[
            self.registered_delivery,
            self.replace_if_present_flag,
            self.data_coding,
            self.sm_default_msg_id,
        ]);
        write_short_message(out, &self.short_message)?;
        encode_tlvs(&self.tlvs, out)
    }
}
