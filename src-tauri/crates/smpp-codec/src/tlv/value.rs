//! Typed TLV values, for reading and for showing to humans.

use super::table::{TlvKind, info};
use super::tag;

/// network_error_code: which network reported the error, and its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NetworkErrorCode {
    pub network_type: u8,
    pub error_code: u16,
}

impl NetworkErrorCode {
    pub fn to_bytes(self) -> [u8; 3] {
        let [a, b] = self.error_code.to_be_bytes();
        [self.network_type, a, b]
    }

    pub fn from_bytes(v: &[u8]) -> Option<Self> {
        match v {
            [t, a, b] => Some(Self { network_type: *t, error_code: u16::from_be_bytes([*a, *b]) }),
            _ => None,
        }
    }

    /// The name of the network type (SMPP 5.0, network_error_code TLV).
    pub fn network_type_name(self) -> &'static str {
        match self.network_type {
            1 => "ANSI-136 access denied reason",
            2 => "IS-95 access denied reason",
            3 => "GSM",
            4 => "ANSI-136 cause code",
            5 => "IS-95 cause code",
            6 => "ANSI-41 error",
            7 => "SMPP error",
            8 => "message center specific",
            _ => "reserved network type",
        }
    }
}

impl std::fmt::Display for NetworkErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} error {} (0x{:04X}, network type {})",
            self.network_type_name(),
            self.error_code,
            self.error_code,
            self.network_type
        )
    }
}

/// A TLV value decoded according to its tag's type. Values that do not have the shape their
/// tag requires are kept as [`TlvValue::Malformed`] with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlvValue {
    /// A tag without a value (alert_on_message_delivery in SMPP 3.4).
    Empty,
    U8(u8),
    U16(u16),
    U32(u32),
    /// A C-Octet String, without its NUL.
    CString(String),
    /// An octet string that carries text (vendor tags).
    Text(String),
    /// Opaque octets (message_payload, unknown and vendor tags).
    Octets(Vec<u8>),
    NetworkErrorCode(NetworkErrorCode),
    ItsSessionInfo {
        session_number: u8,
        sequence_number: u8,
        end_of_session: bool,
    },
    Subaddress {
        kind: u8,
        address: Vec<u8>,
    },
    CallbackNum {
        digit_mode: u8,
        ton: u8,
        npi: u8,
        digits: Vec<u8>,
    },
    CallbackNumAtag {
        data_coding: u8,
        display: Vec<u8>,
    },
    BroadcastContentType {
        network_type: u8,
        content_type: u16,
    },
    BroadcastFrequencyInterval {
        unit: u8,
        number: u16,
    },
    BroadcastArea {
        format: u8,
        details: Vec<u8>,
    },
    BillingIdentification {
        format: u8,
        details: Vec<u8>,
    },
    MsValidity {
        behaviour: u8,
        period: Option<(u8, u16)>,
    },
    /// The value does not fit its tag's type; `reason` says what was expected.
    Malformed {
        reason: String,
        raw: Vec<u8>,
    },
}

fn text(v: &[u8]) -> String {
    String::from_utf8_lossy(v).into_owned()
}

