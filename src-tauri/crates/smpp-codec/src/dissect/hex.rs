//! Reading hex the way people paste it: from logs, tickets, Wireshark and other tools.

use std::fmt::Write as _;

/// Why pasted text is not hex.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HexError {
    /// A character that is neither a hex digit nor an accepted separator.
    #[error(
        "invalid character {} at position {} (counting from 1): only hex digits 0-9 a-f A-F, whitespace, ':', '-', ',' and '0x' prefixes are allowed",
        show(*character),
        index + 1
    )]
    InvalidCharacter {
        /// The offending character.
        character: char,
        /// Its 0-based position in the input, counted in characters.
        index: usize,
    },
    /// An odd number of hex digits: the last octet is missing a digit.
    #[error(
        "odd number of hex digits ({digits}): every octet needs two digits; the last digit {} at position {} (counting from 1) has no partner",
        show(*last),
        last_index + 1
    )]
    OddDigitCount {
        /// How many hex digits the input holds.
        digits: usize,
        /// The unpaired last digit.
        last: char,
        /// Its 0-based position in the input, counted in characters.
        last_index: usize,
    },
}

fn show(c: char) -> String {
    if c.is_ascii_graphic() { format!("'{c}'") } else { format!("U+{:04X}", u32::from(c)) }
}

/// Parses hex leniently: whitespace and newlines anywhere, `:` `-` `,` separators, and `0x` /
/// `0X` prefixes at the start of a group (`0x00 0x01`, `0x0000001000000015`) are ignored.
/// Empty input (or only separators) gives an empty vector.
pub fn parse_hex(input: &str) -> Result<Vec<u8>, HexError> {
    let mut out = Vec::with_capacity(input.len() / 2);
    let mut pending: Option<(u8, char, usize)> = None;
    let mut digits = 0usize;
    let mut at_group_start = true;
    let mut chars = input.chars().enumerate().peekable();
    while let Some((index, c)) = chars.next() {
        if c.is_whitespace() || matches!(c, ':' | '-' | ',') {
            at_group_start = true;
            continue;
        }
        if c == '0' && at_group_start && matches!(chars.peek(), Some((_, 'x' | 'X'))) {
            // A `0x` prefix only counts at a group boundary with no half octet pending.
            if pending.is_none() {
                chars.next();
                at_group_start = false;
                continue;
            }
        }
        at_group_start = false;
        let Some(value) = c.to_digit(16) else {
            return Err(HexError::InvalidCharacter { character: c, index });
        };
        // to_digit(16) is at most 15.
        let value = u8::try_from(value).unwrap_or_default();
        digits += 1;
        match pending.take() {
            None => pending = Some((value, c, index)),
            Some((high, _, _)) => out.push(high << 4 | value),
        }
    }
    if let Some((_, last, last_index)) = pending {
        return Err(HexError::OddDigitCount { digits, last, last_index });
    }
    Ok(out)
}

/// Lowercase hex without separators.
pub fn to_hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}
