//! Data codings: choosing an alphabet, encoding and decoding text, and splitting long text into
//! concatenated parts.
//!
//! The rules that bite in production are encoded here once: GSM 7-bit extension characters
//! (`€ [ ] { } \ ~ ^ |` and form feed) cost two septets and their escape pair must never be
//! split across parts; UCS2 is UTF-16BE and a surrogate pair (emoji) must never be split;
//! a single character outside the GSM alphabet turns the whole message into UCS2 and more than
//! halves its capacity, which is why [`choose`] reports the characters responsible.

mod gsm;
mod segment;

use std::fmt;

pub use gsm::{ESCAPE, fill_bits_after_udh, is_gsm7, pack_septets, unpack_septets};
pub use segment::{
    Concat, ConcatInfo, MAX_PARTS, Part, SegmentInfo, parse_concat_udh, segment_info, split, split_binary, split_sar,
    split_udh,
};

use gsm::Septets;

/// The character repertoire and byte layout of a short message, as selected by `data_coding`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Alphabet {
    /// GSM 03.38 default alphabet (SMSC default), carried unpacked, one septet per octet.
    Gsm7,
    /// IA5 / ASCII, one octet per character.
    Ia5,
    /// ISO-8859-1, one octet per character.
    Latin1,
    /// UCS2, carried as UTF-16BE (surrogate pairs allowed, as handsets do).
    Ucs2,
    /// Octets without a text meaning.
    Binary,
}

impl Alphabet {
    /// The `data_coding` value to send for this alphabet.
    pub fn data_coding(self) -> u8 {
        match self {
            Alphabet::Gsm7 => 0x00,
            Alphabet::Ia5 => 0x01,
            Alphabet::Latin1 => 0x03,
            Alphabet::Binary => 0x04,
            Alphabet::Ucs2 => 0x08,
        }
    }

    /// The alphabet a received `data_coding` selects.
    ///
    /// 0x00..=0x0F are SMPP's own values; 0x10..=0x3F and 0x40..=0x7F are the GSM 03.38 general
    /// data coding groups (alphabet in bits 3..2, compressed text treated as binary because it
    /// cannot be read as characters); 0xC0..=0xEF are the message-waiting groups; 0xF0..=0xFF
    /// the data coding / message class group (bit 2: 8-bit data, else GSM 7-bit). Character
    /// sets this crate cannot decode (JIS, Cyrillic, Hebrew, KS C 5601, ...) map to `Binary` so
    /// they are shown as hex rather than as wrong text.
    pub fn from_data_coding(dcs: u8) -> Alphabet {
        match dcs {
            0x00 => Alphabet::Gsm7,
            0x01 => Alphabet::Ia5,
            0x03 => Alphabet::Latin1,
            0x08 => Alphabet::Ucs2,
            0x02 | 0x04..=0x07 | 0x09..=0x0F => Alphabet::Binary,
            0x10..=0x7F => {
                let compressed = dcs & 0x20 != 0;
                if compressed {
                    return Alphabet::Binary;
                }
                match (dcs >> 2) & 0x03 {
                    0 => Alphabet::Gsm7,
                    2 => Alphabet::Ucs2,
                    _ => Alphabet::Binary,
                }
            }
            0xC0..=0xDF => Alphabet::Gsm7,
            0xE0..=0xEF => Alphabet::Ucs2,
            0xF0..=0xFF => {
                if dcs & 0x04 == 0 {
                    Alphabet::Gsm7
                } else {
                    Alphabet::Binary
                }
            }
            0x80..=0xBF => Alphabet::Binary,
        }
    }

    /// A short human label for logs and UIs.
    pub fn label(self) -> &'static str {
        match self {
            Alphabet::Gsm7 => "GSM7",
            Alphabet::Ia5 => "IA5",
            Alphabet::Latin1 => "Latin-1",
            Alphabet::Ucs2 => "UCS2",
            Alphabet::Binary => "Binary",
        }
    }

    /// Units that fit in one part: the whole message without UDH when `udh_len` is 0, else a
    /// part that also carries a UDH of `udh_len` octets. `None` when the UDH leaves no room.
    pub fn capacity(self, udh_len: usize) -> Option<usize> {
        let octets = 140usize.checked_sub(udh_len)?;
        let units = match self {
            Alphabet::Gsm7 => octets * 8 / 7,
            Alphabet::Ucs2 => octets / 2,
            Alphabet::Ia5 | Alphabet::Latin1 | Alphabet::Binary => octets,
        };
        // Two units are the least a part must hold, or an escape or surrogate pair never fits.
        (units >= 2).then_some(units)
    }
}