impl TlvValue {
    /// Decodes `value` according to the type of `tag` (unknown tags give [`TlvValue::Octets`]).
    pub fn decode(tag: u16, value: &[u8]) -> TlvValue {
        let Some(info) = info(tag) else { return TlvValue::Octets(value.to_vec()) };
        if let Err(reason) = info.kind.check(value) {
            return TlvValue::Malformed { reason, raw: value.to_vec() };
        }
        let u16_at = |i: usize| u16::from_be_bytes([value[i], value[i + 1]]);
        match info.kind {
            TlvKind::U8 => TlvValue::U8(value[0]),
            TlvKind::U16 => TlvValue::U16(u16_at(0)),
            TlvKind::U32 => TlvValue::U32(u32::from_be_bytes([value[0], value[1], value[2], value[3]])),
            TlvKind::TelematicsId if value.len() == 1 => TlvValue::U8(value[0]),
            TlvKind::TelematicsId => TlvValue::U16(u16_at(0)),
            TlvKind::CString { .. } | TlvKind::Time => TlvValue::CString(text(&value[..value.len() - 1])),
            TlvKind::Text => TlvValue::Text(text(value.strip_suffix(&[0]).unwrap_or(value))),
            TlvKind::Octets { .. } => TlvValue::Octets(value.to_vec()),
            TlvKind::NetworkErrorCode => {
                TlvValue::NetworkErrorCode(NetworkErrorCode { network_type: value[0], error_code: u16_at(1) })
            }
            TlvKind::ItsSessionInfo => TlvValue::ItsSessionInfo {
                session_number: value[0],
                sequence_number: value[1] >> 1,
                end_of_session: value[1] & 1 == 1,
            },
            TlvKind::Subaddress => TlvValue::Subaddress { kind: value[0], address: value[1..].to_vec() },
            TlvKind::CallbackNum => TlvValue::CallbackNum {
                digit_mode: value[0],
                ton: value[1],
                npi: value[2],
                digits: value[3..].to_vec(),
            },
            TlvKind::CallbackNumAtag => {
                TlvValue::CallbackNumAtag { data_coding: value[0], display: value[1..].to_vec() }
            }
            TlvKind::BroadcastContentType => {
                TlvValue::BroadcastContentType { network_type: value[0], content_type: u16_at(1) }
            }
            TlvKind::BroadcastFrequencyInterval => {
                TlvValue::BroadcastFrequencyInterval { unit: value[0], number: u16_at(1) }
            }
            TlvKind::BroadcastArea => TlvValue::BroadcastArea { format: value[0], details: value[1..].to_vec() },
            TlvKind::BillingIdentification => {
                TlvValue::BillingIdentification { format: value[0], details: value[1..].to_vec() }
            }
            TlvKind::MsValidity => {
                TlvValue::MsValidity { behaviour: value[0], period: (value.len() == 4).then(|| (value[1], u16_at(2))) }
            }
            TlvKind::AlertOnMessageDelivery => match value {
                [v] => TlvValue::U8(*v),
                _ => TlvValue::Empty,
            },
        }
    }

    /// The wire form of this value (the inverse of [`TlvValue::decode`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        match self {
            TlvValue::Empty => Vec::new(),
            TlvValue::U8(v) => vec![*v],
            TlvValue::U16(v) => v.to_be_bytes().to_vec(),
            TlvValue::U32(v) => v.to_be_bytes().to_vec(),
            TlvValue::CString(s) => {
                let mut v = s.as_bytes().to_vec();
                v.push(0);
                v
            }
            TlvValue::Text(s) => s.as_bytes().to_vec(),
            TlvValue::Octets(v) | TlvValue::Malformed { raw: v, .. } => v.clone(),
            TlvValue::NetworkErrorCode(n) => n.to_bytes().to_vec(),
            TlvValue::ItsSessionInfo { session_number, sequence_number, end_of_session } => {
                vec![*session_number, (sequence_number << 1) | u8::from(*end_of_session)]
            }
            TlvValue::Subaddress { kind: a, address: rest }
            | TlvValue::CallbackNumAtag { data_coding: a, display: rest }
            | TlvValue::BroadcastArea { format: a, details: rest }
            | TlvValue::BillingIdentification { format: a, details: rest } => {
                let mut v = vec![*a];
                v.extend_from_slice(rest);
                v
            }
            TlvValue::CallbackNum { digit_mode, ton, npi, digits } => {
                let mut v = vec![*digit_mode, *ton, *npi];
                v.extend_from_slice(digits);
                v
            }
            TlvValue::BroadcastContentType { network_type: a, content_type: n }
            | TlvValue::BroadcastFrequencyInterval { unit: a, number: n } => {
                let [b, c] = n.to_be_bytes();
                vec![*a, b, c]
            }
            TlvValue::MsValidity { behaviour, period } => {
                let mut v = vec![*behaviour];
                if let Some((unit, number)) = period {
                    v.push(*unit);
                    v.extend_from_slice(&number.to_be_bytes());
                }
                v
            }
        }
    }

    /// A short human rendering of the value alone (see [`super::Tlv::describe`] for one that
    /// also explains enumerated values).
    pub fn describe(&self) -> String {
        match self {
            TlvValue::Empty => "(no value)".into(),
            TlvValue::U8(v) => format!("{v} (0x{v:02X})"),
            TlvValue::U16(v) => format!("{v} (0x{v:04X})"),
            TlvValue::U32(v) => format!("{v} (0x{v:08X})"),
            TlvValue::CString(s) | TlvValue::Text(s) => format!("{s:?}"),
            TlvValue::Octets(v) => octets(v),
            TlvValue::NetworkErrorCode(n) => n.to_string(),
            TlvValue::ItsSessionInfo { session_number, sequence_number, end_of_session } => format!(
                "session {session_number}, sequence {sequence_number}{}",
                if *end_of_session { ", end of session" } else { "" }
            ),
            TlvValue::Subaddress { kind, address } => {
                let kind_name = match kind {
                    0x80 => "NSAP (even)",
                    0x88 => "NSAP (odd)",
                    0xA0 => "user specified",
                    _ => "reserved type",
                };
                format!("{kind_name} (0x{kind:02X}): {}", octets(address))
            }
            TlvValue::CallbackNum { digit_mode, ton, npi, digits } => format!(
                "{} digits {}, TON {ton}, NPI {npi}",
                if *digit_mode == 1 { "ASCII" } else { "TBCD" },
                octets(digits)
            ),
            TlvValue::CallbackNumAtag { data_coding, display } => {
                format!("data_coding 0x{data_coding:02X}: {}", octets(display))
            }
            TlvValue::BroadcastContentType { network_type, content_type } => {
                format!("network type {network_type}, content type 0x{content_type:04X}")
            }
            TlvValue::BroadcastFrequencyInterval { unit, number } => {
                format!("every {number} {}", broadcast_unit(*unit))
            }
            TlvValue::BroadcastArea { format, details } => {
                let f = match format {
                    0 => "alias/name",
                    1 => "ellipsoid arc",
                    2 => "polygon",
                    _ => "reserved format",
                };
                format!("{f} ({format}): {}", octets(details))
            }
            TlvValue::BillingIdentification { format, details } => {
                format!("format 0x{format:02X}: {}", octets(details))
            }
            TlvValue::MsValidity { behaviour, period } => {
                let b = match behaviour {
                    0 => "store indefinitely",
                    1 => "power down",
                    2 => "valid until registration area changes",
                    3 => "display only",
                    4 => "relative time period",
                    _ => "reserved behaviour",
                };
                match period {
                    Some((unit, n)) => format!("{b}: {n} {}", ms_validity_unit(*unit)),
                    None => b.to_string(),
                }
            }
            TlvValue::Malformed { reason, raw } => format!("malformed ({reason}): {}", octets(raw)),
        }
    }
}

