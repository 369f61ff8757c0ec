//! The Send page's live preview: which alphabet, how many parts, what is left.

use smpp_codec::coding::{self, Concat};

use crate::model::EncodingPreview;

/// Exactly what the send flow will do with `text` (it uses the same choice and split).
pub fn preview_encoding(text: &str) -> EncodingPreview {
    let choice = coding::choose(text);
    let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    let forced_by = choice.forced_by.iter().map(|c| c.to_string()).collect();
    match coding::segment_info(text, choice.alphabet, Concat::Udh8.udh_len()) {
        Ok(info) => EncodingPreview {
            alphabet: choice.alphabet.label().into(),
            reason: choice.reason,
            chars: n(info.chars),
            units: n(info.units),
            parts: n(info.parts),
            units_per_part: n(info.units_per_part),
            units_left: n(info.units_left),
            forced_by,
        },
        // `choose` only picks alphabets that can encode the text; keep the UI honest anyway.
        Err(e) => EncodingPreview {
            alphabet: choice.alphabet.label().into(),
            reason: e.to_string(),
            chars: n(text.chars().count()),
            units: 0,
            parts: 0,
            units_per_part: 0,
            units_left: 0,
            forced_by,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gsm_single_and_multipart() {
        let p = preview_encoding("Hello");
        assert_eq!((p.alphabet.as_str(), p.parts, p.units, p.units_left), ("GSM7", 1, 5, 155));
        let p = preview_encoding(&"a".repeat(161));
        assert_eq!((p.parts, p.units_per_part, p.units_left), (2, 153, 153 * 2 - 161));
        // € is an escape pair: two septets.
        assert_eq!(preview_encoding("€").units, 2);
    }

    #[test]
    fn ucs2_names_the_culprits() {
        let p = preview_encoding("Hi 😀 ж");
        assert_eq!(p.alphabet, "UCS2");
        assert_eq!(p.forced_by, vec!["😀".to_string(), "ж".to_string()]);
        assert_eq!(p.units, 7); // the emoji is a surrogate pair
        assert!(p.reason.contains('ж'));
    }
}