impl fmt::Display for Alphabet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Why text cannot be encoded or split as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodingError {
    /// A character has no representation in the requested alphabet.
    #[error(
        "character {} at position {position} cannot be encoded in {alphabet}; choose UCS2 (or remove the character)",
        show_char(*character)
    )]
    Unencodable {
        /// The offending character.
        character: char,
        /// Its 0-based position counted in characters (not bytes).
        position: usize,
        /// The alphabet that lacks it.
        alphabet: Alphabet,
    },
    /// `Binary` was asked to carry text.
    #[error("binary data coding carries raw octets, not text; choose GSM7, Latin-1 or UCS2 for text")]
    BinaryIsNotText,
    /// The message needs more parts than a concatenation header can count.
    #[error("the message needs {parts} parts but concatenation allows at most 255; shorten the text")]
    TooManyParts {
        /// Parts the message would need.
        parts: usize,
    },
    /// The UDH length leaves no room for content in a part.
    #[error("a UDH of {udh_len} octets leaves no room for content in a 140-octet message")]
    UdhTooLong {
        /// The UDH length that was given.
        udh_len: usize,
    },
}

/// Renders a character so that invisible ones (no-break space, tabs, zero-width marks — the
/// usual hidden reasons for UCS2) are still recognisable.
fn show_char(c: char) -> String {
    let invisible = c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}' | '\u{00AD}');
    if invisible { format!("U+{:04X}", u32::from(c)) } else { format!("'{c}'") }
}

/// The alphabet [`choose`] picked and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// GSM7 when every character fits, otherwise UCS2.
    pub alphabet: Alphabet,
    /// A sentence for the UI, e.g. "UCS2 because 'ж', '😀' are not in the GSM 7-bit alphabet".
    pub reason: String,
    /// The distinct characters that ruled out GSM7, in order of first appearance.
    pub forced_by: Vec<char>,
}

/// How many offending characters a reason names before summarising the rest.
const REASON_LIST_LIMIT: usize = 8;

/// Picks the cheapest alphabet that carries `text` losslessly: GSM7 if possible, else UCS2.
pub fn choose(text: &str) -> Choice {
    let forced_by = non_gsm_chars(text);
    if forced_by.is_empty() {
        let mut reason = "GSM7 because every character is in the GSM 7-bit alphabet".to_string();
        let extended = extension_chars(text);
        if !extended.is_empty() {
            let listed: Vec<String> = extended.iter().map(|c| show_char(*c)).collect();
            reason.push_str(&format!(" ({} cost two septets each)", listed.join(", ")));
        }
        return Choice { alphabet: Alphabet::Gsm7, reason, forced_by };
    }
    let mut listed: Vec<String> = forced_by.iter().take(REASON_LIST_LIMIT).map(|c| show_char(*c)).collect();
    if forced_by.len() > REASON_LIST_LIMIT {
        listed.push(format!("and {} more", forced_by.len() - REASON_LIST_LIMIT));
    }
    let verb = if forced_by.len() == 1 { "is" } else { "are" };
    Choice {
        alphabet: Alphabet::Ucs2,
        reason: format!("UCS2 because {} {verb} not in the GSM 7-bit alphabet", listed.join(", ")),
        forced_by,
    }
}