/// broadcast_frequency_interval units (SMPP 5.0, broadcast_frequency_interval TLV).
fn broadcast_unit(unit: u8) -> &'static str {
    match unit {
        0x00 => "(as frequently as possible)",
        0x08 => "seconds",
        0x09 => "minutes",
        0x0A => "hours",
        0x0B => "days",
        0x0C => "weeks",
        0x0D => "months",
        0x0E => "years",
        _ => "(reserved unit)",
    }
}

/// ms_validity time units (SMPP 5.0, ms_validity TLV).
fn ms_validity_unit(unit: u8) -> &'static str {
    match unit {
        0x00 => "seconds",
        0x01 => "minutes",
        0x02 => "hours",
        0x03 => "days",
        0x04 => "weeks",
        0x05 => "months",
        0x06 => "years",
        _ => "(reserved unit)",
    }
}

/// Hex, with the text alongside when every octet is printable ASCII.
fn octets(v: &[u8]) -> String {
    let hex: Vec<String> = v.iter().map(|b| format!("{b:02X}")).collect();
    if v.is_empty() {
        "(empty)".into()
    } else if v.iter().all(|b| (0x20..0x7F).contains(b)) {
        format!("{} {:?}", hex.join(" "), text(v))
    } else {
        hex.join(" ")
    }
}

