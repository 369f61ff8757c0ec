//! Counting and splitting text into concatenated short messages.
//!
//! One planner serves both [`segment_info`] and [`split`], so the counter a UI shows while
//! typing is exactly what will be sent: parts that end early to keep an escape pair or a
//! surrogate pair whole are counted the same way in both.

use super::{Alphabet, CodingError, encode_char, non_gsm_chars};

/// The most parts a concatenation header can number (total and sequence are one octet).
pub const MAX_PARTS: usize = 255;

/// Which concatenation information element to put in each part's UDH.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Concat {
    /// IEI 0x00, 8-bit reference: 6-octet UDH (the common choice).
    Udh8,
    /// IEI 0x08, 16-bit reference: 7-octet UDH, fewer reference collisions, one unit less room.
    Udh16,
}

impl Concat {
    /// UDH length in octets, including the UDHL octet.
    pub fn udh_len(self) -> usize {
        match self {
            Concat::Udh8 => 6,
            Concat::Udh16 => 7,
        }
    }

    /// The UDH for part `seq` (1-based) of `total`. `Udh8` keeps the low octet of `reference`.
    pub fn udh(self, reference: u16, total: u8, seq: u8) -> Vec<u8> {
        let [high, low] = reference.to_be_bytes();
        match self {
            Concat::Udh8 => vec![0x05, 0x00, 0x03, low, total, seq],
            Concat::Udh16 => vec![0x06, 0x08, 0x04, high, low, total, seq],
        }
    }
}

/// One short message of a (possibly concatenated) text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The user data header, UDHL octet included; empty for a single-part message.
    pub udh: Vec<u8>,
    /// The encoded content: unpacked septets for GSM7, UTF-16BE for UCS2, octets otherwise.
    pub payload: Vec<u8>,
}

impl Part {
    /// The `short_message` field: UDH followed by payload (set UDHI in esm_class when
    /// [`Part::has_udh`]).
    pub fn short_message(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.udh.len() + self.payload.len());
        out.extend_from_slice(&self.udh);
        out.extend_from_slice(&self.payload);
        out
    }

    /// Whether the part carries a UDH, i.e. whether esm_class needs the UDHI bit (0x40).
    pub fn has_udh(&self) -> bool {
        !self.udh.is_empty()
    }
}

/// Size of a text in a given alphabet, counted exactly as [`split`] would send it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentInfo {
    /// The alphabet counted in.
    pub alphabet: Alphabet,
    /// Characters (Unicode scalar values) in the text.
    pub chars: usize,
    /// Encoded size: septets (GSM7), octets (IA5, Latin-1, Binary) or UTF-16 code units (UCS2).
    pub units: usize,
    /// Short messages needed (1 for an empty text). May exceed [`MAX_PARTS`], which `split`
    /// refuses, so that a UI can still say how far over the limit the text is.
    pub parts: usize,
    /// Capacity of each part: the single-message limit when `parts == 1`, else the per-part
    /// limit behind the UDH.
    pub units_per_part: usize,
    /// Free units in the last part.
    pub units_left: usize,
    /// Characters outside the GSM 7-bit alphabet, in order of first appearance (empty for
    /// GSM7): why a text costs more than GSM7 would.
    pub forced_by: Vec<char>,
}

/// A text encoded with the size of each character, so parts can be cut between characters.
#[derive(Debug)]
struct Encoded {
    bytes: Vec<u8>,
    /// Units per character (1, or 2 for escape pairs and surrogate pairs).
    char_units: Vec<usize>,
    octets_per_unit: usize,
}

impl Encoded {
    fn units(&self) -> usize {
        self.bytes.len() / self.octets_per_unit
    }
}

