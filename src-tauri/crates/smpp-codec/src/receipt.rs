//! Delivery receipts: the `message_state` values and the receipt text in `short_message`.
//!
//! The receipt text format is only an example in the SMPP 3.4 appendix, so every SMSC bends it:
//! key case varies, fields go missing or move, dates have 10 or 12 digits, underscores replace
//! spaces, vendors add fields. The parser therefore accepts anything that looks like
//! `key:value` pairs with an `id` or `stat`, keeps what it does not know, and reports oddities
//! as warnings instead of failing.

/// The `message_state` TLV values (SMPP 3.4 §5.2.28, extended by 5.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum MessageState {
    /// SMPP 5.0: the message is scheduled for later delivery.
    Scheduled = 0,
    /// The message is in transit.
    Enroute = 1,
    /// The message reached its destination.
    Delivered = 2,
    /// The validity period passed before delivery.
    Expired = 3,
    /// The message was deleted (e.g. by cancel_sm).
    Deleted = 4,
    /// The message cannot be delivered.
    Undeliverable = 5,
    /// The message was accepted on behalf of the subscriber.
    Accepted = 6,
    /// The state is unknown to the SMSC.
    Unknown = 7,
    /// The message was rejected.
    Rejected = 8,
    /// SMPP 5.0: the message was deliberately not transmitted.
    Skipped = 9,
}

impl MessageState {
    /// All states in numeric order.
    pub const ALL: [MessageState; 10] = [
        MessageState::Scheduled,
        MessageState::Enroute,
        MessageState::Delivered,
        MessageState::Expired,
        MessageState::Deleted,
        MessageState::Undeliverable,
        MessageState::Accepted,
        MessageState::Unknown,
        MessageState::Rejected,
        MessageState::Skipped,
    ];

    /// The state for a `message_state` TLV value, `None` for values SMPP does not define.
    pub fn from_u8(value: u8) -> Option<MessageState> {
        MessageState::ALL.get(usize::from(value)).copied()
    }

    /// The `message_state` TLV value.
    pub fn as_u8(self) -> u8 {
        self as u8
    }

