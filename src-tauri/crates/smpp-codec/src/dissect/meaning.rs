//! What the numbers in a PDU mean (SMPP 3.4 §5.2, SMPP 5.0 §4.7, 3GPP TS 23.038 / 23.040).

use crate::coding::Alphabet;
use crate::receipt::MessageState;

/// Type of Number (SMPP 3.4 §5.2.5).
pub(crate) fn ton(v: u8) -> String {
    match v {
        0 => "Unknown".into(),
        1 => "International".into(),
        2 => "National".into(),
        3 => "Network Specific".into(),
        4 => "Subscriber Number".into(),
        5 => "Alphanumeric".into(),
        6 => "Abbreviated".into(),
        _ => format!("reserved TON {v}"),
    }
}

/// Numbering Plan Indicator (SMPP 3.4 §5.2.6, 5.0 adds WAP Client Id).
pub(crate) fn npi(v: u8) -> String {
    match v {
        0 => "Unknown".into(),
        1 => "ISDN (E.163/E.164)".into(),
        3 => "Data (X.121)".into(),
        4 => "Telex (F.69)".into(),
        6 => "Land Mobile (E.212)".into(),
        8 => "National".into(),
        9 => "Private".into(),
        10 => "ERMES".into(),
        14 => "Internet (IP)".into(),
        18 => "WAP Client Id (SMPP 5.0)".into(),
        _ => format!("reserved NPI {v}"),
    }
}

/// interface_version / sc_interface_version.
pub(crate) fn interface_version(v: u8) -> String {
    match v {
        0x00..=0x33 => format!("SMPP 3.3 or earlier (0x{v:02X})"),
        0x34 => "SMPP 3.4".into(),
        0x50 => "SMPP 5.0".into(),
        _ => format!("unknown interface version 0x{v:02X}"),
    }
}

pub(crate) fn priority(v: u8) -> String {
    match v {
        0 => "level 0, lowest (GSM: non-priority)".into(),
        1 => "level 1 (GSM: priority)".into(),
        2 => "level 2 (GSM: priority)".into(),
        3 => "level 3, highest (GSM: priority)".into(),
        4 => "level 4 (SMPP 5.0, ANSI-41 CBS: emergency)".into(),
        _ => format!("reserved priority {v}"),
    }
}

/// protocol_id is the GSM TP-PID (3GPP TS 23.040 §9.2.3.9).
pub(crate) fn protocol_id(v: u8) -> String {
    match v {
        0x00 => "default: SME-to-SME, no telematic interworking".into(),
        0x01..=0x1F => "SME-to-SME protocol (SC-specific)".into(),
        0x20..=0x3F => format!("telematic interworking, device type 0x{:02X}", v & 0x1F),
        0x40 => "short message type 0 (acknowledged, then silently discarded by the handset)".into(),
        0x41..=0x47 => format!("replace short message type {}", v - 0x40),
        0x5E => "(U)SIM data download".into(),
        0x5F => "return call message".into(),
        0x7C => "ANSI-136 R-DATA".into(),
        0x7D => "ME data download".into(),
        0x7E => "ME de-personalization short message".into(),
        0x7F => "(U)SIM data download".into(),
        0xC0..=0xFF => "SC-specific use".into(),
        _ => format!("reserved TP-PID 0x{v:02X}"),
    }
}

pub(crate) fn replace_if_present(v: u8) -> String {
    match v {
        0 => "don't replace".into(),
        1 => "replace a pending message with the same source, destination and service_type".into(),
        _ => format!("reserved value {v}"),
    }
}

pub(crate) fn sm_default_msg_id(v: u8) -> String {
    match v {
        0 => "not used".into(),
        _ => format!("SMSC pre-defined message #{v}"),
    }
}

pub(crate) fn message_state(v: u8) -> String {
    match MessageState::from_u8(v) {
        Some(state) => format!("{} ({})", state.stat(), state.meaning()),
        None => format!("undefined message_state {v}"),
    }
}

pub(crate) fn dest_flag(v: u8) -> String {
    match v {
        1 => "SME address".into(),
        2 => "distribution list name".into(),
        _ => format!("invalid dest_flag {v} (1 = SME address, 2 = distribution list)"),
    }
}

