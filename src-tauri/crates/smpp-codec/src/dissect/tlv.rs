//! The dissection of a TLV (optional parameter) list, SMPP 3.4 §5.3.2 and SMPP 5.0 §4.8.4.
//! Tags, names and value shapes come from the codec's TLV table ([`crate::tlv`]).

use super::message::{MessageContext, dissect_message};
use super::{Field, hex::to_hex, meaning, quote};
use crate::status;
use crate::tlv::{Since, TlvInfo, tag};

/// How a TLV value is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TlvKind {
    U8,
    U16,
    U32,
    /// A C-Octet String (NUL included in the length).
    CStr,
    /// Octets; shown as text when printable, else hex.
    Octets,
    /// message_payload: text in the PDU's data_coding.
    Payload,
    NetworkErrorCode,
    BroadcastContentType,
    BroadcastFrequencyInterval,
    BroadcastAreaIdentifier,
    CallbackNum,
    Subaddress,
    /// alert_on_message_delivery: empty, or one octet in 5.0.
    Flag,
    /// A command_status value (broadcast_error_status).
    Status,
    /// A time in SMPP format (broadcast_end_time).
    Time,
}

use TlvKind as K;

/// How the dissector shows a tag's value, derived from the codec's TLV table
/// ([`crate::tlv::info`]), which is the single list of tags, names and value shapes.
fn display_kind(info: &TlvInfo) -> TlvKind {
    use crate::tlv::TlvKind as Shape;
    match (info.tag, info.kind) {
        (tag::MESSAGE_PAYLOAD, _) => K::Payload,
        (tag::BROADCAST_ERROR_STATUS, _) => K::Status,
        // The table accepts 1 or 2 octets for both; the dissector reads dest_telematics_id as
        // 2 octets and source_telematics_id as 1, and warns about the other size.
        (tag::DEST_TELEMATICS_ID, _) => K::U16,
        (_, Shape::TelematicsId) => K::U8,
        (_, Shape::U8) => K::U8,
        (_, Shape::U16) => K::U16,
        (_, Shape::U32) => K::U32,
        (_, Shape::CString { .. }) => K::CStr,
        (_, Shape::Time) => K::Time,
        (_, Shape::NetworkErrorCode) => K::NetworkErrorCode,
        (_, Shape::BroadcastContentType) => K::BroadcastContentType,
        (_, Shape::BroadcastFrequencyInterval) => K::BroadcastFrequencyInterval,
        (_, Shape::BroadcastArea) => K::BroadcastAreaIdentifier,
        (_, Shape::CallbackNum) => K::CallbackNum,
        (_, Shape::Subaddress) => K::Subaddress,
        (_, Shape::AlertOnMessageDelivery) => K::Flag,
        (
            _,
            Shape::Octets { .. }
            | Shape::Text
            | Shape::CallbackNumAtag
            | Shape::BillingIdentification
            | Shape::MsValidity
            | Shape::ItsSessionInfo,
        ) => K::Octets,
    }
}

/// The name of a TLV tag, None for tags neither SMPP 3.4 nor 5.0 names (and no known
/// provider uses).
pub fn tag_name(tag: u16) -> Option<&'static str> {
    crate::tlv::tlv_name(tag)
}

