//! Optional parameters (TLVs). Every TLV is kept as raw bytes, in wire order, so unknown and
//! vendor tags survive a decode/encode round trip; typed views come from the table
//! ([`info`], [`tlv_name`]) and [`TlvValue`].

mod table;
mod value;

pub use table::{Since, TlvInfo, TlvKind, all, info, is_vendor_range, tag, tlv_name};
pub use value::{NetworkErrorCode, TlvValue};

/// One TLV as carried on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tlv {
    pub tag: u16,
    pub value: Vec<u8>,
}

impl Tlv {
    pub fn new(tag: u16, value: impl Into<Vec<u8>>) -> Self {
        Self { tag, value: value.into() }
    }

    pub fn u8(tag: u16, v: u8) -> Self {
        Self::new(tag, vec![v])
    }

    pub fn u16(tag: u16, v: u16) -> Self {
        Self::new(tag, v.to_be_bytes().to_vec())
    }

    pub fn u32(tag: u16, v: u32) -> Self {
        Self::new(tag, v.to_be_bytes().to_vec())
    }

    /// A C-Octet String value (NUL included, as the spec defines these TLVs).
    pub fn cstring(tag: u16, s: &str) -> Self {
        let mut v = s.as_bytes().to_vec();
        v.push(0);
        Self::new(tag, v)
    }

    /// network_error_code: network type (e.g. 3 = GSM) and error code.
    pub fn network_error_code(network_type: u8, error_code: u16) -> Self {
        Self::new(tag::NETWORK_ERROR_CODE, NetworkErrorCode { network_type, error_code }.to_bytes().to_vec())
    }

    /// A TLV holding a typed value.
    pub fn from_value(tag: u16, value: &TlvValue) -> Self {
        Self::new(tag, value.to_bytes())
    }

    /// The value read as a C-Octet String, tolerating a missing NUL.
    pub fn as_cstring(&self) -> String {
        let end = self.value.iter().position(|&b| b == 0).unwrap_or(self.value.len());
        String::from_utf8_lossy(self.value.get(..end).unwrap_or_default()).into_owned()
    }

    pub fn as_u8(&self) -> Option<u8> {
        match self.value.as_slice() {
            [v] => Some(*v),
            _ => None,
        }
    }

    pub fn as_u16(&self) -> Option<u16> {
        match self.value.as_slice() {
            [a, b] => Some(u16::from_be_bytes([*a, *b])),
            _ => None,
        }
    }

    pub fn as_u32(&self) -> Option<u32> {
        match self.value.as_slice() {
            [a, b, c, d] => Some(u32::from_be_bytes([*a, *b, *c, *d])),
            _ => None,
        }
    }

    /// The tag's name, or None for unknown tags.
    pub fn name(&self) -> Option<&'static str> {
        tlv_name(self.tag)
    }

    /// The name, or `tlv_0x1234` for unknown tags (`vendor_0x1400` in the vendor range).
    pub fn display_name(&self) -> String {
        match self.name() {
            Some(n) => n.to_string(),
            None if is_vendor_range(self.tag) => format!("vendor_0x{:04X}", self.tag),
            None => format!("tlv_0x{:04X}", self.tag),
        }
    }

    /// The value decoded according to the tag's type.
    pub fn typed(&self) -> TlvValue {
        TlvValue::decode(self.tag, &self.value)
    }

    /// Whether the value has the shape the specification gives this tag (always Ok for
    /// unknown tags). The error explains what was expected.
    pub fn check(&self) -> Result<(), String> {
        info(self.tag).map_or(Ok(()), |i| i.kind.check(&self.value))
    }

    /// One line for humans: `message_state (0x0427) = 2 (0x02): DELIVRD: The message was ...`.
    pub fn describe(&self) -> String {
        let v = self.typed();
        let meaning = value::meaning(self.tag, &v).map(|m| format!(": {m}")).unwrap_or_default();
        format!("{} (0x{:04X}) = {}{meaning}", self.display_name(), self.tag, v.describe())
    }

    pub(crate) fn encode(&self, out: &mut Vec<u8>) -> Result<(), crate::EncodeError> {
        let len = u16::try_from(self.value.len())
            .map_err(|_| crate::EncodeError::TlvTooLong { tag: self.tag, len: self.value.len() })?;
        if let Err(reason) = self.check() {
            return Err(crate::EncodeError::InvalidTlv { tag: self.tag, name: self.display_name(), reason });
        }
        out.extend_from_slice(&self.tag.to_be_bytes());
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(&self.value);
        Ok(())
    }
}

/// Finds the first TLV with `tag`.
pub fn find(tlvs: &[Tlv], tag: u16) -> Option<&Tlv> {
    tlvs.iter().find(|t| t.tag == tag)
}

/// The SAR (segmentation and reassembly) TLVs of one part of a concatenated message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sar {
    pub reference: u16,
    pub total_segments: u8,
    pub segment_seqnum: u8,
}

/// Typed accessors over a PDU's TLV list (`sm.tlvs.message_state()`). Each returns None when the
/// TLV is absent or its value has the wrong shape.
pub trait TlvList {
    fn tlv(&self, tag: u16) -> Option<&Tlv>;