/// The parts of esm_class as (label, meaning) pairs, plus a one-line summary.
pub(crate) fn esm_class(v: u8, delivery: bool) -> (String, Vec<(&'static str, String)>) {
    let mode = if delivery {
        "not used in MC-to-ESME PDUs".to_string()
    } else {
        match v & 0x03 {
            0 => "default SMSC mode (usually store and forward)".to_string(),
            1 => "datagram mode".to_string(),
            2 => "forward (transaction) mode".to_string(),
            _ => "store and forward mode".to_string(),
        }
    };
    let kind = match v & 0x3C {
        0x00 => "default message type (normal message)".to_string(),
        0x04 => "SMSC delivery receipt".to_string(),
        0x08 => "SME delivery acknowledgement".to_string(),
        0x10 => "SME manual/user acknowledgement".to_string(),
        0x18 => "conversation abort (Korean CDMA)".to_string(),
        0x20 => "intermediate delivery notification".to_string(),
        other => format!("reserved message type 0x{other:02X}"),
    };
    let gsm = match v & 0xC0 {
        0x00 => "no specific features".to_string(),
        0x40 => "UDHI: short_message starts with a User Data Header".to_string(),
        0x80 => "reply path".to_string(),
        _ => "UDHI and reply path".to_string(),
    };
    let mut summary = vec![kind.clone()];
    if !delivery && v & 0x03 != 0 {
        summary.push(mode.clone());
    }
    if v & 0xC0 != 0 {
        summary.push(gsm.clone());
    }
    (
        summary.join("; "),
        vec![("messaging_mode (bits 1-0)", mode), ("message_type (bits 5-2)", kind), ("gsm_features (bits 7-6)", gsm)],
    )
}

/// Whether esm_class marks a receipt (delivery receipt, SME ack or intermediate notification).
pub(crate) fn is_receipt(esm_class: u8) -> bool {
    matches!(esm_class & 0x3C, 0x04 | 0x08 | 0x10 | 0x20)
}

pub(crate) fn registered_delivery(v: u8) -> (String, Vec<(&'static str, String)>) {
    let receipt = match v & 0x03 {
        0 => "no SMSC delivery receipt",
        1 => "SMSC delivery receipt on final success or failure",
        2 => "SMSC delivery receipt on failure only",
        _ => "SMSC delivery receipt on success only (SMPP 5.0; reserved in 3.4)",
    };
    let ack = match v & 0x0C {
        0x00 => "no SME acknowledgement",
        0x04 => "SME delivery acknowledgement requested",
        0x08 => "SME manual/user acknowledgement requested",
        _ => "SME delivery and manual/user acknowledgement requested",
    };
    let intermediate =
        if v & 0x10 != 0 { "intermediate notification requested" } else { "no intermediate notification" };
    let mut summary = vec![receipt];
    if v & 0x0C != 0 {
        summary.push(ack);
    }
    if v & 0x10 != 0 {
        summary.push(intermediate);
    }
    if v & 0xE0 != 0 {
        summary.push("reserved bits 7-5 set");
    }
    (
        summary.join("; "),
        vec![
            ("receipt (bits 1-0)", receipt.to_string()),
            ("sme_ack (bits 3-2)", ack.to_string()),
            ("intermediate (bit 4)", intermediate.to_string()),
        ],
    )
}

fn message_class(class: u8) -> &'static str {
    match class & 0x03 {
        0 => "class 0 (flash: displayed immediately, not stored)",
        1 => "class 1 (ME-specific)",
        2 => "class 2 ((U)SIM-specific)",
        _ => "class 3 (TE-specific)",
    }
}

/// data_coding: the SMPP name of the value, the GSM coding group bits, and the alphabet used to
/// decode the text.
pub(crate) fn data_coding(v: u8) -> String {
    let alphabet = Alphabet::from_data_coding(v);
    let scheme = match v {
        0x00 => "SMSC default alphabet (decoded as GSM 03.38 7-bit)".to_string(),
        0x01 => "IA5 (CCITT T.50) / ASCII".to_string(),
        0x02 | 0x04 => "octet unspecified (8-bit binary)".to_string(),
        0x03 => "Latin 1 (ISO-8859-1)".to_string(),
        0x05 => "JIS (X 0208-1990)".to_string(),
        0x06 => "Cyrillic (ISO-8859-5)".to_string(),
        0x07 => "Latin/Hebrew (ISO-8859-8)".to_string(),
        0x08 => "UCS2 (ISO/IEC-10646)".to_string(),
        0x09 => "pictogram encoding".to_string(),
        0x0A => "ISO-2022-JP (music codes)".to_string(),
        0x0D => "extended Kanji JIS (X 0212-1990)".to_string(),
        0x0E => "KS C 5601".to_string(),
        0x0B | 0x0C | 0x0F => "reserved".to_string(),
        0x10..=0x7F => {
            let mut s = String::from(if v & 0x40 != 0 {
                "GSM automatic deletion group"
            } else {
                "GSM general data coding group"
            });
            if v & 0x20 != 0 {
                s.push_str(", compressed");
            }
            s.push_str(match (v >> 2) & 0x03 {
                0 => ", GSM 7-bit",
                1 => ", 8-bit data",
                2 => ", UCS2",
                _ => ", reserved alphabet",
            });
            if v & 0x10 != 0 {
                s.push_str(", ");
                s.push_str(message_class(v));
            }
            s
        }
        0x80..=0xBF => "reserved coding group".to_string(),
        0xC0..=0xCF => format!("message waiting indication, discard message, GSM 7-bit, {}", mwi(v)),
        0xD0..=0xDF => format!("message waiting indication, store message, GSM 7-bit, {}", mwi(v)),
        0xE0..=0xEF => format!("message waiting indication, store message, UCS2, {}", mwi(v)),
        0xF0..=0xFF => format!(
            "data coding/message class group, {}, {}",
            if v & 0x04 != 0 { "8-bit data" } else { "GSM 7-bit" },
            message_class(v)
        ),
    };
    format!("{scheme}; text decoded as {}", alphabet.label())
}

fn mwi(v: u8) -> String {
    let kind = match v & 0x03 {
        0 => "voicemail",
        1 => "fax",
        2 => "e-mail",
        _ => "other",
    };
    let active = if v & 0x08 != 0 { "set" } else { "cleared" };
    format!("{kind} indication {active}")
}

/// Reads an SMPP time (schedule_delivery_time, validity_period, final_date,
/// broadcast_end_time) with [`crate::time`]: the readable form, or why it is not a time.
pub(crate) fn smpp_time(s: &str) -> Result<String, String> {
    crate::time::SmppTime::parse(s).map(|t| t.describe()).map_err(|e| format!("'{s}' is not an SMPP time: {e}"))
}

/// A `YYMMDDhhmm[ss]` receipt date in readable form.
pub(crate) fn receipt_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if !matches!(b.len(), 10 | 12) || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let d = |i: usize| s.get(i..i + 2).unwrap_or("??");
    let mut out = format!("20{}-{}-{} {}:{}", d(0), d(2), d(4), d(6), d(8));
    if b.len() == 12 {
        out.push(':');
        out.push_str(d(10));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(smpp_time("240115123045304+").unwrap(), "2024-01-15 12:30:45.3 UTC+01:00");
        let relative = smpp_time("000001020000000R").unwrap();
        assert!(relative.starts_with("relative: 1 day") && relative.contains("2 hours"), "{relative}");
        assert!(smpp_time("2401151230").is_err());
        assert!(smpp_time("240115123045304X").is_err());
        assert!(smpp_time("241315123045304+").is_err());
        assert_eq!(receipt_date("2401151230").unwrap(), "2024-01-15 12:30");
        assert_eq!(receipt_date("240115123059").unwrap(), "2024-01-15 12:30:59");
        assert_eq!(receipt_date("24011"), None);
    }

    #[test]
    fn bits() {
        let (s, parts) = esm_class(0x43, false);
        assert!(s.contains("store and forward") && s.contains("UDHI"), "{s}");
        assert_eq!(parts.len(), 3);
        assert_eq!(esm_class(0x04, true).0, "SMSC delivery receipt");
        assert_eq!(
            registered_delivery(0x11).0,
            "SMSC delivery receipt on final success or failure; intermediate notification requested"
        );
        assert!(data_coding(0x08).contains("UCS2"));
        assert!(data_coding(0xF0).contains("class 0"));
        assert!(data_coding(0x11).contains("class 1"));
    }
}
