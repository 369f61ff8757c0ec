//! Matching message IDs across the formats SMSCs use for the same message.
//!
//! The `message_id` in submit_sm_resp and the `id:` in the delivery receipt (or the
//! `receipted_message_id` TLV) often differ in form: hex in one and decimal in the other,
//! leading zeros added or dropped, case changed. Comparing strings then loses receipts, so IDs
//! are reduced to canonical keys and two IDs match when they share a key.
//!
//! Known ambiguity: an all-digit ID such as `41394` can be decimal or hex. Both readings are
//! produced as keys (`n:a1b2` and `n:41394`), so `41394` matches both `A1B2` and `041394`. That
//! could in principle match two different messages, but callers compare IDs within one SMSC
//! profile, whose IDs share one format, so the two readings never compete in practice.

/// The most hex digits whose value fits in a `u128`.
const MAX_HEX_DIGITS: usize = 32;

/// Canonical keys for `id`; two IDs that denote the same message share at least one key.
///
/// - Whitespace and NULs around the ID are ignored (C-octet strings leak their terminator).
/// - All hex digits (at most 32 significant digits): `n:` + the value in lowercase hex without
///   leading zeros (`n:0` for zero).
/// - All decimal digits that fit a `u128`: additionally `n:` + the decimal value in hex.
/// - A UUID (8-4-4-4-12 hex digits): `n:` + its 32 digits read as hex, so it matches the same
///   value written without dashes.
/// - Anything else (alphanumeric SIDs, over-long IDs): `s:` + the ID lowercased with leading
///   zeros stripped.
///
/// The result is deduplicated and in a fixed order; an empty ID has no keys and matches nothing.
pub fn correlation_keys(id: &str) -> Vec<String> {
    let id = id.trim_matches(|c: char| c.is_whitespace() || c == '\0');
    if id.is_empty() {
        return Vec::new();
    }
    let mut keys = Vec::new();
    if id.bytes().all(|b| b.is_ascii_hexdigit())
        && let Some(value) = hex_value(id)
    {
        keys.push(numeric_key(value));
    }
    if id.bytes().all(|b| b.is_ascii_digit())
        && let Ok(value) = id.parse::<u128>()
    {
        keys.push(numeric_key(value));
    }
    if keys.is_empty()
        && let Some(value) = uuid_value(id)
    {
        keys.push(numeric_key(value));
    }
    if keys.is_empty() {
        let lower = id.to_lowercase();
        let stripped = lower.trim_start_matches('0');
        keys.push(format!("s:{stripped}"));
    }
    keys.dedup();
    keys
}

/// Whether two message IDs denote the same message (share a correlation key).
pub fn ids_match(a: &str, b: &str) -> bool {
    let keys_b = correlation_keys(b);
    correlation_keys(a).iter().any(|key| keys_b.contains(key))
}

fn numeric_key(value: u128) -> String {
    format!("n:{value:x}")
}

/// The value of a string of hex digits, if it has at most 32 significant digits.
fn hex_value(digits: &str) -> Option<u128> {
    let significant = digits.trim_start_matches('0');
    if significant.is_empty() {
        return Some(0);
    }
    if significant.len() > MAX_HEX_DIGITS {
        return None;
    }
    u128::from_str_radix(significant, 16).ok()
}

