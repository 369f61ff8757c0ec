//! SMPP C-Octet Strings: NUL-terminated, with a maximum size that includes the NUL.

use crate::pdu::{BodyError, EncodeError, Warning};

/// A cursor over one frame's body. Reads never go past the frame, and never panic.
#[derive(Debug)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    /// Offset of `buf[0]` within the whole PDU, so warnings can name real offsets.
    base: usize,
}

impl<'a> Reader<'a> {
    pub fn new(buf: &'a [u8], base: usize) -> Self {
        Self { buf, pos: 0, base }
    }

    /// Offset within the PDU of the next byte to read.
    pub fn offset(&self) -> usize {
        self.base + self.pos
    }

    pub fn remaining(&self) -> &'a [u8] {
        self.buf.get(self.pos..).unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.pos >= self.buf.len()
    }

    pub fn u8(&mut self) -> Option<u8> {
        let v = *self.buf.get(self.pos)?;
        self.pos += 1;
        Some(v)
    }

    pub fn u16(&mut self) -> Option<u16> {
        let b = self.buf.get(self.pos..self.pos + 2)?;
        self.pos += 2;
        Some(u16::from_be_bytes([b[0], b[1]]))
    }

    pub fn u32(&mut self) -> Option<u32> {
        let b = self.buf.get(self.pos..self.pos + 4)?;
        self.pos += 4;
        Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let b = self.buf.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(b)
    }

    /// Reads a C-Octet String of at most `max` octets including the NUL.
    ///
    /// Lenient on purpose: SMSCs send strings without the NUL at the end of the body and IDs
    /// longer than the spec allows. Both decode, with a warning naming the field.
    pub fn cstring(&mut self, field: &'static str, max: usize, warnings: &mut Vec<Warning>) -> String {
        let start = self.offset();
        let rest = self.remaining();
        // One pass finds the NUL and whether the string is printable ASCII, the common case,
        // which needs no warning.
        let mut nul = None;
        let mut printable = true;
        for (index, &b) in rest.iter().enumerate() {
            if b == 0 {
                nul = Some(index);
                break;
            }
            printable &= b == b' ' || b.is_ascii_graphic();
        }
        let (raw, consumed) = match nul {
            Some(nul) => (&rest[..nul], nul + 1),
            None => {
                warnings.push(Warning::new(
                    start,
                    field,
                    if rest.is_empty() {
                        format!("{field} is missing: the PDU ends before it (read as empty)")
                    } else {
                        format!("{field} has no terminating NUL; read to the end of the PDU")
                    },
                ));
                (rest, rest.len())
            }
        };
        self.pos += consumed;
        if raw.len() + 1 > max {
            warnings.push(Warning::new(
                start,
                field,
                format!("{field} is {} octets; the spec allows at most {}", raw.len(), max - 1),
            ));
        }
        if !printable {
            if !raw.is_ascii() {
                warnings.push(Warning::new(start, field, format!("{field} contains non-ASCII octets")));
            } else if raw.iter().any(|b| b.is_ascii_control()) {
                warnings.push(Warning::new(start, field, format!("{field} contains control characters")));
            }
        }
        if raw.is_empty() {
            // Most optional fields (service_type, the times): nothing to convert or allocate.
            return String::new();
        }
        // Valid UTF-8 (nearly always plain ASCII) is copied as is; only the rest pays for the
        // lossy conversion's chunking.
        match std::str::from_utf8(raw) {
            Ok(s) => s.to_owned(),
            Err(_) => String::from_utf8_lossy(raw).into_owned(),
        }
    }
}

