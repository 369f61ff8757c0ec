//! submit_multi_resp: the message_id and the destinations the SMSC did not accept.

use super::limits::{ADDR, MESSAGE_ID, NUMBER_OF_DESTS};
use super::{BodyCodec, BodyError, EncodeError, Warning, decode_tlvs, encode_tlvs};
use crate::cstring::{Reader, write_cstring};
use crate::tlv::Tlv;

/// One destination the SMSC refused, with the reason (a command_status value).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnsuccessSme {
    pub dest_addr_ton: u8,
    pub dest_addr_npi: u8,
    pub destination_addr: String,
    pub error_status_code: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SubmitMultiResp {
    pub message_id: String,
    /// no_unsuccess is derived from it (0-254 entries).
    pub unsuccess_sme: Vec<UnsuccessSme>,
    /// SMPP 5.0 allows TLVs here (e.g. additional_status_info_text).
    pub tlvs: Vec<Tlv>,
}

impl BodyCodec for SubmitMultiResp {
    fn decode(r: &mut Reader<'_>, w: &mut Vec<Warning>) -> Result<Self, BodyError> {
        let message_id = r.cstring("message_id", MESSAGE_ID, w);
        let at = r.offset();
        let Some(no_unsuccess) = r.u8() else {
            w.push(Warning::new(at, "no_unsuccess", "no_unsuccess is missing; read as 0".into()));
            return Ok(Self { message_id, unsuccess_sme: Vec::new(), tlvs: Vec::new() });
        };
        let mut unsuccess_sme = Vec::with_capacity(usize::from(no_unsuccess).min(r.remaining().len()));
        for _ in 0..no_unsuccess {
            let dest_addr_ton = r.field_u8("dest_addr_ton")?;
            let dest_addr_npi = r.field_u8("dest_addr_npi")?;
            let destination_addr = r.cstring("destination_addr", ADDR, w);
            let error_status_code = r.field_u32("error_status_code")?;
            unsuccess_sme.push(UnsuccessSme { dest_addr_ton, dest_addr_npi, destination_addr, error_status_code });
        }
        let tlvs = decode_tlvs(r, w);
        Ok(Self { message_id, unsuccess_sme, tlvs })
    }

    fn encode(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        write_cstring(out, "message_id", &self.message_id, MESSAGE_ID)?;
        let n = self.unsuccess_sme.len();
        if n > NUMBER_OF_DESTS {
            return Err(EncodeError::Count { field: "no_unsuccess", count: n, min: 0, max: NUMBER_OF_DESTS });
        }
        out.push(n as u8);
        for u in &self.unsuccess_sme {
            out.extend_from_slice(&[u.dest_addr_ton, u.dest_addr_npi]);
            write_cstring(out, "destination_addr", &u.destination_addr, ADDR)?;
            out.extend_from_slice(&u.error_status_code.to_be_bytes());
        }
        encode_tlvs(&self.tlvs, out)
    }
}
