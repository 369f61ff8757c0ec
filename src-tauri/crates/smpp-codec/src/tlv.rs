//! Optional parameters (TLVs). Unknown and vendor tags are kept as raw bytes, in order.

/// One TLV as carried on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tlv {
    pub tag: u16,
    pub value: Vec<u8>,
}

/// Tags the console reads or writes today. The full 3.4/5.0 list lives with the dissector.
pub mod tag {
    pub const SOURCE_PORT: u16 = 0x020A;
    pub const DESTINATION_PORT: u16 = 0x020B;
    pub const SAR_MSG_REF_NUM: u16 = 0x020C;
    pub const SAR_TOTAL_SEGMENTS: u16 = 0x020E;
    pub const SAR_SEGMENT_SEQNUM: u16 = 0x020F;
    pub const SC_INTERFACE_VERSION: u16 = 0x0210;
    pub const USER_MESSAGE_REFERENCE: u16 = 0x0204;
    pub const RECEIPTED_MESSAGE_ID: u16 = 0x001E;
    pub const MESSAGE_STATE: u16 = 0x0427;
    pub const NETWORK_ERROR_CODE: u16 = 0x0423;
    pub const MESSAGE_PAYLOAD: u16 = 0x0424;
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

    /// A C-Octet String value (NUL included, as the spec defines these TLVs).
    pub fn cstring(tag: u16, s: &str) -> Self {
        let mut v = s.as_bytes().to_vec();
        v.push(0);
        Self::new(tag, v)
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

    pub(crate) fn encode(&self, out: &mut Vec<u8>) -> Result<(), crate::EncodeError> {
        let len = u16::try_from(self.value.len())
            .map_err(|_| crate::EncodeError::TlvTooLong { tag: self.tag, len: self.value.len() })?;
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
