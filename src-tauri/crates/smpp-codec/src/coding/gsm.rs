//! The GSM 03.38 (3GPP TS 23.038) default alphabet, its extension table, and septet packing.
//!
//! SMPP carries GSM 7-bit text unpacked, one septet per octet; the SMSC packs it for the air
//! interface. Packing is still needed to reason about what fits behind a UDH and to read the
//! packed form some tools and traces show.

/// The escape septet that switches the next septet to the extension table.
pub const ESCAPE: u8 = 0x1B;

/// The default alphabet by septet value. 0x1B is the escape, shown here as NBSP as many
/// handsets do; it is never produced or matched as a character.
const BASIC: [char; 128] = [
    '@', '£', '$', '¥', 'è', 'é', 'ù', 'ì', 'ò', 'Ç', '\n', 'Ø', 'ø', '\r', 'Å', 'å', //
    'Δ', '_', 'Φ', 'Γ', 'Λ', 'Ω', 'Π', 'Ψ', 'Σ', 'Θ', 'Ξ', '\u{A0}', 'Æ', 'æ', 'ß', 'É', //
    ' ', '!', '"', '#', '¤', '%', '&', '\'', '(', ')', '*', '+', ',', '-', '.', '/', //
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', ':', ';', '<', '=', '>', '?', //
    '¡', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', //
    'P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W', 'X', 'Y', 'Z', 'Ä', 'Ö', 'Ñ', 'Ü', '§', //
    '¿', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', //
    'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z', 'ä', 'ö', 'ñ', 'ü', 'à', //
];

/// The extension table entries in use (septet after the escape, character).
const EXTENSION: [(u8, char); 10] = [
    (0x0A, '\u{0C}'),
    (0x14, '^'),
    (0x28, '{'),
    (0x29, '}'),
    (0x2F, '\\'),
    (0x3C, '['),
    (0x3D, '~'),
    (0x3E, ']'),
    (0x40, '|'),
    (0x65, '€'),
];

/// How a character is written in GSM 7-bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Septets {
    /// One septet of the default alphabet.
    Basic(u8),
    /// The escape followed by this extension-table septet: two septets that must stay together.
    Extended(u8),
}

/// [`ASCII_SEPTETS`] entry of an ASCII character the alphabet lacks.
const ASCII_NONE: u8 = 0xFF;
/// [`ASCII_SEPTETS`] flag of an extension-table character (escape + the low seven bits).
const ASCII_EXTENDED: u8 = 0x80;

/// What [`septets_for`] answers for each ASCII character, built at compile time from [`BASIC`]
/// and [`EXTENSION`]: the default-alphabet septet, [`ASCII_EXTENDED`] | the extension septet,
/// or [`ASCII_NONE`]. Text is mostly ASCII, and the scan of [`BASIC`] finds lowercase letters
/// only after about a hundred comparisons.
const ASCII_SEPTETS: [u8; 128] = {
    let mut table = [ASCII_NONE; 128];
    // The scan prefers the default alphabet, then the first extension entry; so fill the
    // extension table first, keeping its first entry per character, and let BASIC overwrite,
    // walking it backwards so that its first position per character wins.
    let mut index = 0;
    while index < EXTENSION.len() {
        let (code, c) = EXTENSION[index];
        assert!(code < 0x7F, "an extension septet must not collide with ASCII_NONE");
        if (c as u32) < 128 && table[c as usize] == ASCII_NONE {
            table[c as usize] = ASCII_EXTENDED | code;
        }
        index += 1;
    }
    let mut code = BASIC.len();
    while code > 0 {
        code -= 1;
        let c = BASIC[code];
        if (c as u32) < 128 {
            table[c as usize] = code as u8;
        }
    }
    table
};