    /// The `stat:` word of the receipt text (the 7-letter abbreviations of the 3.4 appendix).
    pub fn stat(self) -> &'static str {
        match self {
            MessageState::Scheduled => "SCHEDULED",
            MessageState::Enroute => "ENROUTE",
            MessageState::Delivered => "DELIVRD",
            MessageState::Expired => "EXPIRED",
            MessageState::Deleted => "DELETED",
            MessageState::Undeliverable => "UNDELIV",
            MessageState::Accepted => "ACCEPTD",
            MessageState::Unknown => "UNKNOWN",
            MessageState::Rejected => "REJECTD",
            MessageState::Skipped => "SKIPPED",
        }
    }

    /// The state for a `stat:` word: case-insensitive, abbreviations and full words
    /// ("DELIVERED", "UNDELIVERABLE", "UNDELIVERED", "ACCEPTED", "REJECTED", "EN_ROUTE"), and
    /// the numeric `message_state` value some SMSCs write instead.
    pub fn from_stat(stat: &str) -> Option<MessageState> {
        // Normalised on the stack; only a word longer than the buffer (a long run of digits,
        // or no state at all) takes the allocating path.
        let mut buf = [0u8; 16];
        let mut len = 0;
        for b in stat.trim().bytes().filter(|b| !matches!(b, b'_' | b'-' | b' ')) {
            let Some(slot) = buf.get_mut(len) else {
                let word: String = stat
                    .trim()
                    .chars()
                    .filter(|c| !matches!(c, '_' | '-' | ' '))
                    .map(|c| c.to_ascii_uppercase())
                    .collect();
                return Self::from_word(&word);
            };
            *slot = b.to_ascii_uppercase();
            len += 1;
        }
        // Removing ASCII octets from valid UTF-8 and uppercasing ASCII leaves valid UTF-8.
        std::str::from_utf8(buf.get(..len)?).ok().and_then(Self::from_word)
    }

    /// The state for a `stat:` word already normalised by [`MessageState::from_stat`].
    fn from_word(word: &str) -> Option<MessageState> {
        let state = match word {
            "SCHEDULED" | "SCHEDULD" => MessageState::Scheduled,
            "ENROUTE" => MessageState::Enroute,
            "DELIVRD" | "DELIVERED" => MessageState::Delivered,
            "EXPIRED" => MessageState::Expired,
            "DELETED" => MessageState::Deleted,
            "UNDELIV" | "UNDELIVERABLE" | "UNDELIVERED" => MessageState::Undeliverable,
            "ACCEPTD" | "ACCEPTED" => MessageState::Accepted,
            "UNKNOWN" => MessageState::Unknown,
            "REJECTD" | "REJECTED" => MessageState::Rejected,
            "SKIPPED" => MessageState::Skipped,
            digits if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
                return digits.parse::<u8>().ok().and_then(MessageState::from_u8);
            }
            _ => return None,
        };
        Some(state)
    }

    /// What the state means, for someone reading a receipt.
    pub fn meaning(self) -> &'static str {
        match self {
            MessageState::Scheduled => "The message is scheduled: the SMSC holds it until its scheduled delivery time.",
            MessageState::Enroute => {
                "The message is in transit: the SMSC is still trying to deliver it (e.g. the handset is unreachable)."
            }
            MessageState::Delivered => "The message was delivered to the handset.",
            MessageState::Expired => "The message expired: its validity period ended before it could be delivered.",
            MessageState::Deleted => {
                "The message was deleted before delivery (cancelled by the sender or by the SMSC)."
            }
            MessageState::Undeliverable => {
                "The message is undeliverable: the network gave up on it (invalid or barred number, or a permanent error); see err for the reason."
            }
            MessageState::Accepted => {
                "The message was accepted: per SMPP it was read on the subscriber's behalf (e.g. by customer service); some providers use it for 'accepted by the operator'."
            }
            MessageState::Unknown => "The message state is unknown: the SMSC lost track of it or the state is invalid.",
            MessageState::Rejected => {
                "The message was rejected by the SMSC or the network (e.g. spam filter, blocked sender or destination)."
            }
            MessageState::Skipped => {
                "The message was skipped: accepted but deliberately not transmitted, without an error."
            }
        }
    }

    /// Whether no further receipt is expected for the message (the final states of SMPP 3.4
    /// plus 5.0's SKIPPED). Note that some providers send ACCEPTD as an intermediate state
    /// followed by DELIVRD; the specification nonetheless lists it as final.
    pub fn is_final(self) -> bool {
        !matches!(self, MessageState::Scheduled | MessageState::Enroute | MessageState::Unknown)
    }
}

/// The fields of a delivery receipt text, kept as strings exactly as the SMSC wrote them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReceiptText {
    /// `id:` the message ID the SMSC assigned (compare with [`crate::message_id::ids_match`]).
    pub id: Option<String>,
    /// `sub:` number of short messages originally submitted.
    pub sub: Option<String>,
    /// `dlvrd:` number of short messages delivered.
    pub dlvrd: Option<String>,
    /// `submit date:` YYMMDDhhmm or YYMMDDhhmmss.
    pub submit_date: Option<String>,
    /// `done date:` YYMMDDhhmm or YYMMDDhhmmss.
    pub done_date: Option<String>,
    /// `stat:` the final state word (see [`MessageState::from_stat`]).
    pub stat: Option<String>,
    /// `err:` network or SMSC specific error code, hex or decimal (see [`parse_err_code`]).
    pub err: Option<String>,
    /// `text:` the start of the original message; runs to the end of the receipt.
    pub text: Option<String>,
    /// Fields the standard layout does not have, as (key as written, value), in order.
    pub extra: Vec<(String, String)>,
    /// Oddities found while parsing, as sentences.
    pub warnings: Vec<String>,
}