/// Distinct characters of the GSM extension table, in order of first appearance: the ones
/// that silently make a text longer than its character count.
fn extension_chars(text: &str) -> Vec<char> {
    let mut found: Vec<char> = Vec::new();
    for c in text.chars() {
        if matches!(gsm::septets_for(c), Some(Septets::Extended(_))) && !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

/// Distinct characters outside the GSM 7-bit alphabet, in order of first appearance.
pub(crate) fn non_gsm_chars(text: &str) -> Vec<char> {
    let mut found: Vec<char> = Vec::new();
    for c in text.chars() {
        if !is_gsm7(c) && !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

/// Appends the encoding of one character, returning how many units it took.
///
/// Units are septets (GSM7), octets (IA5, Latin-1) or UTF-16 code units (UCS2): the quantity
/// capacities are counted in, and the granule that must not be split across parts.
pub(crate) fn encode_char(
    c: char,
    position: usize,
    alphabet: Alphabet,
    out: &mut Vec<u8>,
) -> Result<usize, CodingError> {
    let unencodable = CodingError::Unencodable { character: c, position, alphabet };
    match alphabet {
        Alphabet::Gsm7 => match gsm::septets_for(c) {
            Some(Septets::Basic(code)) => {
                out.push(code);
                Ok(1)
            }
            Some(Septets::Extended(code)) => {
                out.extend_from_slice(&[ESCAPE, code]);
                Ok(2)
            }
            None => Err(unencodable),
        },
        Alphabet::Ia5 => {
            let byte = u8::try_from(u32::from(c)).ok().filter(u8::is_ascii);
            let byte = byte.ok_or(unencodable)?;
            out.push(byte);
            Ok(1)
        }
        Alphabet::Latin1 => {
            let byte = u8::try_from(u32::from(c)).map_err(|_| unencodable)?;
            out.push(byte);
            Ok(1)
        }
        Alphabet::Ucs2 => {
            let mut buf = [0u16; 2];
            let units = c.encode_utf16(&mut buf);
            for unit in units.iter() {
                out.extend_from_slice(&unit.to_be_bytes());
            }
            Ok(units.len())
        }
        Alphabet::Binary => Err(CodingError::BinaryIsNotText),
    }
}

/// Encodes text as SMPP carries it in `short_message` / `message_payload`.
///
/// GSM7 comes out unpacked (one septet per octet, extension characters as 0x1B + code), since
/// the SMSC does the packing; UCS2 as UTF-16BE.
pub fn encode(text: &str, alphabet: Alphabet) -> Result<Vec<u8>, CodingError> {
    if alphabet == Alphabet::Binary {
        return Err(CodingError::BinaryIsNotText);
    }
    let mut out = Vec::with_capacity(text.len());
    if alphabet == Alphabet::Gsm7 && text.is_ascii() {
        // Most GSM text is ASCII: one table lookup per octet, no per-character dispatch.
        return match gsm::encode_ascii(text.as_bytes(), &mut out) {
            Ok(()) => Ok(out),
            Err(position) => Err(CodingError::Unencodable {
                character: text.as_bytes().get(position).copied().map_or(char::REPLACEMENT_CHARACTER, char::from),
                position,
                alphabet,
            }),
        };
    }
    for (position, c) in text.chars().enumerate() {
        encode_char(c, position, alphabet, &mut out)?;
    }
    Ok(out)
}

/// Decoded text plus what was wrong with the bytes, so nothing is silently dropped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DecodedText {
    /// The text, with U+FFFD where bytes could not be decoded.
    pub text: String,
    /// One sentence per kind of problem found (empty when the bytes were clean).
    pub warnings: Vec<String>,
}

/// Collects problems of one kind so a long corrupt message yields one warning, not hundreds.
#[derive(Debug, Default)]
struct Tally {
    count: usize,
    first_offset: Option<usize>,
}

impl Tally {
    fn note(&mut self, offset: usize) {
        self.count += 1;
        self.first_offset.get_or_insert(offset);
    }

    fn report(&self, what: &str, warnings: &mut Vec<String>) {
        if let Some(first) = self.first_offset {
            let times = if self.count == 1 { String::new() } else { format!(" ({} times)", self.count) };
            warnings.push(format!("{what} at octet {first}{times}"));
        }
    }
}

/// Decodes `short_message` bytes leniently: undecodable input becomes U+FFFD plus a warning,
/// because a console must show what arrived rather than refuse to show anything.
///
/// GSM7 expects unpacked septets (as SMPP carries them); `Binary` renders lowercase hex.
pub fn decode(bytes: &[u8], alphabet: Alphabet) -> DecodedText {
    match alphabet {
        Alphabet::Gsm7 => decode_gsm7(bytes),
        Alphabet::Ia5 => {
            let mut high = Tally::default();
            let text = bytes
                .iter()
                .enumerate()
                .map(|(offset, &b)| {
                    if b.is_ascii() {
                        char::from(b)
                    } else {
                        high.note(offset);
                        char::REPLACEMENT_CHARACTER
                    }
                })
                .collect();
            let mut warnings = Vec::new();
            high.report("octet above 0x7F is not IA5/ASCII, shown as U+FFFD", &mut warnings);
            DecodedText { text, warnings }
        }
        Alphabet::Latin1 => DecodedText { text: bytes.iter().map(|&b| char::from(b)).collect(), warnings: Vec::new() },
        Alphabet::Ucs2 => decode_ucs2(bytes),
        Alphabet::Binary => {
            DecodedText { text: bytes.iter().map(|b| format!("{b:02x}")).collect(), warnings: Vec::new() }
        }
    }
}

fn decode_gsm7(bytes: &[u8]) -> DecodedText {
    let mut text = String::with_capacity(bytes.len());
    let mut invalid = Tally::default();
    let mut unknown_extension = Tally::default();
    let mut double_escape = Tally::default();
    let mut warnings = Vec::new();
    let mut offset = 0;
    while let Some(&septet) = bytes.get(offset) {
        if septet == ESCAPE {
            match bytes.get(offset + 1).copied() {
                None => {
                    text.push(char::REPLACEMENT_CHARACTER);
                    warnings.push(format!(
                        "escape (0x1B) at octet {offset} ends the message without the character it introduces, shown as U+FFFD"
                    ));
                    offset += 1;
                }
                Some(ESCAPE) => {
                    // 23.038 reserves 1B 1B for a future table and says to display a space.
                    double_escape.note(offset);
                    text.push(' ');
                    offset += 2;
                }
                Some(next) => {
                    if let Some(c) = gsm::extension_char(next) {
                        text.push(c);
                        offset += 2;
                    } else if let Some(c) = gsm::basic_char(next) {
                        // 23.038: show the default-alphabet character for an unknown extension.
                        unknown_extension.note(offset);
                        text.push(c);
                        offset += 2;
                    } else {
                        // The escape introduces an invalid octet; report both and move on.
                        invalid.note(offset);
                        text.push(char::REPLACEMENT_CHARACTER);
                        offset += 1;
                    }
                }
            }
            continue;
        }
        match gsm::basic_char(septet) {
            Some(c) => text.push(c),
            None => {
                invalid.note(offset);
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
        offset += 1;
    }
    invalid.report(
        "octet above 0x7F is not a GSM 7-bit septet (is the message packed or in another coding?), shown as U+FFFD",
        &mut warnings,
    );
    unknown_extension.report(
        "escape followed by a septet the extension table does not define, shown as the default-alphabet character",
        &mut warnings,
    );
    double_escape.report("reserved double escape (0x1B 0x1B), shown as a space", &mut warnings);
    DecodedText { text, warnings }
}

fn decode_ucs2(bytes: &[u8]) -> DecodedText {
    let mut warnings = Vec::new();
    let pairs = bytes.chunks_exact(2);
    let odd = pairs.remainder().len() == 1;
    let units = pairs.map(|pair| match pair {
        [high, low] => u16::from_be_bytes([*high, *low]),
        _ => 0,
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut lone = Tally::default();
    let mut unit_index = 0;
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => {
                text.push(c);
                unit_index += c.len_utf16();
            }
            Err(_) => {
                lone.note(unit_index * 2);
                text.push(char::REPLACEMENT_CHARACTER);
                unit_index += 1;
            }
        }
    }
    lone.report(
        "unpaired UTF-16 surrogate (half of an emoji or other character, possibly split across parts), shown as U+FFFD",
        &mut warnings,
    );
    if odd {
        text.push(char::REPLACEMENT_CHARACTER);
        warnings.push(format!(
            "odd number of octets ({}) for UCS2: the last octet is incomplete, shown as U+FFFD",
            bytes.len()
        ));
    }
    DecodedText { text, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_coding_values() {
        assert_eq!(Alphabet::Gsm7.data_coding(), 0x00);
        assert_eq!(Alphabet::Ia5.data_coding(), 0x01);
        assert_eq!(Alphabet::Latin1.data_coding(), 0x03);
        assert_eq!(Alphabet::Binary.data_coding(), 0x04);
        assert_eq!(Alphabet::Ucs2.data_coding(), 0x08);
        for alphabet in [Alphabet::Gsm7, Alphabet::Ia5, Alphabet::Latin1, Alphabet::Ucs2, Alphabet::Binary] {
            assert_eq!(Alphabet::from_data_coding(alphabet.data_coding()), alphabet);
        }
    }

    #[test]
    fn from_data_coding_groups() {
        assert_eq!(Alphabet::from_data_coding(0x02), Alphabet::Binary);
        assert_eq!(Alphabet::from_data_coding(0x06), Alphabet::Binary);
        // General data coding group, message class present.
        assert_eq!(Alphabet::from_data_coding(0x10), Alphabet::Gsm7);
        assert_eq!(Alphabet::from_data_coding(0x11), Alphabet::Gsm7);
        assert_eq!(Alphabet::from_data_coding(0x14), Alphabet::Binary);
        assert_eq!(Alphabet::from_data_coding(0x18), Alphabet::Ucs2);
        assert_eq!(Alphabet::from_data_coding(0x19), Alphabet::Ucs2);
        assert_eq!(Alphabet::from_data_coding(0x1C), Alphabet::Binary);
        // Compressed.
        assert_eq!(Alphabet::from_data_coding(0x20), Alphabet::Binary);
        assert_eq!(Alphabet::from_data_coding(0x38), Alphabet::Binary);
        // Automatic deletion group mirrors the general group.
        assert_eq!(Alphabet::from_data_coding(0x48), Alphabet::Ucs2);
        // Message waiting groups.
        assert_eq!(Alphabet::from_data_coding(0xC0), Alphabet::Gsm7);
        assert_eq!(Alphabet::from_data_coding(0xD8), Alphabet::Gsm7);
        assert_eq!(Alphabet::from_data_coding(0xE0), Alphabet::Ucs2);
        // Data coding / message class group.
        assert_eq!(Alphabet::from_data_coding(0xF0), Alphabet::Gsm7);
        assert_eq!(Alphabet::from_data_coding(0xF1), Alphabet::Gsm7);
        assert_eq!(Alphabet::from_data_coding(0xF4), Alphabet::Binary);
        assert_eq!(Alphabet::from_data_coding(0xF6), Alphabet::Binary);
        assert_eq!(Alphabet::from_data_coding(0xFB), Alphabet::Gsm7);
        assert_eq!(Alphabet::from_data_coding(0x80), Alphabet::Binary);
        // Every value maps to something without panicking.
        for dcs in 0..=u8::MAX {
            let _ = Alphabet::from_data_coding(dcs);
        }
    }

    #[test]
    fn labels() {
        assert_eq!(Alphabet::Gsm7.label(), "GSM7");
        assert_eq!(Alphabet::Ia5.label(), "IA5");
        assert_eq!(Alphabet::Latin1.label(), "Latin-1");
        assert_eq!(Alphabet::Ucs2.label(), "UCS2");
        assert_eq!(Alphabet::Binary.label(), "Binary");
        assert_eq!(Alphabet::Ucs2.to_string(), "UCS2");
    }

    #[test]
    fn capacities() {
        assert_eq!(Alphabet::Gsm7.capacity(0), Some(160));
        assert_eq!(Alphabet::Gsm7.capacity(6), Some(153));
        assert_eq!(Alphabet::Gsm7.capacity(7), Some(152));
        assert_eq!(Alphabet::Latin1.capacity(0), Some(140));
        assert_eq!(Alphabet::Latin1.capacity(6), Some(134));
        assert_eq!(Alphabet::Ia5.capacity(7), Some(133));
        assert_eq!(Alphabet::Binary.capacity(7), Some(133));
        assert_eq!(Alphabet::Ucs2.capacity(0), Some(70));
        assert_eq!(Alphabet::Ucs2.capacity(6), Some(67));
        assert_eq!(Alphabet::Ucs2.capacity(7), Some(66));
        assert_eq!(Alphabet::Ucs2.capacity(137), None);
        assert_eq!(Alphabet::Gsm7.capacity(140), None);
        assert_eq!(Alphabet::Gsm7.capacity(usize::MAX), None);
    }

    #[test]
    fn choose_gsm7_when_everything_fits() {
        let choice = choose("Hello @ £5 {x} [y] ~ ^ | \\ € ÄÖÑÜ§¿äöñüà\n");
        assert_eq!(choice.alphabet, Alphabet::Gsm7);
        assert!(choice.forced_by.is_empty());
        assert!(choice.reason.starts_with("GSM7"));
        assert!(
            choice.reason.ends_with("('{', '}', '[', ']', '~', '^', '|', '\\', '€' cost two septets each)"),
            "{}",
            choice.reason
        );
        assert_eq!(choose("").alphabet, Alphabet::Gsm7);
        assert_eq!(choose("plain").reason, "GSM7 because every character is in the GSM 7-bit alphabet");
        assert!(choose("\u{0C}").reason.contains("U+000C"));
    }

    #[test]
    fn choose_ucs2_names_the_culprits_in_order() {
        let choice = choose("Привет 😀 мир ж 😀");
        assert_eq!(choice.alphabet, Alphabet::Ucs2);
        assert_eq!(choice.forced_by, ['П', 'р', 'и', 'в', 'е', 'т', '😀', 'м', 'ж']);
        assert!(choice.reason.contains("and 1 more"), "{}", choice.reason);

        let choice = choose("ok ж 😀 ж");
        assert_eq!(choice.forced_by, ['ж', '😀']);
        assert_eq!(choice.reason, "UCS2 because 'ж', '😀' are not in the GSM 7-bit alphabet");

        let choice = choose("it’s");
        assert_eq!(choice.reason, "UCS2 because '’' is not in the GSM 7-bit alphabet");
    }

    #[test]
    fn choose_shows_invisible_characters_by_code_point() {
        let choice = choose("a\u{A0}b\tc");
        assert_eq!(choice.forced_by, ['\u{A0}', '\t']);
        assert_eq!(choice.reason, "UCS2 because U+00A0, U+0009 are not in the GSM 7-bit alphabet");
    }

    #[test]
    fn encode_gsm7_unpacked_with_escapes() {
        assert_eq!(encode("@", Alphabet::Gsm7).unwrap(), [0x00]);
        assert_eq!(encode("A€[", Alphabet::Gsm7).unwrap(), [0x41, 0x1B, 0x65, 0x1B, 0x3C]);
        assert_eq!(encode("\u{0C}", Alphabet::Gsm7).unwrap(), [0x1B, 0x0A]);
        assert_eq!(encode("£$¥_", Alphabet::Gsm7).unwrap(), [0x01, 0x02, 0x03, 0x11]);
        assert_eq!(encode("", Alphabet::Gsm7).unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn encode_errors_say_what_where_and_what_to_do() {
        let err = encode("abcжd", Alphabet::Gsm7).unwrap_err();
        assert_eq!(err, CodingError::Unencodable { character: 'ж', position: 3, alphabet: Alphabet::Gsm7 });
        let message = err.to_string();
        assert!(message.contains("'ж'"), "{message}");
        assert!(message.contains("position 3"), "{message}");
        assert!(message.contains("GSM7"), "{message}");
        assert!(message.contains("choose UCS2"), "{message}");

        // The ASCII fast path reports the same error as the per-character path.
        let err = encode("ab`c", Alphabet::Gsm7).unwrap_err();
        assert_eq!(err, CodingError::Unencodable { character: '`', position: 2, alphabet: Alphabet::Gsm7 });
        let err = encode("éb`c", Alphabet::Gsm7).unwrap_err();
        assert_eq!(err, CodingError::Unencodable { character: '`', position: 2, alphabet: Alphabet::Gsm7 });
        let ascii: String = (0u8..=0x7F).map(char::from).filter(|&c| is_gsm7(c)).collect();
        let mut per_char = Vec::new();
        for (position, c) in ascii.chars().enumerate() {
            encode_char(c, position, Alphabet::Gsm7, &mut per_char).unwrap();
        }
        assert_eq!(encode(&ascii, Alphabet::Gsm7).unwrap(), per_char);

        let err = encode("é", Alphabet::Ia5).unwrap_err();
        assert!(matches!(err, CodingError::Unencodable { character: 'é', position: 0, alphabet: Alphabet::Ia5 }));
        let err = encode("€", Alphabet::Latin1).unwrap_err();
        assert!(err.to_string().contains("Latin-1"));
        assert_eq!(encode("x", Alphabet::Binary).unwrap_err(), CodingError::BinaryIsNotText);
    }

    #[test]
    fn encode_other_alphabets() {
        assert_eq!(encode("Az~", Alphabet::Ia5).unwrap(), b"Az~");
        assert_eq!(encode("é\u{FF}", Alphabet::Latin1).unwrap(), [0xE9, 0xFF]);
        assert_eq!(encode("Aж", Alphabet::Ucs2).unwrap(), [0x00, 0x41, 0x04, 0x36]);
        assert_eq!(encode("😀", Alphabet::Ucs2).unwrap(), [0xD8, 0x3D, 0xDE, 0x00]);
    }

    #[test]
    fn decode_round_trips() {
        let samples = [
            ("Hello {world} €5 @home ÄÖÜ\n", Alphabet::Gsm7),
            ("plain ascii ~|", Alphabet::Ia5),
            ("café ÿ", Alphabet::Latin1),
            ("Привет 😀!", Alphabet::Ucs2),
        ];
        for (text, alphabet) in samples {
            let bytes = encode(text, alphabet).unwrap();
            let decoded = decode(&bytes, alphabet);
            assert_eq!(decoded.text, text);
            assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
        }
    }

    #[test]
    fn decode_gsm7_problems() {
        let decoded = decode(&[0x41, 0x80, 0xFF, 0x42], Alphabet::Gsm7);
        assert_eq!(decoded.text, "A\u{FFFD}\u{FFFD}B");
        assert_eq!(decoded.warnings.len(), 1);
        assert!(decoded.warnings[0].contains("2 times"), "{:?}", decoded.warnings);

        let decoded = decode(&[0x41, 0x1B], Alphabet::Gsm7);
        assert_eq!(decoded.text, "A\u{FFFD}");
        assert_eq!(decoded.warnings.len(), 1);
        assert!(decoded.warnings[0].contains("escape"));

        let decoded = decode(&[0x1B, 0x41], Alphabet::Gsm7);
        assert_eq!(decoded.text, "A");
        assert_eq!(decoded.warnings.len(), 1);

        let decoded = decode(&[0x1B, 0x1B, 0x41], Alphabet::Gsm7);
        assert_eq!(decoded.text, " A");
        assert_eq!(decoded.warnings.len(), 1);

        let decoded = decode(&[0x1B, 0x90, 0x41], Alphabet::Gsm7);
        assert_eq!(decoded.text, "\u{FFFD}\u{FFFD}A");
        assert_eq!(decoded.warnings.len(), 1);
    }

    #[test]
    fn decode_ia5_high_octets() {
        let decoded = decode(&[0x61, 0xE9], Alphabet::Ia5);
        assert_eq!(decoded.text, "a\u{FFFD}");
        assert_eq!(decoded.warnings.len(), 1);
    }

    #[test]
    fn decode_ucs2_problems() {
        let decoded = decode(&[0x00, 0x41, 0x00], Alphabet::Ucs2);
        assert_eq!(decoded.text, "A\u{FFFD}");
        assert_eq!(decoded.warnings.len(), 1);
        assert!(decoded.warnings[0].contains("odd"));

        // High surrogate without its low half.
        let decoded = decode(&[0xD8, 0x3D, 0x00, 0x41], Alphabet::Ucs2);
        assert_eq!(decoded.text, "\u{FFFD}A");
        assert_eq!(decoded.warnings.len(), 1);
        assert!(decoded.warnings[0].contains("surrogate"));

        // Lone low surrogate at the end.
        let decoded = decode(&[0x00, 0x41, 0xDE, 0x00], Alphabet::Ucs2);
        assert_eq!(decoded.text, "A\u{FFFD}");
        assert_eq!(decoded.warnings.len(), 1);

        let decoded = decode(&[], Alphabet::Ucs2);
        assert_eq!(decoded, DecodedText::default());
    }

    #[test]
    fn decode_binary_as_hex() {
        let decoded = decode(&[0x00, 0xAB, 0x7F], Alphabet::Binary);
        assert_eq!(decoded.text, "00ab7f");
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn decode_never_panics_on_arbitrary_bytes() {
        let mut state = 0x1234_5678u32;
        for len in 0..200 {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    state.to_le_bytes()[0]
                })
                .collect();
            for alphabet in [Alphabet::Gsm7, Alphabet::Ia5, Alphabet::Latin1, Alphabet::Ucs2, Alphabet::Binary] {
                let _ = decode(&bytes, alphabet);
            }
        }
    }
}