fn encode_counted(text: &str, alphabet: Alphabet) -> Result<Encoded, CodingError> {
    if alphabet == Alphabet::Binary {
        return Err(CodingError::BinaryIsNotText);
    }
    let mut bytes = Vec::with_capacity(text.len());
    let mut char_units = Vec::with_capacity(text.len());
    for (position, c) in text.chars().enumerate() {
        char_units.push(encode_char(c, position, alphabet, &mut bytes)?);
    }
    let octets_per_unit = if alphabet == Alphabet::Ucs2 { 2 } else { 1 };
    Ok(Encoded { bytes, char_units, octets_per_unit })
}

/// Units in each part: one part if everything fits the single-message limit, else greedy
/// filling that moves a character to the next part rather than splitting it. Greedy filling
/// of an ordered sequence gives the fewest parts.
fn plan(char_units: &[usize], total: usize, single: usize, multi: usize) -> Vec<usize> {
    if total <= single {
        return vec![total];
    }
    let mut parts = Vec::new();
    let mut current = 0;
    for &units in char_units {
        if current + units > multi {
            parts.push(current);
            current = 0;
        }
        current += units;
    }
    parts.push(current);
    parts
}

fn capacities(alphabet: Alphabet, udh_len: usize) -> Result<(usize, usize), CodingError> {
    let single = alphabet.capacity(0).ok_or(CodingError::UdhTooLong { udh_len: 0 })?;
    let multi = alphabet.capacity(udh_len).ok_or(CodingError::UdhTooLong { udh_len })?;
    Ok((single, multi))
}

/// Counts characters, units and parts for `text` in `alphabet`, with `udh_len` octets of UDH
/// per part when it has to be concatenated (6 for [`Concat::Udh8`], 7 for [`Concat::Udh16`]).
pub fn segment_info(text: &str, alphabet: Alphabet, udh_len: usize) -> Result<SegmentInfo, CodingError> {
    let encoded = encode_counted(text, alphabet)?;
    let (single, multi) = capacities(alphabet, udh_len)?;
    let units = encoded.units();
    let plan = plan(&encoded.char_units, units, single, multi);
    let units_per_part = if plan.len() == 1 { single } else { multi };
    let last = plan.last().copied().unwrap_or(0);
    let forced_by = if alphabet == Alphabet::Gsm7 { Vec::new() } else { non_gsm_chars(text) };
    Ok(SegmentInfo {
        alphabet,
        chars: encoded.char_units.len(),
        units,
        parts: plan.len(),
        units_per_part,
        units_left: units_per_part.saturating_sub(last),
        forced_by,
    })
}

fn build_parts(
    bytes: &[u8],
    plan: &[usize],
    octets_per_unit: usize,
    concat: Concat,
    reference: u16,
) -> Result<Vec<Part>, CodingError> {
    if plan.len() == 1 {
        return Ok(vec![Part { udh: Vec::new(), payload: bytes.to_vec() }]);
    }
    let total = u8::try_from(plan.len()).map_err(|_| CodingError::TooManyParts { parts: plan.len() })?;
    let mut parts = Vec::with_capacity(plan.len());
    let mut rest = bytes;
    for (seq, units) in (1..=total).zip(plan) {
        let (payload, tail) = rest.split_at(rest.len().min(units * octets_per_unit));
        rest = tail;
        parts.push(Part { udh: concat.udh(reference, total, seq), payload: payload.to_vec() });
    }
    Ok(parts)
}

/// Splits `text` into short messages: one part without UDH when it fits, otherwise parts with a
/// concatenation UDH numbered 1..=total. GSM7 payloads are unpacked septets (the SMSC packs).
pub fn split(text: &str, alphabet: Alphabet, concat: Concat, reference: u16) -> Result<Vec<Part>, CodingError> {
    let encoded = encode_counted(text, alphabet)?;
    let (single, multi) = capacities(alphabet, concat.udh_len())?;
    let plan = plan(&encoded.char_units, encoded.units(), single, multi);
    build_parts(&encoded.bytes, &plan, encoded.octets_per_unit, concat, reference)
}