/// The GSM 7-bit representation of `c`, or `None` when the alphabet lacks it.
pub(crate) fn septets_for(c: char) -> Option<Septets> {
    if let Some(&entry) = ASCII_SEPTETS.get(c as usize) {
        return match entry {
            ASCII_NONE => None,
            e if e & ASCII_EXTENDED != 0 => Some(Septets::Extended(e & !ASCII_EXTENDED)),
            e => Some(Septets::Basic(e)),
        };
    }
    septets_for_by_scan(c)
}

/// Appends the unpacked GSM 7-bit septets of ASCII text (one octet per character), as
/// [`septets_for`] maps each character. `Err(index)` names the first octet the alphabet lacks
/// (for ASCII text the octet index is also the character index).
pub(crate) fn encode_ascii(text: &[u8], out: &mut Vec<u8>) -> Result<(), usize> {
    for (index, &octet) in text.iter().enumerate() {
        match ASCII_SEPTETS.get(usize::from(octet)).copied().unwrap_or(ASCII_NONE) {
            ASCII_NONE => return Err(index),
            entry if entry & ASCII_EXTENDED != 0 => out.extend_from_slice(&[ESCAPE, entry & !ASCII_EXTENDED]),
            septet => out.push(septet),
        }
    }
    Ok(())
}

/// [`septets_for`] by scanning the tables: for characters outside ASCII.
fn septets_for_by_scan(c: char) -> Option<Septets> {
    if c == '\u{A0}' {
        // The table's placeholder for the escape is not a real mapping.
        return None;
    }
    if let Some(code) = BASIC.iter().position(|&b| b == c) {
        return u8::try_from(code).ok().map(Septets::Basic);
    }
    EXTENSION.iter().find(|(_, e)| *e == c).map(|(code, _)| Septets::Extended(*code))
}

/// Whether `c` can be written in GSM 7-bit (default alphabet or extension table).
pub fn is_gsm7(c: char) -> bool {
    septets_for(c).is_some()
}

/// The default-alphabet character for a septet, `None` for the escape and values above 0x7F.
pub(crate) fn basic_char(septet: u8) -> Option<char> {
    if septet == ESCAPE {
        return None;
    }
    BASIC.get(usize::from(septet)).copied()
}

/// The extension-table character for the septet following an escape.
pub(crate) fn extension_char(septet: u8) -> Option<char> {
    EXTENSION.iter().find(|(code, _)| *code == septet).map(|(_, c)| *c)
}

/// Packs septets (one per octet, high bit ignored) into GSM 7-bit packed octets.
///
/// `fill_bits` zero bits come first: after a UDH of `n` octets the septet stream must start on
/// a septet boundary, which takes [`fill_bits_after_udh`] bits.
pub fn pack_septets(septets: &[u8], fill_bits: u8) -> Vec<u8> {
    let total_bits = usize::from(fill_bits) + septets.len() * 7;
    let mut out = vec![0u8; total_bits.div_ceil(8)];
    for (index, septet) in septets.iter().enumerate() {
        let bit = usize::from(fill_bits) + index * 7;
        // A septet spans at most two octets; write its low part then any overflow.
        let value = u16::from(septet & 0x7F) << (bit % 8);
        let [low, high] = value.to_le_bytes();
        if let Some(octet) = out.get_mut(bit / 8) {
            *octet |= low;
        }
        if high != 0
            && let Some(octet) = out.get_mut(bit / 8 + 1)
        {
            *octet |= high;
        }
    }
    out
}

/// Unpacks `count` septets from GSM 7-bit packed octets, skipping `fill_bits` leading bits.
///
/// Returns fewer than `count` septets when the octets run out, since the count comes from the
/// (untrusted) sm_length / UDL and must not be believed blindly.
pub fn unpack_septets(octets: &[u8], count: usize, fill_bits: u8) -> Vec<u8> {
    let available_bits = (octets.len() * 8).saturating_sub(usize::from(fill_bits));
    let count = count.min(available_bits / 7);
    let mut out = Vec::with_capacity(count);
    for index in 0..count {
        let bit = usize::from(fill_bits) + index * 7;
        let low = octets.get(bit / 8).copied().unwrap_or(0);
        let high = octets.get(bit / 8 + 1).copied().unwrap_or(0);
        let word = u16::from_le_bytes([low, high]);
        let septet = (word >> (bit % 8)) & 0x7F;
        out.push(u8::try_from(septet).unwrap_or(0));
    }
    out
}