    fn get_u8(&self, tag: u16) -> Option<u8> {
        self.tlv(tag).and_then(Tlv::as_u8)
    }
    fn get_u16(&self, tag: u16) -> Option<u16> {
        self.tlv(tag).and_then(Tlv::as_u16)
    }
    fn get_u32(&self, tag: u16) -> Option<u32> {
        self.tlv(tag).and_then(Tlv::as_u32)
    }
    fn get_cstring(&self, tag: u16) -> Option<String> {
        self.tlv(tag).map(Tlv::as_cstring)
    }
    fn receipted_message_id(&self) -> Option<String> {
        self.get_cstring(tag::RECEIPTED_MESSAGE_ID)
    }
    fn message_state(&self) -> Option<u8> {
        self.get_u8(tag::MESSAGE_STATE)
    }
    fn network_error_code(&self) -> Option<NetworkErrorCode> {
        self.tlv(tag::NETWORK_ERROR_CODE).and_then(|t| NetworkErrorCode::from_bytes(&t.value))
    }
    fn sar(&self) -> Option<Sar> {
        Some(Sar {
            reference: self.get_u16(tag::SAR_MSG_REF_NUM)?,
            total_segments: self.get_u8(tag::SAR_TOTAL_SEGMENTS)?,
            segment_seqnum: self.get_u8(tag::SAR_SEGMENT_SEQNUM)?,
        })
    }
    fn message_payload(&self) -> Option<&[u8]> {
        self.tlv(tag::MESSAGE_PAYLOAD).map(|t| t.value.as_slice())
    }
    fn source_port(&self) -> Option<u16> {
        self.get_u16(tag::SOURCE_PORT)
    }
    fn dest_port(&self) -> Option<u16> {
        self.get_u16(tag::DESTINATION_PORT)
    }
    fn user_message_reference(&self) -> Option<u16> {
        self.get_u16(tag::USER_MESSAGE_REFERENCE)
    }
    fn language_indicator(&self) -> Option<u8> {
        self.get_u8(tag::LANGUAGE_INDICATOR)
    }
    fn more_messages_to_send(&self) -> Option<bool> {
        self.get_u8(tag::MORE_MESSAGES_TO_SEND).map(|v| v != 0)
    }
    fn sc_interface_version(&self) -> Option<u8> {
        self.get_u8(tag::SC_INTERFACE_VERSION)
    }
    fn delivery_failure_reason(&self) -> Option<u8> {
        self.get_u8(tag::DELIVERY_FAILURE_REASON)
    }
    fn additional_status_info_text(&self) -> Option<String> {
        self.get_cstring(tag::ADDITIONAL_STATUS_INFO_TEXT)
    }
    fn payload_type(&self) -> Option<u8> {
        self.get_u8(tag::PAYLOAD_TYPE)
    }
    fn ms_availability_status(&self) -> Option<u8> {
        self.get_u8(tag::MS_AVAILABILITY_STATUS)
    }
    fn congestion_state(&self) -> Option<u8> {
        self.get_u8(tag::CONGESTION_STATE)
    }
    /// A text-valued vendor TLV (Telesign's mobile_country_code, mobile_network_code, price).
    fn vendor_text(&self, tag: u16) -> Option<String> {
        self.tlv(tag).map(|t| String::from_utf8_lossy(t.value.strip_suffix(&[0]).unwrap_or(&t.value)).into_owned())
    }
}

impl TlvList for [Tlv] {
    fn tlv(&self, tag: u16) -> Option<&Tlv> {
        find(self, tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors() {
        let tlvs = [
            Tlv::cstring(tag::RECEIPTED_MESSAGE_ID, "abc"),
            Tlv::u8(tag::MESSAGE_STATE, 2),
            Tlv::network_error_code(3, 0x4A2),
            Tlv::u16(tag::SAR_MSG_REF_NUM, 7),
            Tlv::u8(tag::SAR_TOTAL_SEGMENTS, 3),
            Tlv::u8(tag::SAR_SEGMENT_SEQNUM, 1),
            Tlv::new(tag::PRICE, b"0.0075 USD".to_vec()),
            Tlv::new(0x1400, vec![1]),
        ];
        assert_eq!(tlvs.receipted_message_id().as_deref(), Some("abc"));
        assert_eq!(tlvs.message_state(), Some(2));
        assert_eq!(tlvs.network_error_code(), Some(NetworkErrorCode { network_type: 3, error_code: 0x4A2 }));
        assert_eq!(tlvs.sar(), Some(Sar { reference: 7, total_segments: 3, segment_seqnum: 1 }));
        assert_eq!(tlvs.vendor_text(tag::PRICE).as_deref(), Some("0.0075 USD"));
        assert_eq!(tlvs.source_port(), None);
        assert_eq!(tlvs[7].display_name(), "vendor_0x1400");
        assert_eq!(Tlv::new(0x0999, vec![]).display_name(), "tlv_0x0999");
        assert!(tlvs[1].describe().starts_with("message_state (0x0427) = 2 (0x02): DELIVRD"), "{}", tlvs[1].describe());
        assert!(tlvs[2].describe().contains("GSM error 1186"), "{}", tlvs[2].describe());
        assert!(tlvs[6].describe().contains("\"0.0075 USD\""));
    }

    #[test]
    fn encoding_is_strict_about_known_tags() {
        let mut out = Vec::new();
        assert!(Tlv::u8(tag::MESSAGE_STATE, 2).encode(&mut out).is_ok());
        let e = Tlv::new(tag::MESSAGE_STATE, vec![0, 2]).encode(&mut out).unwrap_err();
        assert!(e.to_string().contains("message_state"), "{e}");
        assert!(Tlv::new(tag::RECEIPTED_MESSAGE_ID, b"abc".to_vec()).encode(&mut out).is_err());
        assert!(Tlv::new(0x1400, vec![0; 3]).encode(&mut out).is_ok());
    }
}
