//! short_message / message_payload: User Data Header, text in the data coding, receipt text.

use super::{Field, hex::to_hex, meaning, quote};
use crate::coding::{self, Alphabet};
use crate::receipt::{self, MessageState};

/// What the fields before a message say about it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct MessageContext {
    pub data_coding: Option<u8>,
    pub esm_class: Option<u8>,
}

/// Dissects message octets at absolute offset `at`. The returned field is named "message";
/// the caller renames it.
pub(crate) fn dissect_message(bytes: &[u8], at: usize, ctx: &MessageContext) -> Field {
    let mut field = Field::new("message", at, bytes, String::new());
    let esm = ctx.esm_class.unwrap_or(0);
    let mut payload = bytes;
    let mut payload_at = at;
    let mut concat_note = None;
    if esm & 0x40 != 0 && !bytes.is_empty() {
        match coding::split_udh(bytes) {
            Some((udh, rest)) => {
                let (udh_field, note) = dissect_udh(udh, at);
                concat_note = note;
                field.children.push(udh_field);
                payload = rest;
                payload_at = at + udh.len();
            }
            None => field.add_warning(format!(
                "esm_class sets UDHI but the UDH length {} runs past the {} octet(s) of the message; shown without a UDH",
                bytes.first().copied().unwrap_or_default(),
                bytes.len()
            )),
        }
    }
    let (alphabet, assumed) = match ctx.data_coding {
        Some(dcs) => (Alphabet::from_data_coding(dcs), false),
        None => (Alphabet::Gsm7, true),
    };
    let decoded = coding::decode(payload, alphabet);
    let units = match alphabet {
        Alphabet::Binary => format!("{} octets", payload.len()),
        _ => format!("{} characters", decoded.text.chars().count()),
    };
    let mut meaning = format!("{} text, {units}", alphabet.label());
    if alphabet == Alphabet::Binary {
        meaning = format!("binary data, {units} (shown as hex)");
    }
    if assumed {
        meaning.push_str("; no data_coding in this PDU, decoded as the SMSC default (GSM 7-bit)");
    }
    if let Some(note) = concat_note {
        meaning.push_str("; ");
        meaning.push_str(&note);
    }
    let value = if alphabet == Alphabet::Binary { decoded.text.clone() } else { quote(&decoded.text) };
    field.value.clone_from(&value);
    field.meaning = Some(meaning);
    let mut text_field = Field::new("user_data", payload_at, payload, value);
    for w in &decoded.warnings {
        text_field.add_warning(w.clone());
    }
    if !field.children.is_empty() {
        field.children.push(text_field);
    } else if let Some(w) = text_field.warning {
        field.add_warning(w);
    }
    if meaning::is_receipt(esm) && !payload.is_empty() {
        match receipt::parse_receipt_text(&decoded.text) {
            Some(r) => field.children.push(receipt_field(&r, payload, payload_at)),
            None => field.add_warning(
                "esm_class marks this as a receipt but the text has neither id: nor stat: (not the usual receipt format)"
                    .into(),
            ),
        }
    }
    field
}

/// The UDH as a field with one child per information element, and a note on concatenation.
fn dissect_udh(udh: &[u8], at: usize) -> (Field, Option<String>) {
    let udhl = udh.first().copied().unwrap_or_default();
    let mut field = Field::new("udh", at, udh, to_hex(udh));
    field.children.push(
        Field::new("udhl", at, udh.get(..1).unwrap_or_default(), udhl.to_string())
            .with_meaning(format!("{udhl} octets of information elements follow")),
    );
    let mut note = None;
    let mut pos = 1usize;
    while pos < udh.len() {
        let ie_at = at + pos;
        let rest = udh.get(pos..).unwrap_or_default();
        let [iei, len, data @ ..] = rest else {
            let mut broken = Field::new("information_element", ie_at, rest, to_hex(rest));
            broken.add_warning("incomplete information element (IEI and length need 2 octets)".into());
            field.children.push(broken);
            break;
        };
        let len = usize::from(*len);
        let data = data.get(..len).unwrap_or(data);
        let whole = rest.get(..2 + data.len()).unwrap_or(rest);
        let mut ie = Field::new("information_element", ie_at, whole, String::new());
        let (name, value, children) = information_element(*iei, data, ie_at + 2);
        ie.value = value;
        ie.meaning = Some(format!("IEI 0x{iei:02X}: {name}"));
        if data.len() < len {
            ie.add_warning(format!("IE length {len} runs past the UDH ({} octet(s) left)", data.len()));
        }
        ie.children.push(Field::new("iei", ie_at, whole.get(..1).unwrap_or_default(), format!("0x{iei:02X}")));
        ie.children.push(Field::new("iedl", ie_at + 1, whole.get(1..2).unwrap_or_default(), len.to_string()));
        ie.children.extend(children);
        if matches!(iei, 0x00 | 0x08) && note.is_none() {
            note = Some(ie.value.clone());
        }
        field.children.push(ie);
        pos += 2 + data.len();
    }
    match coding::parse_concat_udh(udh) {
        Some(info) => {
            field.meaning = Some(format!(
                "concatenated message: part {} of {}, reference {}",
                info.seq, info.total, info.reference
            ));
        }
        None if note.is_some() => {
            field.add_warning(
                "concatenation IE with total 0, sequence 0 or sequence above total: receivers ignore it".into(),
            );
        }
        None => {}
    }
    (field, note)
}