impl ReceiptText {
    /// The parsed `stat`, if present and recognised.
    pub fn state(&self) -> Option<MessageState> {
        self.stat.as_deref().and_then(MessageState::from_stat)
    }

    /// The parsed `err`, if present and numeric.
    pub fn err_code(&self) -> Option<u32> {
        self.err.as_deref().and_then(parse_err_code)
    }
}

/// The fields the parser recognises, after normalising case and separators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Sub,
    Dlvrd,
    SubmitDate,
    DoneDate,
    Stat,
    Err,
    Text,
}

impl Field {
    /// The field a key names, ignoring case, `_`, `-` and spaces. The key is normalised on the
    /// stack: a key that is longer than 10 octets once normalised is no known field.
    fn from_key(key: &str) -> Option<Field> {
        let mut normal = [0u8; 10];
        let mut len = 0;
        for b in key.bytes().filter(|b| !matches!(b, b'_' | b'-' | b' ')) {
            *normal.get_mut(len)? = b.to_ascii_lowercase();
            len += 1;
        }
        Some(match normal.get(..len)? {
            b"id" => Field::Id,
            b"sub" => Field::Sub,
            b"dlvrd" => Field::Dlvrd,
            b"submitdate" => Field::SubmitDate,
            b"donedate" => Field::DoneDate,
            b"stat" => Field::Stat,
            b"err" => Field::Err,
            b"text" => Field::Text,
            _ => return None,
        })
    }

    fn slot(self, receipt: &mut ReceiptText) -> &mut Option<String> {
        match self {
            Field::Id => &mut receipt.id,
            Field::Sub => &mut receipt.sub,
            Field::Dlvrd => &mut receipt.dlvrd,
            Field::SubmitDate => &mut receipt.submit_date,
            Field::DoneDate => &mut receipt.done_date,
            Field::Stat => &mut receipt.stat,
            Field::Err => &mut receipt.err,
            Field::Text => &mut receipt.text,
        }
    }
}

/// A `key:` found in the receipt, with byte offsets into the text.
#[derive(Debug)]
struct KeyAt<'a> {
    key: &'a str,
    /// The known field the key names, looked up once.
    field: Option<Field>,
    key_start: usize,
    value_start: usize,
}

/// Whitespace-separated tokens with their byte offsets.
fn tokens(s: &str) -> Vec<(usize, &str)> {
    // A standard receipt has 11 tokens; one allocation covers it.
    let mut out = Vec::with_capacity(16);
    let mut start = None;
    for (index, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(begin)) => {
                out.extend(s.get(begin..index).map(|t| (begin, t)));
                start = None;
            }
            (false, None) => start = Some(index),
            _ => {}
        }
    }
    if let Some(begin) = start {
        out.extend(s.get(begin..).map(|t| (begin, t)));
    }
    out
}