/// Explains a one-, two- or four-octet TLV value where the spec gives it a meaning.
fn int_meaning(tag: u16, v: u32) -> Option<String> {
    let b = u8::try_from(v).ok();
    let s: String = match (tag, b) {
        (0x0005 | 0x000D, Some(b)) => match b {
            0 => "unknown (default)".into(),
            1 => "MS display".into(),
            2 => "mobile equipment".into(),
            3 => "smart card 1 (SIM)".into(),
            4 => "external unit 1".into(),
            _ => "reserved".into(),
        },
        (0x0006 | 0x000E, Some(b)) => match b {
            0 => "unknown".into(),
            1 => "GSM".into(),
            2 => "ANSI-136/TDMA".into(),
            3 => "IS-95/CDMA".into(),
            4 => "PDC".into(),
            5 => "PHS".into(),
            6 => "iDEN".into(),
            7 => "AMPS".into(),
            8 => "Paging Network".into(),
            _ => "reserved".into(),
        },
        (0x0007 | 0x000F, Some(b)) => match b {
            0 => "unknown".into(),
            1 => "SMS".into(),
            2 => "Circuit Switched Data (CSD)".into(),
            3 => "Packet Data".into(),
            4 => "USSD".into(),
            5 => "CDPD".into(),
            6 => "DataTAC".into(),
            7 => "FLEX/ReFLEX".into(),
            8 => "Cell Broadcast (cellcast)".into(),
            _ => "reserved".into(),
        },
        (0x0017, _) => format!("{v} seconds"),
        (0x0019, Some(b)) => match b {
            0 => "default (WDP message or SMSC default)".into(),
            1 => "WCMP message".into(),
            _ => "reserved".into(),
        },
        (0x0030, Some(b)) => {
            let kind = match b & 0x03 {
                0 => "voicemail",
                1 => "fax",
                2 => "electronic mail",
                _ => "other",
            };
            format!("{kind} message waiting indication {}", if b & 0x80 != 0 { "active" } else { "inactive" })
        }
        (0x0201, Some(b)) => match b {
            0 => "not restricted (default)".into(),
            1 => "restricted".into(),
            2 => "confidential".into(),
            3 => "secret".into(),
            _ => "reserved".into(),
        },
        (0x020C, _) => format!("reference {v} shared by all segments"),
        (0x020E, _) => format!("{v} segments in total"),
        (0x020F, _) => format!("segment {v}"),
        (0x0210, Some(b)) => meaning::interface_version(b),
        (0x0302, Some(b)) => {
            let presentation = match b & 0x03 {
                0 => "presentation allowed",
                1 => "presentation restricted",
                2 => "number not available",
                _ => "reserved presentation",
            };
            let screening = match (b >> 2) & 0x03 {
                0 => "user provided, not screened",
                1 => "user provided, verified and passed",
                2 => "user provided, verified and failed",
                _ => "network provided",
            };
            format!("{presentation}; {screening}")
        }
        (0x0420, Some(b)) => match b {
            0 => "DPF not set".into(),
            1 => "DPF set".into(),
            _ => "reserved".into(),
        },
        (0x0421, Some(b)) => match b {
            0 => "do not set DPF on delivery failure".into(),
            1 => "set DPF on delivery failure (default)".into(),
            _ => "reserved".into(),
        },
        (0x0422, Some(b)) => match b {
            0 => "available (default)".into(),
            1 => "denied (suspended, no SMS capability, ...)".into(),
            2 => "unavailable".into(),
            _ => "reserved".into(),
        },
        (0x0425, Some(b)) => match b {
            0 => "destination unavailable".into(),
            1 => "destination address invalid".into(),
            2 => "permanent network error".into(),
            3 => "temporary network error".into(),
            _ => "reserved".into(),
        },
        (0x0426, Some(b)) => match b {
            0 => "no more messages to follow".into(),
            1 => "more messages to follow (default)".into(),
            _ => "reserved".into(),
        },
        (0x0427, Some(b)) => meaning::message_state(b),
        (0x0428, Some(b)) => match b {
            0 => "idle".into(),
            1..=29 => "low load".into(),
            30..=49 => "medium load".into(),
            50..=79 => "high load".into(),
            80..=89 => "optimum load".into(),
            90..=99 => "nearing congestion".into(),
            100 => "congested / maximum load".into(),
            _ => "reserved".into(),
        },
        (0x0501, Some(b)) => match b {
            0 => "PSSD indication".into(),
            1 => "PSSR indication".into(),
            2 => "USSR request".into(),
            3 => "USSN request".into(),
            16 => "PSSD response".into(),
            17 => "PSSR response".into(),
            18 => "USSR confirm".into(),
            19 => "USSN confirm".into(),
            _ => "reserved or vendor-specific".into(),
        },
        (0x0600, Some(b)) => match b {
            0 => "basic broadcast channel (default)".into(),
            1 => "extended broadcast channel".into(),
            _ => "reserved".into(),
        },
        (0x0603, Some(b)) => match b {
            0 => "no class specified (default)".into(),
            1 => "class 1 (user defined)".into(),
            2 => "class 2 (user defined)".into(),
            3 => "class 3 (terminal equipment)".into(),
            _ => "reserved".into(),
        },
        (0x0608, Some(b)) => match b {
            0..=100 => format!("{b}% of the area's cells accepted the message"),
            255 => "information not available".into(),
            _ => "reserved".into(),
        },
        (0x0611, Some(b)) => match b {
            0 => "query not performed (default)".into(),
            1 => "query performed, number not ported".into(),
            2 => "query performed, number ported".into(),
            _ => "reserved".into(),
        },
        (0x1201, Some(b)) => match b {
            0 => "temporary".into(),
            1 => "default".into(),
            2 => "invoke".into(),
            _ => "reserved".into(),
        },
        (0x1380, Some(b)) => match b {
            0 => "digit".into(),
            1 => "number".into(),
            2 => "telephone no.".into(),
            3 => "password".into(),
            4 => "character line".into(),
            5 => "menu".into(),
            6 => "date".into(),
            7 => "time".into(),
            8 => "continue".into(),
            _ => "reserved".into(),
        },
        _ => return None,
    };
    Some(s)
}