fn information_element(iei: u8, data: &[u8], at: usize) -> (&'static str, String, Vec<Field>) {
    let byte = |i: usize| data.get(i..i + 1).unwrap_or_default();
    match (iei, data) {
        (0x00, [reference, total, seq]) => (
            "concatenated short messages, 8-bit reference",
            format!("part {seq} of {total}, reference {reference}"),
            vec![
                Field::new("reference", at, byte(0), reference.to_string()),
                Field::new("total", at + 1, byte(1), total.to_string()),
                Field::new("seq", at + 2, byte(2), seq.to_string()),
            ],
        ),
        (0x08, [hi, lo, total, seq]) => {
            let reference = u16::from_be_bytes([*hi, *lo]);
            (
                "concatenated short messages, 16-bit reference",
                format!("part {seq} of {total}, reference {reference}"),
                vec![
                    Field::new("reference", at, data.get(..2).unwrap_or_default(), reference.to_string()),
                    Field::new("total", at + 2, byte(2), total.to_string()),
                    Field::new("seq", at + 3, byte(3), seq.to_string()),
                ],
            )
        }
        (0x04, [dest, orig]) => (
            "application port addressing, 8-bit",
            format!("destination port {dest}, originator port {orig}"),
            vec![
                Field::new("destination_port", at, byte(0), dest.to_string()),
                Field::new("originator_port", at + 1, byte(1), orig.to_string()),
            ],
        ),
        (0x05, [d0, d1, o0, o1]) => {
            let (dest, orig) = (u16::from_be_bytes([*d0, *d1]), u16::from_be_bytes([*o0, *o1]));
            (
                "application port addressing, 16-bit",
                format!("destination port {dest}, originator port {orig}"),
                vec![
                    Field::new("destination_port", at, data.get(..2).unwrap_or_default(), dest.to_string()),
                    Field::new("originator_port", at + 2, data.get(2..4).unwrap_or_default(), orig.to_string()),
                ],
            )
        }
        (0x00 | 0x08 | 0x04 | 0x05, _) => ("malformed (wrong length for this IEI)", to_hex(data), Vec::new()),
        _ => {
            let name = match iei {
                0x01 => "special SMS message indication",
                0x06 => "SMSC control parameters",
                0x07 => "UDH source indicator",
                0x09 => "wireless control message protocol",
                0x0A => "text formatting (EMS)",
                0x0B..=0x0F => "predefined sound/animation (EMS)",
                0x10..=0x13 => "user defined sound/picture (EMS)",
                0x14..=0x1F => "EMS element",
                0x20 => "RFC 822 e-mail header",
                0x21 => "hyperlink format element",
                0x22 => "reply address element",
                0x23 => "enhanced voice mail information",
                0x24 => "national language single shift",
                0x25 => "national language locking shift",
                0x70..=0x7F => "(U)SIM toolkit security header",
                0x80..=0x9F => "SME-to-SME specific use",
                0xC0..=0xDF => "SC specific use",
                _ => "reserved",
            };
            (name, to_hex(data), Vec::new())
        }
    }
}

/// Where `needle` occurs in `haystack` at or after `from`.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    let tail = haystack.get(from..)?;
    tail.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

fn receipt_field(r: &receipt::ReceiptText, payload: &[u8], at: usize) -> Field {
    let mut field = Field::new("receipt", at, payload, String::new());
    let mut cursor = 0usize;
    let mut push = |name: &str, value: &Option<String>, meaning: Option<String>, field: &mut Field| {
        let Some(v) = value else { return };
        let (offset, bytes) = match find(payload, v.as_bytes(), cursor) {
            Some(p) => {
                cursor = p + v.len();
                (at + p, payload.get(p..p + v.len()).unwrap_or_default())
            }
            None => (at, &payload[..0]),
        };
        let mut child = Field::new(name, offset, bytes, quote(v));
        child.meaning = meaning;
        field.children.push(child);
    };
    push("id", &r.id, None, &mut field);
    push("sub", &r.sub, Some("short messages originally submitted".into()), &mut field);
    push("dlvrd", &r.dlvrd, Some("short messages delivered".into()), &mut field);
    push("submit_date", &r.submit_date, r.submit_date.as_deref().and_then(meaning::receipt_date), &mut field);
    push("done_date", &r.done_date, r.done_date.as_deref().and_then(meaning::receipt_date), &mut field);
    let state = r.state();
    push("stat", &r.stat, state.map(|s: MessageState| format!("{}: {}", s.stat(), s.meaning())), &mut field);
    push("err", &r.err, r.err_code().map(|c| format!("error code {c} (0x{c:X})")), &mut field);
    for (key, value) in &r.extra {
        push(key, &Some(value.clone()), Some("field outside the standard receipt layout".into()), &mut field);
    }
    push("text", &r.text, Some("start of the original message".into()), &mut field);
    field.value = match (&r.stat, &r.id) {
        (Some(stat), Some(id)) => format!("stat {stat} for id {id}"),
        (Some(stat), None) => format!("stat {stat}"),
        (None, Some(id)) => format!("id {id}"),
        (None, None) => String::new(),
    };
    field.meaning = Some("delivery receipt text (SMPP 3.4 appendix B layout)".into());
    for w in &r.warnings {
        field.add_warning(w.clone());
    }
    field
}