/// Whether `key` can be a field name: a letter, then letters, digits, `_`, `-` or `.`. This is
/// what keeps times like `12:30` inside a value instead of starting a bogus field.
fn is_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// The key starting at token `index`, and how many tokens it spans.
fn key_at<'a>(s: &'a str, toks: &[(usize, &'a str)], index: usize) -> Option<(KeyAt<'a>, usize)> {
    let &(start, token) = toks.get(index)?;
    // "submit date:" and "done date:" are the only keys with a space.
    if (token.eq_ignore_ascii_case("submit") || token.eq_ignore_ascii_case("done"))
        && let Some(&(next_start, next)) = toks.get(index + 1)
        && next.get(..5).is_some_and(|head| head.eq_ignore_ascii_case("date:"))
    {
        let key = s.get(start..next_start + 4)?;
        return Some((KeyAt { key, field: Field::from_key(key), key_start: start, value_start: next_start + 5 }, 2));
    }
    let colon = token.find(':')?;
    let key = token.get(..colon)?;
    is_key(key)
        .then(|| (KeyAt { key, field: Field::from_key(key), key_start: start, value_start: start + colon + 1 }, 1))
}

fn is_receipt_date(value: &str) -> bool {
    matches!(value.len(), 10 | 12) && value.bytes().all(|b| b.is_ascii_digit())
}

/// Parses a delivery receipt text. `None` only when there is neither an `id:` nor a `stat:`,
/// i.e. when the text is not a receipt at all.
///
/// Values run to the next `key:`; `text:` runs to the end of the string, colons and all.
pub fn parse_receipt_text(s: &str) -> Option<ReceiptText> {
    let s = s.trim_end_matches('\0');
    let toks = tokens(s);
    let mut keys: Vec<KeyAt<'_>> = Vec::with_capacity(toks.len());
    let mut index = 0;
    while index < toks.len() {
        match key_at(s, &toks, index) {
            Some((key, spanned)) => {
                let is_text = key.field == Some(Field::Text);
                keys.push(key);
                if is_text {
                    break;
                }
                index += spanned;
            }
            None => index += 1,
        }
    }

    let mut receipt = ReceiptText::default();
    let mut seen_id_or_stat = false;
    if let Some(first) = keys.first() {
        let leading = s.get(..first.key_start).unwrap_or("").trim();
        if !leading.is_empty() {
            receipt.warnings.push(format!("ignored text before the first field: '{leading}'"));
        }
    }
    for (position, key) in keys.iter().enumerate() {
        let field = key.field;
        let value = if field == Some(Field::Text) {
            s.get(key.value_start..).unwrap_or("")
        } else {
            let end = keys.get(position + 1).map_or(s.len(), |next| next.key_start);
            s.get(key.value_start..end).unwrap_or("").trim()
        };
        match field {
            Some(field) => {
                seen_id_or_stat |= matches!(field, Field::Id | Field::Stat);
                let slot = field.slot(&mut receipt);
                if slot.is_none() {
                    *slot = Some(value.to_string());
                } else {
                    receipt
                        .warnings
                        .push(format!("duplicate field '{}:{value}' ignored; the first one is kept", key.key));
                }
            }
            None => receipt.extra.push((key.key.to_string(), value.to_string())),
        }
    }
    if !seen_id_or_stat {
        return None;
    }
    check(&mut receipt);
    Some(receipt)
}

/// Adds warnings for fields that are missing or not in the expected shape.
fn check(receipt: &mut ReceiptText) {
    let mut warnings = Vec::new();
    match receipt.id.as_deref() {
        None => warnings.push("no id field: the receipt cannot be matched to a submitted message".to_string()),
        Some("") => warnings.push("empty id field: the receipt cannot be matched to a submitted message".to_string()),
        Some(_) => {}
    }
    match receipt.stat.as_deref() {
        None => warnings.push("no stat field: the final state of the message is unknown".to_string()),
        Some(stat) if MessageState::from_stat(stat).is_none() => {
            warnings.push(format!("stat '{stat}' is not a known message state"))
        }
        Some(_) => {}
    }
    for (label, date) in [("submit date", receipt.submit_date.as_deref()), ("done date", receipt.done_date.as_deref())]
    {
        if let Some(date) = date
            && !is_receipt_date(date)
        {
            warnings.push(format!("{label} '{date}' is not in the form YYMMDDhhmm or YYMMDDhhmmss"));
        }
    }
    if let Some(err) = receipt.err.as_deref()
        && parse_err_code(err).is_none()
    {
        warnings.push(format!("err '{err}' is not a decimal or hex number"));
    }
    receipt.warnings.extend(warnings);
}

/// How many characters of the original message the standard layout quotes.
const TEXT_PREFIX_CHARS: usize = 20;

/// Formats a receipt in the standard SMPP 3.4 layout:
/// `id:… sub:… dlvrd:… submit date:… done date:… stat:… err:… text:…`.
///
/// Missing fields get defaults (`sub` 001; `dlvrd` 001 when the state is DELIVRD, else 000;
/// `stat` UNKNOWN; `err` 000; empty dates), extra fields go before `text` because `text` runs
/// to the end, and `text` is cut to its first 20 characters as the layout specifies.
pub fn format_receipt_text(r: &ReceiptText) -> String {
    let stat = r.stat.as_deref().unwrap_or("UNKNOWN");
    let delivered = MessageState::from_stat(stat) == Some(MessageState::Delivered);
    let dlvrd = r.dlvrd.as_deref().unwrap_or(if delivered { "001" } else { "000" });
    let mut out = format!(
        "id:{} sub:{} dlvrd:{dlvrd} submit date:{} done date:{} stat:{stat} err:{}",
        r.id.as_deref().unwrap_or(""),
        r.sub.as_deref().unwrap_or("001"),
        r.submit_date.as_deref().unwrap_or(""),
        r.done_date.as_deref().unwrap_or(""),
        r.err.as_deref().unwrap_or("000"),
    );
    for (key, value) in &r.extra {
        out.push_str(&format!(" {key}:{value}"));
    }
    let text: String = r.text.as_deref().unwrap_or("").chars().take(TEXT_PREFIX_CHARS).collect();
    out.push_str(" text:");
    out.push_str(&text);
    out
}

/// Reads a receipt `err:` value: "0x"-prefixed or containing hex letters means hex, otherwise
/// decimal ("000" is 0, "4A2" is 0x4A2, "123" is 123). The specification leaves the base to the
/// SMSC, so an all-digit value is necessarily read as decimal.
pub fn parse_err_code(err: &str) -> Option<u32> {
    let err = err.trim();
    let (digits, hex) = match err.get(..2) {
        Some(prefix) if prefix.eq_ignore_ascii_case("0x") => (err.get(2..)?, true),
        _ => (err, err.bytes().any(|b| b.is_ascii_hexdigit() && !b.is_ascii_digit())),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, if hex { 16 } else { 10 }).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STANDARD: &str = "id:0123456789 sub:001 dlvrd:001 submit date:2401151230 done date:2401151231 stat:DELIVRD err:000 text:Hello world";

    #[test]
    fn stat_words_normalise_as_before() {
        // The former, allocating normalisation, as the reference.
        fn reference(stat: &str) -> Option<MessageState> {
            let word: String =
                stat.trim().chars().filter(|c| !matches!(c, '_' | '-' | ' ')).map(|c| c.to_ascii_uppercase()).collect();
            MessageState::from_word(&word)
        }
        for stat in [
            "DELIVRD",
            "delivrd",
            " Delivered ",
            "EN_ROUTE",
            "en-route",
            "UN DELIV",
            "undeliverable",
            "2",
            "002",
            "0000000000000000002",
            "00000000000000000000000009",
            "10",
            "256",
            "",
            "  ",
            "_-",
            "DÉLIVRÉ",
            "délivré",
            "UNDELIVERABLE_MESSAGE",
            "ACCEPTD\0",
            "SCHEDULD",
            "skipped",
            "x",
        ] {
            assert_eq!(MessageState::from_stat(stat), reference(stat), "{stat:?}");
        }
        assert_eq!(MessageState::from_stat("0000000000000000002"), Some(MessageState::Delivered));
    }

    #[test]
    fn keys_normalise_as_before() {
        for (key, field) in [
            ("id", Some(Field::Id)),
            ("ID", Some(Field::Id)),
            ("submit date", Some(Field::SubmitDate)),
            ("Submit_Date", Some(Field::SubmitDate)),
            ("done-date", Some(Field::DoneDate)),
            ("s_u_b_m_i_t_d_a_t_e", Some(Field::SubmitDate)),
            ("submitdatex", None),
            ("TeXt", Some(Field::Text)),
            ("dlvrd", Some(Field::Dlvrd)),
            ("stät", None),
            ("", None),
            ("network", None),
        ] {
            assert_eq!(Field::from_key(key), field, "{key:?}");
        }
    }

    #[test]
    fn message_state_values_round_trip() {
        for (value, state) in (0u8..).zip(MessageState::ALL) {
            assert_eq!(state.as_u8(), value);
            assert_eq!(MessageState::from_u8(value), Some(state));
            assert_eq!(MessageState::from_stat(state.stat()), Some(state));
            assert!(state.meaning().ends_with('.'));
        }
        assert_eq!(MessageState::from_u8(10), None);
        assert_eq!(MessageState::from_u8(255), None);
    }

    #[test]
    fn stat_words() {
        use MessageState::*;
        let expected = [
            (Scheduled, "SCHEDULED"),
            (Enroute, "ENROUTE"),
            (Delivered, "DELIVRD"),
            (Expired, "EXPIRED"),
            (Deleted, "DELETED"),
            (Undeliverable, "UNDELIV"),
            (Accepted, "ACCEPTD"),
            (Unknown, "UNKNOWN"),
            (Rejected, "REJECTD"),
            (Skipped, "SKIPPED"),
        ];
        for (state, word) in expected {
            assert_eq!(state.stat(), word);
        }
    }

    #[test]
    fn from_stat_is_tolerant() {
        use MessageState::*;
        for (word, state) in [
            ("delivrd", Delivered),
            ("Delivered", Delivered),
            (" DELIVERED ", Delivered),
            ("UNDELIVERABLE", Undeliverable),
            ("undelivered", Undeliverable),
            ("Accepted", Accepted),
            ("REJECTED", Rejected),
            ("en_route", Enroute),
            ("2", Delivered),
            ("09", Skipped),
        ] {
            assert_eq!(MessageState::from_stat(word), Some(state), "{word}");
        }
        for word in ["", "FAILED", "DELIV", "10", "999"] {
            assert_eq!(MessageState::from_stat(word), None, "{word}");
        }
    }

    #[test]
    fn final_states() {
        use MessageState::*;
        for state in [Delivered, Expired, Deleted, Undeliverable, Accepted, Rejected, Skipped] {
            assert!(state.is_final(), "{state:?}");
        }
        for state in [Scheduled, Enroute, Unknown] {
            assert!(!state.is_final(), "{state:?}");
        }
    }

    #[test]
    fn parses_the_standard_layout() {
        let r = parse_receipt_text(STANDARD).unwrap();
        assert_eq!(r.id.as_deref(), Some("0123456789"));
        assert_eq!(r.sub.as_deref(), Some("001"));
        assert_eq!(r.dlvrd.as_deref(), Some("001"));
        assert_eq!(r.submit_date.as_deref(), Some("2401151230"));
        assert_eq!(r.done_date.as_deref(), Some("2401151231"));
        assert_eq!(r.stat.as_deref(), Some("DELIVRD"));
        assert_eq!(r.err.as_deref(), Some("000"));
        assert_eq!(r.text.as_deref(), Some("Hello world"));
        assert!(r.extra.is_empty());
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        assert_eq!(r.state(), Some(MessageState::Delivered));
        assert_eq!(r.err_code(), Some(0));
    }

    #[test]
    fn key_case_varies() {
        let r = parse_receipt_text(
            "ID:abc Sub:001 DLVRD:000 Submit Date:2401151230 DONE DATE:2401151231 Stat:UNDELIV Err:0x4A2 Text:Hi",
        )
        .unwrap();
        assert_eq!(r.id.as_deref(), Some("abc"));
        assert_eq!(r.submit_date.as_deref(), Some("2401151230"));
        assert_eq!(r.done_date.as_deref(), Some("2401151231"));
        assert_eq!(r.stat.as_deref(), Some("UNDELIV"));
        assert_eq!(r.err_code(), Some(0x4A2));
        assert_eq!(r.text.as_deref(), Some("Hi"));
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    #[test]
    fn keys_in_other_orders_and_missing_fields() {
        let r = parse_receipt_text("stat:EXPIRED id:77 err:12").unwrap();
        assert_eq!(r.stat.as_deref(), Some("EXPIRED"));
        assert_eq!(r.id.as_deref(), Some("77"));
        assert_eq!(r.err.as_deref(), Some("12"));
        assert_eq!(r.text, None);
        assert_eq!(r.sub, None);
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);

        let r = parse_receipt_text("id:42").unwrap();
        assert_eq!(r.id.as_deref(), Some("42"));
        assert_eq!(r.warnings.len(), 1);
        assert!(r.warnings[0].contains("stat"));

        let r = parse_receipt_text("stat:DELIVRD").unwrap();
        assert!(r.warnings[0].contains("id"));
    }

    #[test]
    fn twelve_digit_and_underscore_dates() {
        let r =
            parse_receipt_text("id:1 submit_date:240115123045 done_date:240115123100 stat:DELIVRD err:000").unwrap();
        assert_eq!(r.submit_date.as_deref(), Some("240115123045"));
        assert_eq!(r.done_date.as_deref(), Some("240115123100"));
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    }

    #[test]
    fn malformed_dates_are_kept_with_a_warning() {
        let r = parse_receipt_text("id:1 submit date:2024-01-15 12:30:45 done date:2401 stat:DELIVRD").unwrap();
        assert_eq!(r.submit_date.as_deref(), Some("2024-01-15 12:30:45"));
        assert_eq!(r.done_date.as_deref(), Some("2401"));
        assert_eq!(r.warnings.len(), 2, "{:?}", r.warnings);
    }

    #[test]
    fn extra_fields_are_kept_in_order() {
        let r = parse_receipt_text(
            "id:9 sub:001 dlvrd:001 submit date:2401151230 done date:2401151231 stat:DELIVRD err:000 mccmnc:310260 Price:0.0075 text:x",
        )
        .unwrap();
        assert_eq!(
            r.extra,
            [("mccmnc".to_string(), "310260".to_string()), ("Price".to_string(), "0.0075".to_string())]
        );
        assert_eq!(r.text.as_deref(), Some("x"));
    }

    #[test]
    fn text_runs_to_the_end() {
        let r = parse_receipt_text("id:5 stat:DELIVRD err:000 text:Meet at 12:30 stat:fake id:also fake").unwrap();
        assert_eq!(r.id.as_deref(), Some("5"));
        assert_eq!(r.stat.as_deref(), Some("DELIVRD"));
        assert_eq!(r.text.as_deref(), Some("Meet at 12:30 stat:fake id:also fake"));
        let r = parse_receipt_text("id:5 stat:DELIVRD text:").unwrap();
        assert_eq!(r.text.as_deref(), Some(""));
        let r = parse_receipt_text("id:5 stat:DELIVRD text:hi\0").unwrap();
        assert_eq!(r.text.as_deref(), Some("hi"));
    }

    #[test]
    fn err_in_hex_or_decimal_is_kept_as_string() {
        let r = parse_receipt_text("id:1 stat:UNDELIV err:4A2").unwrap();
        assert_eq!(r.err.as_deref(), Some("4A2"));
        assert_eq!(r.err_code(), Some(0x4A2));
        let r = parse_receipt_text("id:1 stat:UNDELIV err:011").unwrap();
        assert_eq!(r.err_code(), Some(11));
        let r = parse_receipt_text("id:1 stat:UNDELIV err:oops").unwrap();
        assert_eq!(r.err.as_deref(), Some("oops"));
        assert_eq!(r.warnings.len(), 1);
    }

    #[test]
    fn unknown_stat_and_duplicates_warn() {
        let r = parse_receipt_text("id:1 stat:FAILED stat:DELIVRD").unwrap();
        assert_eq!(r.stat.as_deref(), Some("FAILED"));
        assert_eq!(r.state(), None);
        assert_eq!(r.warnings.len(), 2, "{:?}", r.warnings);
    }

    #[test]
    fn leading_junk_warns() {
        let r = parse_receipt_text("Receipt for you id:1 stat:DELIVRD").unwrap();
        assert_eq!(r.id.as_deref(), Some("1"));
        assert!(r.warnings[0].contains("Receipt for you"));
    }

    #[test]
    fn non_receipts_are_none() {
        for text in
            ["", "   ", "Hello there", "Meet me at 12:30", "note: this is not a receipt", "text:id:1 stat:DELIVRD"]
        {
            assert_eq!(parse_receipt_text(text), None, "{text}");
        }
    }

    #[test]
    fn parsing_arbitrary_text_does_not_panic() {
        let pieces = ["id:", "stat:", " ", "é", "😀", "submit", "date:", ":", "x", "done", "\0", "text:"];
        let mut state = 17u32;
        for _ in 0..500 {
            let mut s = String::new();
            for _ in 0..(state % 12) {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                s.push_str(pieces[(state >> 16) as usize % pieces.len()]);
            }
            let _ = parse_receipt_text(&s);
        }
        assert!(parse_receipt_text("submit").is_none());
        assert!(parse_receipt_text("id:1 submit").is_some());
        assert!(parse_receipt_text("id:1 done da").is_some());
    }

    #[test]
    fn formats_the_standard_layout() {
        let r = ReceiptText {
            id: Some("0123456789".into()),
            submit_date: Some("2401151230".into()),
            done_date: Some("2401151231".into()),
            stat: Some("DELIVRD".into()),
            err: Some("000".into()),
            text: Some("Hello world".into()),
            ..ReceiptText::default()
        };
        assert_eq!(format_receipt_text(&r), STANDARD);
        assert_eq!(parse_receipt_text(&format_receipt_text(&r)).unwrap().text, r.text);
    }

    #[test]
    fn format_defaults_and_truncation() {
        let r = ReceiptText {
            id: Some("x1".into()),
            stat: Some("UNDELIV".into()),
            text: Some("Привет, это длинное сообщение".into()),
            extra: vec![("mccmnc".into(), "310260".into())],
            ..ReceiptText::default()
        };
        let formatted = format_receipt_text(&r);
        assert_eq!(
            formatted,
            "id:x1 sub:001 dlvrd:000 submit date: done date: stat:UNDELIV err:000 mccmnc:310260 text:Привет, это длинное "
        );
        let parsed = parse_receipt_text(&formatted).unwrap();
        assert_eq!(parsed.id.as_deref(), Some("x1"));
        assert_eq!(parsed.submit_date.as_deref(), Some(""));
        assert_eq!(parsed.extra, r.extra);
        assert_eq!(
            format_receipt_text(&ReceiptText::default()),
            "id: sub:001 dlvrd:000 submit date: done date: stat:UNKNOWN err:000 text:"
        );
    }

    #[test]
    fn err_codes() {
        assert_eq!(parse_err_code("000"), Some(0));
        assert_eq!(parse_err_code("0x4A2"), Some(0x4A2));
        assert_eq!(parse_err_code("0X4a2"), Some(0x4A2));
        assert_eq!(parse_err_code("4A2"), Some(0x4A2));
        assert_eq!(parse_err_code("4a2"), Some(0x4A2));
        assert_eq!(parse_err_code("123"), Some(123));
        assert_eq!(parse_err_code(" 007 "), Some(7));
        assert_eq!(parse_err_code("0x"), None);
        assert_eq!(parse_err_code(""), None);
        assert_eq!(parse_err_code("-1"), None);
        assert_eq!(parse_err_code("12g"), None);
        assert_eq!(parse_err_code("99999999999"), None);
        assert_eq!(parse_err_code("0xFFFFFFFF"), Some(u32::MAX));
        assert_eq!(parse_err_code("é"), None);
    }
}