/// Dissects TLVs from `bytes` (which start at absolute `offset`) to their end.
pub(crate) fn dissect_tlvs(bytes: &[u8], offset: usize, ctx: &MessageContext) -> Vec<Field> {
    let mut fields = Vec::new();
    let mut pos = 0usize;
    while pos < bytes.len() {
        let rest = bytes.get(pos..).unwrap_or_default();
        let at = offset + pos;
        let (tag, len) = match rest {
            [t0, t1, l0, l1, ..] => (u16::from_be_bytes([*t0, *t1]), u16::from_be_bytes([*l0, *l1])),
            _ => {
                let mut field = Field::new("incomplete TLV header", at, rest, to_hex(rest));
                field.warning = Some(format!(
                    "{} octet(s) at the end of the PDU are too few for a TLV header (tag and length need 4); ignored",
                    rest.len()
                ));
                fields.push(field);
                break;
            }
        };
        let declared = usize::from(len);
        let available = rest.len() - 4;
        let value_len = declared.min(available);
        let whole = rest.get(..4 + value_len).unwrap_or(rest);
        let value = whole.get(4..).unwrap_or_default();
        let mut field = dissect_tlv(tag, at, whole, value, ctx);
        if declared > available {
            field.add_warning(format!(
                "TLV 0x{tag:04X} declares {declared} octets but only {available} remain in the PDU; shown with what is there"
            ));
        }
        fields.push(field);
        pos += 4 + value_len;
    }
    fields
}