/// Fill bits needed after a UDH of `udh_len` octets (including the UDHL octet).
pub fn fill_bits_after_udh(udh_len: usize) -> u8 {
    // 8 ≡ 1 (mod 7), so (udh_len * 8) % 7 == udh_len % 7 without risking overflow.
    let fill = (7 - udh_len % 7) % 7;
    u8::try_from(fill).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lookup_agrees_with_the_scan() {
        for c in (0u8..=0x7F).map(char::from) {
            assert_eq!(septets_for(c), septets_for_by_scan(c), "{c:?}");
        }
        assert_eq!(septets_for('a'), Some(Septets::Basic(0x61)));
        assert_eq!(septets_for('@'), Some(Septets::Basic(0x00)));
        assert_eq!(septets_for('['), Some(Septets::Extended(0x3C)));
        assert_eq!(septets_for('`'), None);
        assert_eq!(septets_for('\u{A0}'), None);
        assert_eq!(septets_for('€'), Some(Septets::Extended(0x65)));
        let ascii: Vec<u8> = (0u8..=0x7F).collect();
        let mut out = Vec::new();
        let first_missing = ascii.iter().position(|&b| septets_for(char::from(b)).is_none());
        assert_eq!(encode_ascii(&ascii, &mut out).err(), first_missing);
        let gsm: Vec<u8> = ascii.into_iter().filter(|&b| is_gsm7(char::from(b))).collect();
        let mut out = Vec::new();
        assert_eq!(encode_ascii(&gsm, &mut out), Ok(()));
        let mut expected = Vec::new();
        for c in gsm.iter().map(|&b| char::from(b)) {
            match septets_for(c) {
                Some(Septets::Basic(code)) => expected.push(code),
                Some(Septets::Extended(code)) => expected.extend_from_slice(&[ESCAPE, code]),
                None => unreachable!(),
            }
        }
        assert_eq!(out, expected);
        let mut out = Vec::new();
        assert_eq!(encode_ascii(b"a[b", &mut out), Ok(()));
        assert_eq!(out, [0x61, ESCAPE, 0x3C, 0x62]);
    }

    #[test]
    fn basic_table_matches_spec_positions() {
        let expected: &[(char, u8)] = &[
            ('@', 0x00),
            ('£', 0x01),
            ('$', 0x02),
            ('¥', 0x03),
            ('è', 0x04),
            ('é', 0x05),
            ('ù', 0x06),
            ('ì', 0x07),
            ('ò', 0x08),
            ('Ç', 0x09),
            ('\n', 0x0A),
            ('Ø', 0x0B),
            ('ø', 0x0C),
            ('\r', 0x0D),
            ('Å', 0x0E),
            ('å', 0x0F),
            ('Δ', 0x10),
            ('_', 0x11),
            ('Φ', 0x12),
            ('Γ', 0x13),
            ('Λ', 0x14),
            ('Ω', 0x15),
            ('Π', 0x16),
            ('Ψ', 0x17),
            ('Σ', 0x18),
            ('Θ', 0x19),
            ('Ξ', 0x1A),
            ('Æ', 0x1C),
            ('æ', 0x1D),
            ('ß', 0x1E),
            ('É', 0x1F),
            (' ', 0x20),
            ('¤', 0x24),
            ('0', 0x30),
            ('?', 0x3F),
            ('¡', 0x40),
            ('A', 0x41),
            ('Z', 0x5A),
            ('Ä', 0x5B),
            ('Ö', 0x5C),
            ('Ñ', 0x5D),
            ('Ü', 0x5E),
            ('§', 0x5F),
            ('¿', 0x60),
            ('a', 0x61),
            ('z', 0x7A),
            ('ä', 0x7B),
            ('ö', 0x7C),
            ('ñ', 0x7D),
            ('ü', 0x7E),
            ('à', 0x7F),
        ];
        for (c, code) in expected {
            assert_eq!(septets_for(*c), Some(Septets::Basic(*code)), "{c:?}");
            assert_eq!(basic_char(*code), Some(*c));
        }
    }

    #[test]
    fn extension_table_matches_spec_positions() {
        let expected: &[(char, u8)] = &[
            ('\u{0C}', 0x0A),
            ('^', 0x14),
            ('{', 0x28),
            ('}', 0x29),
            ('\\', 0x2F),
            ('[', 0x3C),
            ('~', 0x3D),
            (']', 0x3E),
            ('|', 0x40),
            ('€', 0x65),
        ];
        for (c, code) in expected {
            assert_eq!(septets_for(*c), Some(Septets::Extended(*code)), "{c:?}");
            assert_eq!(extension_char(*code), Some(*c));
        }
    }

    #[test]
    fn characters_outside_the_alphabet() {
        for c in ['`', '\t', 'ç', 'á', 'ж', '😀', '\u{A0}', '’', '\u{1B}'] {
            assert!(!is_gsm7(c), "{c:?}");
        }
        assert_eq!(basic_char(ESCAPE), None);
        assert_eq!(basic_char(0x80), None);
        assert_eq!(extension_char(0x41), None);
    }

    #[test]
    fn packs_the_classic_example() {
        // "hellohello" is the textbook GSM 03.38 packing example.
        let septets: Vec<u8> = "hellohello".bytes().collect();
        let packed = pack_septets(&septets, 0);
        assert_eq!(packed, [0xE8, 0x32, 0x9B, 0xFD, 0x46, 0x97, 0xD9, 0xEC, 0x37]);
        assert_eq!(unpack_septets(&packed, 10, 0), septets);
    }

    #[test]
    fn packs_eight_septets_into_seven_octets() {
        let septets = [0x7Fu8; 8];
        let packed = pack_septets(&septets, 0);
        assert_eq!(packed, [0xFF; 7]);
        assert_eq!(unpack_septets(&packed, 8, 0), septets);
    }

    #[test]
    fn fill_bits_after_udh_are_respected() {
        assert_eq!(fill_bits_after_udh(6), 1);
        assert_eq!(fill_bits_after_udh(7), 0);
        assert_eq!(fill_bits_after_udh(0), 0);
        assert_eq!(fill_bits_after_udh(1), 6);
        assert_eq!(fill_bits_after_udh(12), 2);
        let _ = fill_bits_after_udh(usize::MAX);
        let septets: Vec<u8> = "Hi".bytes().collect();
        let packed = pack_septets(&septets, 1);
        // 'H' = 0x48 shifted by one bit: 0x90; 'i' = 0x69 starts at bit 8.
        assert_eq!(packed, [0x90, 0x69]);
        assert_eq!(unpack_septets(&packed, 2, 1), septets);
        for fill in 0..=6u8 {
            let data: Vec<u8> = (0..=0x7F).collect();
            assert_eq!(unpack_septets(&pack_septets(&data, fill), data.len(), fill), data);
        }
    }

    #[test]
    fn packing_ignores_high_bit() {
        assert_eq!(pack_septets(&[0xC1], 0), [0x41]);
    }

    #[test]
    fn unpacking_never_reads_past_the_data() {
        assert_eq!(unpack_septets(&[], 5, 0), Vec::<u8>::new());
        assert_eq!(unpack_septets(&[0xFF], usize::MAX, 0), [0x7F]);
        assert_eq!(unpack_septets(&[0xFF], 3, 7), Vec::<u8>::new());
        assert_eq!(unpack_septets(&[0xFF; 2], 3, 255), Vec::<u8>::new());
        assert!(pack_septets(&[], 0).is_empty());
    }
}