impl Reader<'_> {
    /// A mandatory 1-octet field; running out of body is an error naming the field.
    pub(crate) fn field_u8(&mut self, field: &'static str) -> Result<u8, BodyError> {
        let at = self.offset();
        self.u8().ok_or(BodyError::Truncated(field, at))
    }

    /// A mandatory 4-octet field.
    pub(crate) fn field_u32(&mut self, field: &'static str) -> Result<u32, BodyError> {
        let at = self.offset();
        self.u32().ok_or(BodyError::Truncated(field, at))
    }

    /// A time field (schedule_delivery_time, validity_period, final_date): a C-Octet String of
    /// 17 octets or empty. A value that is not a valid SMPP time decodes with a warning that
    /// points at the offending character.
    pub fn time(&mut self, field: &'static str, warnings: &mut Vec<Warning>) -> String {
        let start = self.offset();
        let s = self.cstring(field, 17, warnings);
        if let Err(e) = crate::time::parse_optional(&s) {
            warnings.push(Warning::new(start + e.position(), field, format!("{field} {s:?} is not an SMPP time: {e}")));
        }
        s
    }
}

/// Writes a time field: empty, or a valid 16-character SMPP time (strict).
pub fn write_time(out: &mut Vec<u8>, field: &'static str, s: &str) -> Result<(), EncodeError> {
    if let Err(e) = crate::time::parse_optional(s) {
        return Err(EncodeError::InvalidField { field, reason: format!("{s:?} is not an SMPP time: {e}") });
    }
    write_cstring(out, field, s, 17)
}

/// Writes `s` as a C-Octet String, refusing values longer than the spec's maximum (strict
/// encoding: what we send always follows the spec).
pub fn write_cstring(out: &mut Vec<u8>, field: &'static str, s: &str, max: usize) -> Result<(), EncodeError> {
    if s.len() + 1 > max {
        return Err(EncodeError::FieldTooLong { field, len: s.len(), max: max - 1 });
    }
    if s.as_bytes().contains(&0) {
        return Err(EncodeError::NulInString { field });
    }
    out.extend_from_slice(s.as_bytes());
    out.push(0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_terminated_and_unterminated_strings() {
        let mut w = Vec::new();
        let mut r = Reader::new(b"abc\0de", 16);
        assert_eq!(r.cstring("a", 16, &mut w), "abc");
        assert!(w.is_empty());
        assert_eq!(r.cstring("b", 16, &mut w), "de");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].offset, 20);
        assert!(r.is_empty());
        // Past the end: empty string, no panic.
        assert_eq!(r.cstring("c", 16, &mut w), "");
    }

    #[test]
    fn odd_octets_decode_with_a_warning() {
        let cases: &[(&[u8], &str, Option<&str>)] = &[
            (b"a b~\0", "a b~", None),
            (b"a\tb\0", "a\tb", Some("control characters")),
            (b"ab\x7F\0", "ab\u{7F}", Some("control characters")),
            ("é\0".as_bytes(), "é", Some("non-ASCII")),
            (b"a\xFFb\0", "a\u{FFFD}b", Some("non-ASCII")),
            (b"\0", "", None),
        ];
        for (input, text, warning) in cases {
            let mut w = Vec::new();
            assert_eq!(Reader::new(input, 0).cstring("f", 16, &mut w), *text, "{input:?}");
            assert_eq!(w.first().map(|w| w.message.as_str()).is_some(), warning.is_some(), "{input:?}: {w:?}");
            if let Some(warning) = warning {
                assert!(w[0].message.contains(warning), "{input:?}: {w:?}");
            }
        }
    }

    #[test]
    fn over_long_strings_decode_with_a_warning_but_do_not_encode() {
        let mut w = Vec::new();
        let mut r = Reader::new(b"0123456789\0", 0);
        assert_eq!(r.cstring("system_id", 4, &mut w), "0123456789");
        assert!(w[0].message.contains("at most 3"));
        let mut out = Vec::new();
        assert!(write_cstring(&mut out, "system_id", "0123456789", 16).is_ok());
        assert!(matches!(
            write_cstring(&mut out, "password", "123456789", 9),
            Err(EncodeError::FieldTooLong { max: 8, .. })
        ));
    }
}