fn dissect_tlv(tag: u16, at: usize, whole: &[u8], value: &[u8], ctx: &MessageContext) -> Field {
    let info = crate::tlv::info(tag);
    let (name, kind) = match info {
        Some(info) => (info.name.to_string(), display_kind(info)),
        None => {
            let name = match tag {
                0x1400..=0x3FFF => format!("vendor_specific_0x{tag:04X}"),
                _ => format!("unknown_0x{tag:04X}"),
            };
            (name, TlvKind::Octets)
        }
    };
    let header = vec![
        Field::new("tag", at, whole.get(..2).unwrap_or_default(), format!("0x{tag:04X}")),
        Field::new("length", at + 2, whole.get(2..4).unwrap_or_default(), value.len().to_string()),
    ];
    let mut field = Field::new(name, at, whole, String::new());
    let value_at = at + 4;
    let mut value_field = Field::new("value", value_at, value, String::new());
    typed_value(tag, kind, value, value_at, ctx, &mut value_field);
    field.value.clone_from(&value_field.value);
    field.meaning.clone_from(&value_field.meaning);
    field.meaning = match (field.meaning.take(), tag) {
        (m, _) if info.is_some_and(|i| matches!(i.since, Since::Vendor(_))) => Some(match m {
            Some(m) => format!("{m}; provider-specific tag (e.g. Telesign), not defined by SMPP"),
            None => "provider-specific tag (e.g. Telesign), not defined by SMPP".into(),
        }),
        (None, 0x1400..=0x3FFF) => Some("vendor-specific TLV: its meaning is defined by the SMSC vendor".into()),
        (None, _) if info.is_none() => Some("tag not defined by SMPP 3.4 or 5.0".into()),
        (m, _) => m,
    };
    let mut children = header;
    children.push(value_field);
    field.children = children;
    field
}

fn int(value: &[u8]) -> Option<u32> {
    match value {
        [a] => Some(u32::from(*a)),
        [a, b] => Some(u32::from(u16::from_be_bytes([*a, *b]))),
        [a, b, c, d] => Some(u32::from_be_bytes([*a, *b, *c, *d])),
        _ => None,
    }
}

fn printable(bytes: &[u8]) -> Option<String> {
    let trimmed = bytes.strip_suffix(&[0]).unwrap_or(bytes);
    (!trimmed.is_empty() && trimmed.iter().all(|b| b.is_ascii_graphic() || *b == b' '))
        .then(|| quote(&String::from_utf8_lossy(trimmed)))
}