/// What an enumerated value means, for the tags whose values the specification enumerates.
pub(super) fn meaning(tag: u16, value: &TlvValue) -> Option<String> {
    if let (tag::BROADCAST_END_TIME, TlvValue::CString(s)) = (tag, value) {
        return crate::time::SmppTime::parse(s).ok().map(|t| t.describe());
    }
    let v = match value {
        TlvValue::U8(v) => u32::from(*v),
        TlvValue::U32(v) if tag == tag::BROADCAST_ERROR_STATUS => return Some(crate::status::name(*v)),
        _ => return None,
    };
    let s: &str = match (tag, v) {
        (tag::MESSAGE_STATE, v) => {
            let state = crate::receipt::MessageState::from_u8(v as u8)?;
            return Some(format!("{}: {}", state.stat(), state.meaning()));
        }
        (tag::SC_INTERFACE_VERSION, 0x34) => "SMPP 3.4",
        (tag::SC_INTERFACE_VERSION, 0x50) => "SMPP 5.0",
        (tag::SC_INTERFACE_VERSION, 0..=0x33) => "SMPP 3.3 or earlier",
        (tag::DEST_ADDR_SUBUNIT | tag::SOURCE_ADDR_SUBUNIT, v) => match v {
            0 => "unknown",
            1 => "MS display",
            2 => "mobile equipment",
            3 => "smart card 1 (SIM)",
            4 => "external unit 1",
            _ => return None,
        },
        (tag::DEST_NETWORK_TYPE | tag::SOURCE_NETWORK_TYPE, v) => match v {
            0 => "unknown",
            1 => "GSM",
            2 => "ANSI-136/TDMA",
            3 => "IS-95/CDMA",
            4 => "PDC",
            5 => "PHS",
            6 => "iDEN",
            7 => "AMPS",
            8 => "paging network",
            _ => return None,
        },
        (tag::DEST_BEARER_TYPE | tag::SOURCE_BEARER_TYPE, v) => match v {
            0 => "unknown",
            1 => "SMS",
            2 => "circuit switched data (CSD)",
            3 => "packet data",
            4 => "USSD",
            5 => "CDPD",
            6 => "DataTAC",
            7 => "FLEX/ReFLEX",
            8 => "cell broadcast",
            _ => return None,
        },
        (tag::PAYLOAD_TYPE, 0) => "default (WDP in WAP terms)",
        (tag::PAYLOAD_TYPE, 1) => "WCMP message",
        (tag::MS_MSG_WAIT_FACILITIES, v) => {
            let kind = ["voicemail", "fax", "electronic mail", "other"][(v & 3) as usize];
            return Some(format!("{kind} message waiting, indicator {}", if v & 0x80 != 0 { "on" } else { "off" }));
        }
        (tag::PRIVACY_INDICATOR, v) => match v {
            0 => "not restricted",
            1 => "restricted",
            2 => "confidential",
            3 => "secret",
            _ => return None,
        },
        (tag::LANGUAGE_INDICATOR, v) => match v {
            0 => "unspecified",
            1 => "English",
            2 => "French",
            3 => "Spanish",
            4 => "German",
            5 => "Portuguese",
            _ => return None,
        },
        (tag::DPF_RESULT, 0) => "DPF not set",
        (tag::DPF_RESULT, 1) => "DPF set",
        (tag::SET_DPF, 0) => "do not set the delivery pending flag",
        (tag::SET_DPF, 1) => "set the delivery pending flag on delivery failure",
        (tag::MS_AVAILABILITY_STATUS, 0) => "available",
        (tag::MS_AVAILABILITY_STATUS, 1) => "denied (suspended, no SMS capability, ...)",
        (tag::MS_AVAILABILITY_STATUS, 2) => "unavailable",
        (tag::DELIVERY_FAILURE_REASON, v) => match v {
            0 => "destination unavailable",
            1 => "destination address invalid",
            2 => "permanent network error",
            3 => "temporary network error",
            _ => return None,
        },
        (tag::MORE_MESSAGES_TO_SEND, 0) => "no more messages",
        (tag::MORE_MESSAGES_TO_SEND, 1) => "more messages follow",
        (tag::CONGESTION_STATE, v) => match v {
            0 => "idle",
            1..=29 => "low load",
            30..=49 => "medium load",
            50..=79 => "high load",
            80..=89 => "optimum load",
            90..=99 => "nearing congestion",
            100 => "congested",
            _ => return None,
        },
        (tag::USSD_SERVICE_OP, v) => match v {
            0 => "PSSD indication",
            1 => "PSSR indication",
            2 => "USSR request",
            3 => "USSN request",
            16 => "PSSD response",
            17 => "PSSR response",
            18 => "USSR confirm",
            19 => "USSN confirm",
            _ => return None,
        },
        (tag::DISPLAY_TIME, v) => match v {
            0 => "temporary",
            1 => "default",
            2 => "invoke",
            _ => return None,
        },
        (tag::ITS_REPLY_TYPE, v) => match v {
            0 => "digit",
            1 => "number",
            2 => "telephone number",
            3 => "password",
            4 => "character line",
            5 => "menu",
            6 => "date",
            7 => "time",
            8 => "continue",
            _ => return None,
        },
        (tag::ALERT_ON_MESSAGE_DELIVERY, v) => match v {
            0 => "use mobile default alert",
            1 => "use low-priority alert",
            2 => "use medium-priority alert",
            3 => "use high-priority alert",
            _ => return None,
        },
        (tag::BROADCAST_CHANNEL_INDICATOR, 0) => "basic broadcast channel",
        (tag::BROADCAST_CHANNEL_INDICATOR, 1) => "extended broadcast channel",
        (tag::BROADCAST_MESSAGE_CLASS, v) => match v {
            0 => "no class",
            1 => "class 1 (user defined)",
            2 => "class 2 (user defined)",
            3 => "class 3 (terminal equipment)",
            _ => return None,
        },
        (tag::BROADCAST_AREA_SUCCESS, 255) => "information not available",
        (tag::BROADCAST_AREA_SUCCESS, v) if v <= 100 => return Some(format!("{v}% of the area reached")),
        (tag::DEST_ADDR_NP_RESOLUTION, v) => match v {
            0 => "query not performed",
            1 => "query performed, number not ported",
            2 => "query performed, number ported",
            _ => return None,
        },
        (tag::NUMBER_OF_MESSAGES, v) if v <= 99 => return Some(format!("{v} messages waiting")),
        _ => return None,
    };
    Some(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values_round_trip() {
        let cases: Vec<(u16, Vec<u8>)> = vec![
            (tag::MESSAGE_STATE, vec![2]),
            (tag::USER_MESSAGE_REFERENCE, vec![1, 2]),
            (tag::QOS_TIME_TO_LIVE, vec![0, 0, 1, 0]),
            (tag::RECEIPTED_MESSAGE_ID, b"abc\0".to_vec()),
            (tag::NETWORK_ERROR_CODE, vec![3, 0, 0x22]),
            (tag::ITS_SESSION_INFO, vec![5, 7]),
            (tag::SOURCE_SUBADDRESS, vec![0xA0, 1, 2]),
            (tag::CALLBACK_NUM, vec![1, 1, 1, b'1', b'2']),
            (tag::CALLBACK_NUM_ATAG, vec![0, b'h', b'i']),
            (tag::BROADCAST_CONTENT_TYPE, vec![1, 0, 0x10]),
            (tag::BROADCAST_FREQUENCY_INTERVAL, vec![9, 0, 2]),
            (tag::BROADCAST_AREA_IDENTIFIER, vec![0, b'A']),
            (tag::BILLING_IDENTIFICATION, vec![1, 9, 9]),
            (tag::MS_VALIDITY, vec![4, 2, 0, 30]),
            (tag::MS_VALIDITY, vec![0]),
            (tag::ALERT_ON_MESSAGE_DELIVERY, vec![]),
            (tag::ALERT_ON_MESSAGE_DELIVERY, vec![2]),
            (tag::PRICE, b"0.0075 USD".to_vec()),
            (tag::SOURCE_TELEMATICS_ID, vec![1]),
            (tag::DEST_TELEMATICS_ID, vec![1, 0]),
            (0x1499, vec![1, 2, 3]),
            (tag::MESSAGE_STATE, vec![2, 3]),
        ];
        for (tag, bytes) in cases {
            let v = TlvValue::decode(tag, &bytes);
            assert_eq!(v.to_bytes(), bytes, "{tag:04X} {v:?}");
            assert!(!v.describe().is_empty());
        }
        assert_eq!(
            TlvValue::decode(tag::NETWORK_ERROR_CODE, &[3, 0x04, 0xA2]),
            TlvValue::NetworkErrorCode(NetworkErrorCode { network_type: 3, error_code: 0x4A2 })
        );
        assert!(matches!(TlvValue::decode(tag::MESSAGE_STATE, &[2, 3]), TlvValue::Malformed { .. }));
        assert_eq!(TlvValue::decode(tag::PRICE, b"0.0075 USD"), TlvValue::Text("0.0075 USD".into()));
    }

    #[test]
    fn meanings() {
        assert!(meaning(tag::MESSAGE_STATE, &TlvValue::U8(2)).unwrap().starts_with("DELIVRD"));
        assert_eq!(meaning(tag::SC_INTERFACE_VERSION, &TlvValue::U8(0x34)).as_deref(), Some("SMPP 3.4"));
        assert_eq!(meaning(tag::DELIVERY_FAILURE_REASON, &TlvValue::U8(3)).as_deref(), Some("temporary network error"));
        assert_eq!(meaning(tag::BROADCAST_ERROR_STATUS, &TlvValue::U32(0x58)).as_deref(), Some("ESME_RTHROTTLED"));
        assert_eq!(meaning(tag::SOURCE_PORT, &TlvValue::U16(80)), None);
    }
}