/// Splits `text` for SAR concatenation (sar_* TLVs instead of a UDH): every part carries the
/// full single-message capacity, since no header takes room in `short_message`. Returns each
/// part's encoded payload, in order (one when the text fits a single message).
pub fn split_sar(text: &str, alphabet: Alphabet) -> Result<Vec<Vec<u8>>, CodingError> {
    let encoded = encode_counted(text, alphabet)?;
    let (single, _) = capacities(alphabet, 0)?;
    let plan = plan(&encoded.char_units, encoded.units(), single, single);
    if plan.len() > usize::from(u8::MAX) {
        return Err(CodingError::TooManyParts { parts: plan.len() });
    }
    let mut rest = encoded.bytes.as_slice();
    Ok(plan
        .iter()
        .map(|units| {
            let (payload, tail) = rest.split_at(rest.len().min(units * encoded.octets_per_unit));
            rest = tail;
            payload.to_vec()
        })
        .collect())
}

/// Splits binary data (e.g. a WAP push or OTA payload) the same way: 140 octets in a single
/// message, else 134 / 133 octets per part behind the UDH.
pub fn split_binary(data: &[u8], concat: Concat, reference: u16) -> Result<Vec<Part>, CodingError> {
    let (single, multi) = capacities(Alphabet::Binary, concat.udh_len())?;
    let plan = plan(&vec![1; data.len()], data.len(), single, multi);
    build_parts(data, &plan, 1, concat, reference)
}

/// The concatenation header found in a received UDH.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ConcatInfo {
    /// Which information element carried it (8- or 16-bit reference).
    pub concat: Concat,
    /// The reference shared by all parts of one message.
    pub reference: u16,
    /// Total number of parts.
    pub total: u8,
    /// This part's number, 1-based.
    pub seq: u8,
}

/// Separates a `short_message` sent with UDHI into (UDH including its UDHL octet, payload).
/// `None` when the UDHL points past the end, which means the UDHI bit lied.
pub fn split_udh(short_message: &[u8]) -> Option<(&[u8], &[u8])> {
    let udhl = usize::from(*short_message.first()?);
    if short_message.len() < 1 + udhl {
        return None;
    }
    Some(short_message.split_at(1 + udhl))
}