/// The 128-bit value of a UUID in its canonical dashed form.
fn uuid_value(id: &str) -> Option<u128> {
    let groups: Vec<&str> = id.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    if lengths != [8, 4, 4, 4, 12] {
        return None;
    }
    let digits: String = groups.concat();
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    hex_value(&digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_with_leading_zeros_and_case() {
        assert!(ids_match("0000A1B2", "a1b2"));
        assert_eq!(correlation_keys("0000A1B2"), ["n:a1b2"]);
    }

    #[test]
    fn decimal_matches_its_hex_form() {
        assert_eq!(41394, 0xA1B2);
        assert!(ids_match("41394", "A1B2"));
        assert!(ids_match("A1B2", "41394"));
        assert_eq!(correlation_keys("41394"), ["n:41394", "n:a1b2"]);
    }

    #[test]
    fn leading_zeros_in_decimal() {
        assert!(ids_match("00123", "123"));
        assert!(ids_match("0000000123", "123"));
    }

    #[test]
    fn zero_and_single_digits() {
        assert_eq!(correlation_keys("0"), ["n:0"]);
        assert_eq!(correlation_keys("0000"), ["n:0"]);
        assert_eq!(correlation_keys("7"), ["n:7"]);
        assert!(ids_match("000", "0"));
    }

    #[test]
    fn twilio_sids_match_only_case_insensitively() {
        let sid = "YV0123456789abcdef0123456789abcdef";
        assert_eq!(sid.len(), 34);
        assert_eq!(correlation_keys(sid), [format!("s:{}", sid.to_lowercase())]);
        assert!(ids_match(sid, &sid.to_uppercase()));
        assert!(ids_match(sid, sid));
        assert!(!ids_match(sid, "0123456789abcdef0123456789abcdef"));
        assert!(!ids_match(sid, "YV0123456789abcdef0123456789abcdee"));
    }

    #[test]
    fn telesign_references() {
        let reference = "0B1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E";
        assert_eq!(reference.len(), 32);
        assert!(ids_match(reference, &reference.to_lowercase()));
        assert_eq!(correlation_keys(reference), ["n:b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"]);
        assert!(ids_match(reference, "b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"));
        let full = "FB1C2D3E4F5A6B7C8D9E0F1A2B3C4D5E";
        assert_eq!(correlation_keys(full), ["n:fb1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e"]);
    }

    #[test]
    fn over_long_ids_fall_back_to_strings() {
        let long_hex = "1234567890abcdef1234567890abcdef12";
        assert_eq!(correlation_keys(long_hex), [format!("s:{long_hex}")]);
        assert!(ids_match(long_hex, &format!("00{}", long_hex.to_uppercase())));
        // 33 to 39 decimal digits still fit a u128 when read as decimal.
        let long_decimal = "123456789012345678901234567890123";
        assert_eq!(correlation_keys(long_decimal).len(), 1);
        assert!(ids_match(long_decimal, &format!("0{long_decimal}")));
        let huge_decimal = "1".repeat(45);
        assert_eq!(correlation_keys(&huge_decimal), [format!("s:{huge_decimal}")]);
    }

    #[test]
    fn whitespace_and_nuls_are_ignored() {
        assert!(ids_match(" a1b2\0", "A1B2"));
        assert!(ids_match("\t123\r\n", "123"));
        assert!(correlation_keys(" \0 ").is_empty());
        assert!(!ids_match("", ""));
        assert!(!ids_match("", "0"));
    }

    #[test]
    fn uuids_match_their_undashed_form() {
        let uuid = "550e8400-e29b-41d4-a716-446655440000";
        assert!(ids_match(uuid, "550E8400E29B41D4A716446655440000"));
        assert!(ids_match(uuid, &uuid.to_uppercase()));
        assert!(!ids_match(uuid, "550e8400-e29b-41d4-a716-446655440001"));
        assert_eq!(correlation_keys("550e8400-e29b-41d4-a716"), ["s:550e8400-e29b-41d4-a716"]);
    }

    #[test]
    fn alphanumeric_ids_strip_leading_zeros() {
        assert!(ids_match("00msg-42", "MSG-42"));
        assert_eq!(correlation_keys("00Msg-42"), ["s:msg-42"]);
    }

    #[test]
    fn unrelated_ids_do_not_match() {
        assert!(!ids_match("a1b2", "a1b3"));
        assert!(!ids_match("123", "124"));
        assert!(!ids_match("41394", "41395"));
        assert!(!ids_match("msg-1", "msg-2"));
        assert!(!ids_match("abc", "0xabc"));
    }

    #[test]
    fn keys_are_deterministic_and_unique() {
        for id in ["41394", "A1B2", "0", "YVabc", "9"] {
            let keys = correlation_keys(id);
            assert_eq!(keys, correlation_keys(id));
            let mut sorted = keys.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), keys.len(), "{id}");
        }
    }
}