fn typed_value(tag: u16, kind: TlvKind, value: &[u8], at: usize, ctx: &MessageContext, field: &mut Field) {
    let expected = match kind {
        K::U8 => Some(1),
        K::U16 => Some(2),
        K::U32 | K::Status => Some(4),
        K::NetworkErrorCode | K::BroadcastContentType | K::BroadcastFrequencyInterval => Some(3),
        _ => None,
    };
    if let Some(expected) = expected
        && value.len() != expected
    {
        field.value = if value.is_empty() { "(empty)".into() } else { to_hex(value) };
        field.add_warning(format!("value is {} octet(s); this TLV holds {expected}", value.len()));
        return;
    }
    match kind {
        K::U8 | K::U16 | K::U32 => {
            let v = int(value).unwrap_or_default();
            field.value = v.to_string();
            field.meaning = int_meaning(tag, v);
        }
        K::Status => {
            let v = int(value).unwrap_or_default();
            field.value = format!("0x{v:08X}");
            field.meaning = Some(format!("{}: {}", status::name(v), status::describe(v)));
        }
        K::CStr | K::Time => {
            let (text, nul) = match value.split_last() {
                Some((0, text)) => (text, true),
                _ => (value, false),
            };
            let s = String::from_utf8_lossy(text).into_owned();
            field.value = quote(&s);
            if !nul {
                field.add_warning("C-Octet String value without its terminating NUL".into());
            }
            if text.contains(&0) {
                field.add_warning("NUL octet inside the string".into());
            }
            if kind == K::Time && !s.is_empty() {
                match meaning::smpp_time(&s) {
                    Ok(m) => field.meaning = Some(m),
                    Err(w) => field.add_warning(w),
                }
            }
        }
        K::Octets => {
            field.value = printable(value).unwrap_or_else(|| to_hex(value));
        }
        K::Flag => {
            field.value = if value.is_empty() { "(present)".into() } else { to_hex(value) };
            field.meaning = Some("alert the user on delivery".into());
        }
        K::Payload => {
            let mut msg = dissect_message(value, at, ctx);
            field.value = std::mem::take(&mut msg.value);
            field.meaning = msg.meaning.take();
            if let Some(w) = msg.warning.take() {
                field.add_warning(w);
            }
            field.children = msg.children;
        }
        K::NetworkErrorCode => {
            let (kind, code) = match value {
                [k, hi, lo] => (*k, u16::from_be_bytes([*hi, *lo])),
                _ => (0, 0),
            };
            let network = match kind {
                1 => "ANSI-136 access denied reason",
                2 => "IS-95 access denied reason",
                3 => "GSM",
                4 => "ANSI-136 cause code",
                5 => "IS-95 cause code",
                6 => "ANSI-41 error",
                7 => "SMPP error",
                8 => "message center specific",
                _ => "reserved network type",
            };
            field.value = format!("type {kind}, code {code} (0x{code:04X})");
            field.meaning = Some(format!("{network} error {code}"));
            field.children = vec![
                Field::new("network_type", at, value.get(..1).unwrap_or_default(), kind.to_string())
                    .with_meaning(network),
                Field::new("error_code", at + 1, value.get(1..3).unwrap_or_default(), code.to_string()),
            ];
        }
        K::BroadcastContentType => {
            let (net, service) = match value {
                [n, hi, lo] => (*n, u16::from_be_bytes([*hi, *lo])),
                _ => (0, 0),
            };
            let network = match net {
                0 => "generic",
                1 => "GSM (cell broadcast message identifier)",
                2 => "TDMA (IS-824 service category)",
                3 => "CDMA (IS-637 service category)",
                _ => "reserved network type",
            };
            field.value = format!("network {net}, service 0x{service:04X}");
            field.meaning = Some(network.into());
        }
        K::BroadcastFrequencyInterval => {
            let (unit, n) = match value {
                [u, hi, lo] => (*u, u16::from_be_bytes([*hi, *lo])),
                _ => (0, 0),
            };
            let unit_name = match unit {
                0x00 => "as frequently as possible",
                0x08 => "seconds",
                0x09 => "minutes",
                0x0A => "hours",
                0x0B => "days",
                0x0C => "weeks",
                0x0D => "months",
                0x0E => "years",
                _ => "reserved unit",
            };
            field.value = format!("{n} × unit 0x{unit:02X}");
            field.meaning = Some(format!("every {n} {unit_name}"));
        }
        K::BroadcastAreaIdentifier => {
            let (format, data) = value.split_first().map_or((None, value), |(f, d)| (Some(*f), d));
            let fmt = match format {
                Some(0) => "alias/name",
                Some(1) => "ellipsoid arc",
                Some(2) => "polygon",
                Some(_) => "reserved format",
                None => "empty",
            };
            field.value = printable(data).unwrap_or_else(|| to_hex(data));
            field.meaning = Some(format!("area format: {fmt}"));
        }
        K::CallbackNum => match value {
            [mode, ton, npi, digits @ ..] => {
                let digits_text =
                    if *mode == 0 { to_hex(digits) } else { String::from_utf8_lossy(digits).into_owned() };
                field.value = quote(&digits_text);
                field.meaning = Some(format!(
                    "{} digits, TON {} ({}), NPI {} ({})",
                    if *mode == 0 { "TBCD" } else { "ASCII" },
                    ton,
                    meaning::ton(*ton),
                    npi,
                    meaning::npi(*npi)
                ));
            }
            _ => {
                field.value = to_hex(value);
                field.add_warning("callback_num needs at least 4 octets (digit mode, TON, NPI, digits)".into());
            }
        },
        K::Subaddress => {
            let (kind, data) = value.split_first().map_or((None, value), |(k, d)| (Some(*k), d));
            field.value = to_hex(data);
            field.meaning = Some(
                match kind {
                    Some(0x80) => "NSAP (even)",
                    Some(0x88) => "NSAP (odd)",
                    Some(0xA0) => "user specified",
                    _ => "reserved subaddress type",
                }
                .into(),
            );
        }
    }
}