/// The concatenation information in a UDH (UDHL octet included), if any.
///
/// Walks all information elements, so a concatenation IE after e.g. a port-addressing IE is
/// found. As 23.040 requires, an IE with total 0, sequence 0 or sequence above total is ignored.
pub fn parse_concat_udh(udh: &[u8]) -> Option<ConcatInfo> {
    let (&udhl, rest) = udh.split_first()?;
    let mut elements = rest.get(..usize::from(udhl)).unwrap_or(rest);
    while let [iei, len, tail @ ..] = elements {
        let len = usize::from(*len);
        let data = tail.get(..len)?;
        let found = match (iei, data) {
            (0x00, &[reference, total, seq]) => {
                Some(ConcatInfo { concat: Concat::Udh8, reference: u16::from(reference), total, seq })
            }
            (0x08, &[high, low, total, seq]) => {
                Some(ConcatInfo { concat: Concat::Udh16, reference: u16::from_be_bytes([high, low]), total, seq })
            }
            _ => None,
        };
        if let Some(info) = found
            && info.total != 0
            && info.seq != 0
            && info.seq <= info.total
        {
            return Some(info);
        }
        elements = tail.get(len..).unwrap_or(&[]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::{decode, encode};
    use super::*;

    #[test]
    fn sar_parts_use_the_whole_message_and_never_split_a_pair() {
        let text: String = "a".repeat(161);
        let parts = split_sar(&text, Alphabet::Gsm7).unwrap();
        assert_eq!(parts.iter().map(Vec::len).collect::<Vec<_>>(), [160, 1], "no UDH takes room");
        assert_eq!(split_sar("short", Alphabet::Gsm7).unwrap(), [encode("short", Alphabet::Gsm7).unwrap()]);
        // An escape pair (€ is ESC e) straddling 160 septets moves whole to the next part.
        let text = format!("{}€", "a".repeat(159));
        let parts = split_sar(&text, Alphabet::Gsm7).unwrap();
        assert_eq!(parts.iter().map(Vec::len).collect::<Vec<_>>(), [159, 2]);
        // UCS2: 70 characters a part; a surrogate pair is never cut.
        let text = format!("{}😀", "ж".repeat(69));
        let parts = split_sar(&text, Alphabet::Ucs2).unwrap();
        assert_eq!(parts.iter().map(Vec::len).collect::<Vec<_>>(), [138, 4]);
        let joined: Vec<u8> = parts.concat();
        assert_eq!(decode(&joined, Alphabet::Ucs2).text, text);
    }

    #[test]
    fn single_part_limits() {
        for (alphabet, limit, c) in [
            (Alphabet::Gsm7, 160, 'a'),
            (Alphabet::Ia5, 140, 'a'),
            (Alphabet::Latin1, 140, 'é'),
            (Alphabet::Ucs2, 70, 'ж'),
        ] {
            let fits: String = std::iter::repeat_n(c, limit).collect();
            let parts = split(&fits, alphabet, Concat::Udh8, 1).unwrap();
            assert_eq!(parts.len(), 1, "{alphabet}");
            assert!(!parts[0].has_udh());
            assert_eq!(parts[0].short_message(), encode(&fits, alphabet).unwrap());
            let info = segment_info(&fits, alphabet, 6).unwrap();
            assert_eq!((info.parts, info.units, info.units_left), (1, limit, 0));
            assert_eq!(info.units_per_part, limit);

            let over: String = std::iter::repeat_n(c, limit + 1).collect();
            assert_eq!(split(&over, alphabet, Concat::Udh8, 1).unwrap().len(), 2);
        }
    }

    #[test]
    fn multipart_capacities() {
        for (alphabet, concat, per_part, c) in [
            (Alphabet::Gsm7, Concat::Udh8, 153, 'a'),
            (Alphabet::Gsm7, Concat::Udh16, 152, 'a'),
            (Alphabet::Latin1, Concat::Udh8, 134, 'a'),
            (Alphabet::Ia5, Concat::Udh16, 133, 'a'),
            (Alphabet::Ucs2, Concat::Udh8, 67, 'ж'),
            (Alphabet::Ucs2, Concat::Udh16, 66, 'ж'),
        ] {
            let text: String = std::iter::repeat_n(c, per_part * 3).collect();
            let parts = split(&text, alphabet, concat, 0x1234).unwrap();
            assert_eq!(parts.len(), 3, "{alphabet} {concat:?}");
            let octets = if alphabet == Alphabet::Ucs2 { 2 } else { 1 };
            for part in &parts {
                assert_eq!(part.payload.len(), per_part * octets);
                assert_eq!(part.udh.len(), concat.udh_len());
            }
            let info = segment_info(&text, alphabet, concat.udh_len()).unwrap();
            assert_eq!(info.parts, 3);
            assert_eq!(info.units_per_part, per_part);
            assert_eq!(info.units_left, 0);

            let one_more: String = std::iter::repeat_n(c, per_part * 3 + 1).collect();
            let info = segment_info(&one_more, alphabet, concat.udh_len()).unwrap();
            assert_eq!((info.parts, info.units_left), (4, per_part - 1));
        }
    }

    #[test]
    fn udh_layouts() {
        let text: String = std::iter::repeat_n('x', 200).collect();
        let parts = split(&text, Alphabet::Gsm7, Concat::Udh8, 0x12AB).unwrap();
        assert_eq!(parts[0].udh, [0x05, 0x00, 0x03, 0xAB, 0x02, 0x01]);
        assert_eq!(parts[1].udh, [0x05, 0x00, 0x03, 0xAB, 0x02, 0x02]);
        let parts = split(&text, Alphabet::Gsm7, Concat::Udh16, 0x12AB).unwrap();
        assert_eq!(parts[0].udh, [0x06, 0x08, 0x04, 0x12, 0xAB, 0x02, 0x01]);
        assert_eq!(parts[1].udh, [0x06, 0x08, 0x04, 0x12, 0xAB, 0x02, 0x02]);
        assert!(parts[1].has_udh());
        let sm = parts[1].short_message();
        assert_eq!(&sm[..7], &parts[1].udh[..]);
        assert_eq!(&sm[7..], &parts[1].payload[..]);
    }

    #[test]
    fn escape_pair_is_never_split() {
        // 152 'a' then '€': the escape would be septet 153 and its code septet 154.
        let text = format!("{}€{}", "a".repeat(152), "b".repeat(10));
        let parts = split(&text, Alphabet::Gsm7, Concat::Udh8, 7).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].payload, vec![b'a'; 152]);
        let mut second = vec![0x1B, 0x65];
        second.extend_from_slice(&[b'b'; 10]);
        assert_eq!(parts[1].payload, second);
        let info = segment_info(&text, Alphabet::Gsm7, 6).unwrap();
        assert_eq!((info.chars, info.units, info.parts), (163, 164, 2));
        assert_eq!((info.units_per_part, info.units_left), (153, 141));
    }

    #[test]
    fn extension_chars_count_double_in_single_part() {
        let text = "€".repeat(80);
        let info = segment_info(&text, Alphabet::Gsm7, 6).unwrap();
        assert_eq!((info.chars, info.units, info.parts), (80, 160, 1));
        let text = "€".repeat(81);
        let info = segment_info(&text, Alphabet::Gsm7, 6).unwrap();
        // 162 septets; 76 pairs per part (152 septets; the 153rd would split a pair).
        assert_eq!((info.units, info.parts, info.units_left), (162, 2, 143));
        let parts = split(&text, Alphabet::Gsm7, Concat::Udh8, 1).unwrap();
        let sizes: Vec<usize> = parts.iter().map(|p| p.payload.len()).collect();
        assert_eq!(sizes, [152, 10]);
    }

    #[test]
    fn surrogate_pair_is_never_split() {
        // 69 units fit one message even though the emoji sits where a part boundary would be.
        let fits = format!("{}😀z", "a".repeat(66));
        let info = segment_info(&fits, Alphabet::Ucs2, 6).unwrap();
        assert_eq!((info.chars, info.units, info.parts, info.units_left), (68, 69, 1, 1));

        let text = format!("{}😀{}", "a".repeat(66), "z".repeat(5));
        let parts = split(&text, Alphabet::Ucs2, Concat::Udh8, 7).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].payload.len(), 66 * 2);
        assert_eq!(parts[1].payload, [0xD8, 0x3D, 0xDE, 0x00, 0, b'z', 0, b'z', 0, b'z', 0, b'z', 0, b'z']);
        let info = segment_info(&text, Alphabet::Ucs2, 6).unwrap();
        assert_eq!((info.units, info.parts, info.units_left), (73, 2, 60));
    }

    #[test]
    fn empty_text_is_one_empty_part() {
        let parts = split("", Alphabet::Gsm7, Concat::Udh8, 0).unwrap();
        assert_eq!(parts, [Part { udh: vec![], payload: vec![] }]);
        let info = segment_info("", Alphabet::Ucs2, 6).unwrap();
        assert_eq!((info.chars, info.units, info.parts, info.units_left), (0, 0, 1, 70));
    }

    #[test]
    fn too_many_parts() {
        let text = "a".repeat(153 * 255);
        assert_eq!(split(&text, Alphabet::Gsm7, Concat::Udh8, 0).unwrap().len(), 255);
        let text = "a".repeat(153 * 255 + 1);
        assert_eq!(
            split(&text, Alphabet::Gsm7, Concat::Udh8, 0).unwrap_err(),
            CodingError::TooManyParts { parts: 256 }
        );
        assert_eq!(segment_info(&text, Alphabet::Gsm7, 6).unwrap().parts, 256);
    }

    #[test]
    fn errors() {
        assert!(matches!(
            split("ж", Alphabet::Gsm7, Concat::Udh8, 0),
            Err(CodingError::Unencodable { character: 'ж', .. })
        ));
        assert_eq!(segment_info("x", Alphabet::Binary, 6).unwrap_err(), CodingError::BinaryIsNotText);
        assert_eq!(segment_info("x", Alphabet::Gsm7, 139).unwrap_err(), CodingError::UdhTooLong { udh_len: 139 });
    }

    #[test]
    fn forced_by_in_segment_info() {
        let info = segment_info("hi ж😀ж", Alphabet::Ucs2, 6).unwrap();
        assert_eq!(info.forced_by, ['ж', '😀']);
        let info = segment_info("hi", Alphabet::Gsm7, 6).unwrap();
        assert!(info.forced_by.is_empty());
    }

    #[test]
    fn binary_split() {
        let data: Vec<u8> = (0..=255).collect();
        let parts = split_binary(&data, Concat::Udh8, 9).unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].payload.len(), 134);
        let joined: Vec<u8> = parts.iter().flat_map(|p| p.payload.clone()).collect();
        assert_eq!(joined, data);
        let small = split_binary(&data[..140], Concat::Udh16, 9).unwrap();
        assert_eq!(small.len(), 1);
        assert!(!small[0].has_udh());
    }

    #[test]
    fn udh_parsing() {
        let sm = [0x05, 0x00, 0x03, 0xAB, 0x02, 0x01, b'h', b'i'];
        let (udh, payload) = split_udh(&sm).unwrap();
        assert_eq!(payload, b"hi");
        assert_eq!(parse_concat_udh(udh), Some(ConcatInfo { concat: Concat::Udh8, reference: 0xAB, total: 2, seq: 1 }));
        // Port addressing IE first, then a 16-bit concatenation IE.
        let udh = [0x0C, 0x05, 0x04, 0x0B, 0x84, 0x23, 0xF0, 0x08, 0x04, 0x12, 0x34, 0x03, 0x02];
        assert_eq!(
            parse_concat_udh(&udh),
            Some(ConcatInfo { concat: Concat::Udh16, reference: 0x1234, total: 3, seq: 2 })
        );
        assert_eq!(parse_concat_udh(&[0x05, 0x00, 0x03, 0x01, 0x00, 0x01]), None);
        assert_eq!(parse_concat_udh(&[0x05, 0x00, 0x03, 0x01, 0x02, 0x03]), None);
        assert_eq!(parse_concat_udh(&[0x05, 0x00, 0x03, 0x01]), None);
        assert_eq!(parse_concat_udh(&[]), None);
        assert_eq!(split_udh(&[0x05, 0x00]), None);
        assert_eq!(split_udh(&[]), None);
        for len in 0..20 {
            let junk: Vec<u8> = (0..len).map(|i| (i * 37 + 3) as u8).collect();
            let _ = parse_concat_udh(&junk);
            let _ = split_udh(&junk);
        }
    }

    /// xorshift64*: deterministic, dependency-free randomness for the property tests.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<T: Copy>(&mut self, items: &[T]) -> T {
            items[self.below(items.len())]
        }
    }

    const ASCII: &[char] = &['a', 'Z', '0', ' ', '.', '@', '\n', '?'];
    const GSM_EXT: &[char] = &['€', '[', ']', '{', '}', '\\', '~', '^', '|', '\u{0C}'];
    const GSM_LATIN: &[char] = &['é', 'è', 'Ä', 'ß', 'Ø', '£', 'Δ', '_', 'à', 'Ç'];
    const LATIN1_ONLY: &[char] = &['á', 'ç', 'ÿ', '©', '\u{A0}'];
    const CYRILLIC: &[char] = &['ж', 'П', 'я', 'Ё'];
    const EMOJI: &[char] = &['😀', '👍', '🚀', '𝄞'];

    fn text(rng: &mut Rng, pools: &[&[char]]) -> String {
        let len = rng.pick(&[0, 1, 5, 60, 69, 70, 71, 140, 152, 153, 159, 160, 161, 320, 700]);
        let len = len + rng.below(5);
        (0..len)
            .map(|_| {
                let pool = rng.pick(pools);
                rng.pick(pool)
            })
            .collect()
    }

    fn check_round_trip(text: &str, alphabet: Alphabet, concat: Concat, reference: u16) {
        let parts = split(text, alphabet, concat, reference).unwrap();
        let info = segment_info(text, alphabet, concat.udh_len()).unwrap();
        assert_eq!(info.parts, parts.len(), "{text:?}");
        assert_eq!(info.chars, text.chars().count());
        let single = alphabet.capacity(0).unwrap();
        let multi = alphabet.capacity(concat.udh_len()).unwrap();
        let octets = if alphabet == Alphabet::Ucs2 { 2 } else { 1 };
        let mut joined = Vec::new();
        for (index, part) in parts.iter().enumerate() {
            let cap = if parts.len() == 1 { single } else { multi };
            assert!(part.payload.len() <= cap * octets, "{alphabet} part {index}");
            assert_eq!(part.has_udh(), parts.len() > 1);
            if part.has_udh() {
                let short_message = part.short_message();
                let (udh, payload) = split_udh(&short_message).unwrap();
                assert_eq!(payload, &part.payload[..]);
                let concat_info = parse_concat_udh(udh).unwrap();
                assert_eq!(usize::from(concat_info.total), parts.len());
                assert_eq!(usize::from(concat_info.seq), index + 1);
                let expected_ref = match concat {
                    Concat::Udh8 => reference & 0xFF,
                    Concat::Udh16 => reference,
                };
                assert_eq!(concat_info.reference, expected_ref);
            }
            // Each part decodes cleanly on its own: no escape or surrogate was cut.
            let alone = decode(&part.payload, alphabet);
            assert!(alone.warnings.is_empty(), "{:?}", alone.warnings);
            joined.extend_from_slice(&part.payload);
        }
        let last = parts.last().unwrap().payload.len() / octets;
        let cap = if parts.len() == 1 { single } else { multi };
        assert_eq!(info.units_left, cap - last);
        assert_eq!(info.units, joined.len() / octets);
        let decoded = decode(&joined, alphabet);
        assert_eq!(decoded.text, text);
        assert!(decoded.warnings.is_empty());
    }

    #[test]
    fn property_split_reassembles_and_respects_capacity() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for round in 0..400 {
            let concat = if round % 2 == 0 { Concat::Udh8 } else { Concat::Udh16 };
            let reference = rng.next() as u16;

            let gsm = text(&mut rng, &[ASCII, GSM_EXT, GSM_LATIN]);
            check_round_trip(&gsm, Alphabet::Gsm7, concat, reference);
            assert_eq!(super::super::choose(&gsm).alphabet, Alphabet::Gsm7);

            let any = text(&mut rng, &[ASCII, GSM_EXT, GSM_LATIN, LATIN1_ONLY, CYRILLIC, EMOJI]);
            check_round_trip(&any, Alphabet::Ucs2, concat, reference);

            let latin = text(&mut rng, &[ASCII, LATIN1_ONLY, &['é', 'ß', 'Ä']]);
            check_round_trip(&latin, Alphabet::Latin1, concat, reference);

            let ascii = text(&mut rng, &[ASCII, &['[', '~', '|']]);
            check_round_trip(&ascii, Alphabet::Ia5, concat, reference);
        }
    }
}
