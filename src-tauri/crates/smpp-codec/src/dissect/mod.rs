//! PDU dissection for humans: every field with its offset, raw octets, value, meaning and
//! warnings, for the app's PDU Inspector and `smppctl decode`.
//!
//! Works on any bytes: one or more concatenated PDUs, truncated or malformed ones, garbage.
//! It never panics. It is driven by its own field-layout table of every SMPP 3.4 PDU and the
//! SMPP 5.0 broadcast family (see `layout.rs`) rather than by the decoder's structs, so a
//! dissection is also a second opinion on what the decoder made of the same bytes.
//!
//! Offsets are absolute: counted from the first octet of the input, so a UI can highlight
//! the octets of a field in the hex it was given. `field.offset - pdu.offset` is the offset
//! within the PDU.

mod hex;
mod layout;
mod meaning;
mod message;
mod tlv;

pub use hex::{HexError, parse_hex, to_hex};
pub use tlv::tag_name;

use layout::{FieldSpec, Group, Kind, Sem};
use message::{MessageContext, dissect_message};

use crate::frame::{DEFAULT_MAX_PDU_LEN, HEADER_LEN};
use crate::status;

/// What the dissection should hide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DissectOptions {
    /// Replace bind and outbind passwords by `*` octets of the same length, in both the value
    /// and the raw hex (what [`crate::pdu::mask_password`] does to a frame).
    pub mask_passwords: bool,
}

impl Default for DissectOptions {
    /// Passwords masked: a dissection is usually shown or pasted somewhere.
    fn default() -> Self {
        Self { mask_passwords: true }
    }
}

/// The dissection of a whole input.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Dissection {
    /// The PDUs found, in order (a truncated last PDU included, with its `error` set).
    pub pdus: Vec<DissectedPdu>,
    /// Octets after the last PDU that do not form one (fewer than a header, or after a
    /// command_length that makes re-synchronisation impossible).
    pub trailing: Option<Field>,
    /// Problems of the input as a whole.
    pub warnings: Vec<String>,
}

impl Dissection {
    /// Whether some PDU could not be dissected completely or some octets are not part of a PDU
    /// (the input is not a clean sequence of PDUs).
    pub fn has_errors(&self) -> bool {
        self.trailing.is_some() || self.pdus.is_empty() || self.pdus.iter().any(|p| p.error.is_some())
    }

    /// Every warning: the input's, then each PDU's.
    pub fn all_warnings(&self) -> impl Iterator<Item = &str> {
        self.warnings.iter().chain(self.pdus.iter().flat_map(|p| p.warnings.iter())).map(String::as_str)
    }
}

/// One PDU.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DissectedPdu {
    /// Offset of command_length in the input.
    pub offset: usize,
    /// Octets of the input this PDU covers: command_length, or less when the input ends early
    /// (or just the header when command_length is impossible).
    pub length: usize,
    pub command_id: u32,
    /// The spec's name, or `unknown command 0x…`.
    pub command_name: String,
    pub command_status: u32,
    /// `ESME_…` name (or the hex value for unassigned codes).
    pub status_name: String,
    pub status_description: String,
    pub sequence_number: u32,
    /// The header fields, then the body fields, in wire order.
    pub fields: Vec<Field>,
    /// Every warning in this PDU, including those attached to fields (prefixed with the field
    /// name and offset), in offset order.
    pub warnings: Vec<String>,
    /// Why the PDU could not be dissected completely (truncated, invalid command_length, a
    /// mandatory field cut off). The fields read before the problem are still there.
    pub error: Option<String>,
}

/// One field (or part of a field) with what it means.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Field {
    pub name: String,
    /// Offset of the first octet in the input.
    pub offset: usize,
    /// Octets the field occupies (0 for a field that is missing).
    pub length: usize,
    /// The octets, lowercase hex without separators.
    pub raw_hex: String,
    /// The value decoded for humans: numbers in decimal or hex, strings quoted.
    pub value: String,
    /// What the value means (names of codes, bit fields, parsed times...).
    pub meaning: Option<String>,
    /// Sub-fields: bit groups, TLV tag/length/value, UDH elements, receipt fields...
    pub children: Vec<Field>,
    /// What is wrong with the field (several problems are joined with "; ").
    pub warning: Option<String>,
}

impl Field {
    pub(crate) fn new(name: impl Into<String>, offset: usize, bytes: &[u8], value: String) -> Self {
        Self {
            name: name.into(),
            offset,
            length: bytes.len(),
            raw_hex: to_hex(bytes),
            value,
            meaning: None,
            children: Vec::new(),
            warning: None,
        }
    }

    pub(crate) fn with_meaning(mut self, meaning: impl Into<String>) -> Self {
        self.meaning = Some(meaning.into());
        self
    }

    pub(crate) fn add_warning(&mut self, warning: String) {
        self.warning = Some(match self.warning.take() {
            Some(existing) => format!("{existing}; {warning}"),
            None => warning,
        });
    }

    /// The first field with this name, depth first (for tests and callers that want one field).
    pub fn find(&self, name: &str) -> Option<&Field> {
        if self.name == name {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(name))
    }
}

impl DissectedPdu {
    /// The first field with this name anywhere in the PDU, depth first.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find_map(|f| f.find(name))
    }
}

/// Quotes a string for display (Rust debug syntax: control characters escaped).
pub(crate) fn quote(s: &str) -> String {
    format!("{s:?}")
}

fn be_u32(bytes: &[u8]) -> Option<u32> {
    match bytes {
        [a, b, c, d, ..] => Some(u32::from_be_bytes([*a, *b, *c, *d])),
        _ => None,
    }
}

/// The spec's name of a command_id (SMPP 3.4 and 5.0), None for others.
pub fn command_name(command_id: u32) -> Option<&'static str> {
    layout::command(command_id).map(|c| c.name)
}

fn command_label(id: u32) -> String {
    match command_name(id) {
        Some(name) => name.to_string(),
        None if (0x0001_0200..=0x0001_02FF).contains(&(id & 0x7FFF_FFFF)) => {
            format!("vendor-specific command 0x{id:08X}")
        }
        None => format!("unknown command 0x{id:08X}"),
    }
}

/// Dissects `bytes`: every PDU in order, then whatever does not form a PDU.
pub fn dissect(bytes: &[u8], opts: &DissectOptions) -> Dissection {
    let mut out = Dissection::default();
    if bytes.is_empty() {
        out.warnings.push("the input is empty".into());
        return out;
    }
    let mut pos = 0usize;
    while pos < bytes.len() {
        let rest = bytes.get(pos..).unwrap_or_default();
        if rest.len() < HEADER_LEN {
            out.trailing = Some(partial_header(rest, pos));
            out.warnings.push(format!(
                "{} octet(s) at offset {pos} are fewer than a 16-octet PDU header and were not dissected as a PDU",
                rest.len()
            ));
            break;
        }
        let (pdu, next) = dissect_pdu(bytes, pos, opts);
        out.pdus.push(pdu);
        match next {
            Some(next) => pos = next,
            None => {
                let after = out.pdus.last().map_or(pos, |p| p.offset + p.length);
                if let Some(tail) = bytes.get(after..).filter(|t| !t.is_empty()) {
                    let mut field = Field::new("trailing", after, tail, format!("{} octets", tail.len()));
                    field.add_warning(
                        "not dissected: the command_length before it is impossible, so the next PDU cannot be found"
                            .into(),
                    );
                    out.trailing = Some(field);
                    out.warnings.push(format!(
                        "{} octet(s) from offset {after} were not dissected: the stream cannot be re-synchronised after an invalid command_length",
                        tail.len()
                    ));
                }
                break;
            }
        }
    }
    if out.pdus.len() > 1 {
        out.warnings.insert(0, format!("the input holds {} PDUs", out.pdus.len()));
    }
    out
}

/// Fewer than 16 octets: show the header fields that are there.
fn partial_header(rest: &[u8], pos: usize) -> Field {
    let mut field = Field::new("trailing", pos, rest, format!("{} octets", rest.len()));
    field.add_warning(format!(
        "{} octet(s) are too few for a PDU header (16 octets): truncated PDU or stray bytes",
        rest.len()
    ));
    for (i, name) in ["command_length", "command_id", "command_status", "sequence_number"].iter().enumerate() {
        let Some(b) = rest.get(i * 4..i * 4 + 4) else { break };
        let v = be_u32(b).unwrap_or_default();
        let f = match i {
            0 => Field::new(*name, pos, b, v.to_string()),
            1 => Field::new(*name, pos + 4, b, format!("0x{v:08X}")).with_meaning(command_label(v)),
            2 => Field::new(*name, pos + 8, b, format!("0x{v:08X}")).with_meaning(status::name(v)),
            _ => Field::new(*name, pos + 12, b, v.to_string()),
        };
        field.children.push(f);
    }
    field
}

/// Dissects the PDU at `pos` (at least 16 octets are there). Returns the PDU and the offset of
/// the next one, None when the stream cannot continue.
fn dissect_pdu(input: &[u8], pos: usize, opts: &DissectOptions) -> (DissectedPdu, Option<usize>) {
    let header = input.get(pos..pos + HEADER_LEN).unwrap_or_default();
    let word = |i: usize| be_u32(header.get(i * 4..).unwrap_or_default()).unwrap_or_default();
    let (command_length, command_id, command_status, sequence_number) = (word(0), word(1), word(2), word(3));
    let spec = layout::command(command_id);
    let mut pdu = DissectedPdu {
        offset: pos,
        length: HEADER_LEN,
        command_id,
        command_name: command_label(command_id),
        command_status,
        status_name: status::name(command_status),
        status_description: status::describe(command_status),
        sequence_number,
        ..DissectedPdu::default()
    };
    let mut pdu_warnings: Vec<(usize, String)> = Vec::new();
    let available = input.len() - pos;
    let declared = command_length as usize;

    let mut length_field = Field::new("command_length", pos, &header[..4], command_length.to_string());
    let next = if declared < HEADER_LEN {
        length_field.add_warning(format!("command_length {declared} is shorter than the 16-octet header"));
        pdu.error = Some(format!(
            "invalid command_length {declared}: a PDU is at least 16 octets; the PDU boundaries after it cannot be found"
        ));
        None
    } else if declared > available {
        pdu.length = available;
        pdu.error =
            Some(format!("truncated PDU: command_length says {declared} octets but only {available} are present"));
        length_field.add_warning(format!("only {available} of the {declared} octets are present"));
        None
    } else {
        pdu.length = declared;
        Some(pos + declared)
    };
    if command_length > DEFAULT_MAX_PDU_LEN {
        length_field.add_warning(format!(
            "command_length {command_length} exceeds the {DEFAULT_MAX_PDU_LEN} octets the console accepts: probably not SMPP, or a broken peer"
        ));
    }
    pdu.fields.push(length_field);

    let mut id_field = Field::new("command_id", pos + 4, &header[4..8], format!("0x{command_id:08X}"))
        .with_meaning(pdu.command_name.clone());
    if spec.is_none() {
        id_field.add_warning("command_id not defined by SMPP 3.4 or 5.0; body shown as raw octets".into());
    }
    pdu.fields.push(id_field);
    let mut status_field = Field::new("command_status", pos + 8, &header[8..12], format!("0x{command_status:08X}"))
        .with_meaning(format!("{}: {}", pdu.status_name, pdu.status_description));
    let is_response = command_id & 0x8000_0000 != 0;
    if !is_response && command_status != 0 {
        status_field.add_warning("a request should carry command_status 0".into());
    }
    pdu.fields.push(status_field);
    let mut seq_field = Field::new("sequence_number", pos + 12, &header[12..16], sequence_number.to_string());
    if sequence_number == 0 || sequence_number > 0x7FFF_FFFF {
        seq_field.add_warning("outside the range 1..=0x7FFFFFFF that SMPP allows".into());
    }
    pdu.fields.push(seq_field);

    if declared >= HEADER_LEN {
        let end = pos + pdu.length;
        let body_start = pos + HEADER_LEN;
        let body = input.get(body_start..end).unwrap_or_default();
        let truncated = declared > available;
        match spec {
            None => {
                if !body.is_empty() {
                    pdu.fields.push(Field::new("body", body_start, body, format!("{} octets", body.len())));
                }
            }
            Some(_) if body.is_empty() && is_response && command_status != 0 && !truncated => {
                // Error responses may omit the body (SMPP 3.4 §4.4.2 and others).
            }
            Some(spec) => {
                let mut walker = Walker {
                    input,
                    pos: body_start,
                    end,
                    ints: Vec::new(),
                    ctx: MessageContext::default(),
                    opts: *opts,
                    command_id,
                };
                let result = walker.fields(spec.fields, &mut pdu.fields);
                if let Err(e) = result {
                    pdu.error = Some(match pdu.error.take() {
                        Some(t) => format!("{t}; {e}"),
                        None => e,
                    });
                } else if walker.pos < end {
                    // Octets after a body without a TLV section: SMPP 5.0 allows TLVs on most
                    // PDUs, so read them as TLVs, but say the spec defines none here.
                    let rest = input.get(walker.pos..end).unwrap_or_default();
                    let at = walker.pos;
                    let tlvs = tlv::dissect_tlvs(rest, at, &walker.ctx);
                    let mut field = Field::new("tlvs", at, rest, format!("{} TLV(s)", tlvs.len()));
                    field.children = tlvs;
                    field.add_warning(format!(
                        "{} defines no optional parameters; {} extra octet(s) read as TLVs",
                        spec.name,
                        rest.len()
                    ));
                    pdu.fields.push(field);
                }
                check_message_payload(&pdu.fields, &mut pdu_warnings);
            }
        }
    }
    let mut all = pdu_warnings;
    collect_warnings(&pdu.fields, &mut all);
    all.sort_by_key(|(offset, _)| *offset);
    pdu.warnings = all.into_iter().map(|(_, w)| w).collect();
    (pdu, next)
}

fn check_message_payload(fields: &[Field], warnings: &mut Vec<(usize, String)>) {
    let sm = fields.iter().find(|f| f.name == "short_message").filter(|f| f.length > 0);
    let payload =
        fields.iter().find(|f| f.name == "tlvs").and_then(|t| t.children.iter().find(|c| c.name == "message_payload"));
    if let (Some(sm), Some(_)) = (sm, payload) {
        warnings.push((
            sm.offset,
            "both short_message and message_payload carry text; SMPP allows only one (sm_length must be 0 with message_payload)".into(),
        ));
    }
}

fn collect_warnings(fields: &[Field], out: &mut Vec<(usize, String)>) {
    for f in fields {
        if let Some(w) = &f.warning {
            out.push((f.offset, format!("{} at offset {}: {w}", f.name, f.offset)));
        }
        collect_warnings(&f.children, out);
    }
}

/// Walks a layout over one PDU's octets.
struct Walker<'a> {
    input: &'a [u8],
    pos: usize,
    /// Absolute end of this PDU's octets in the input.
    end: usize,
    /// Integer fields read so far, for lengths and counts.
    ints: Vec<(&'static str, u32)>,
    ctx: MessageContext,
    opts: DissectOptions,
    command_id: u32,
}

impl Walker<'_> {
    fn remaining(&self) -> &[u8] {
        self.input.get(self.pos..self.end).unwrap_or_default()
    }

    fn int(&self, name: &str) -> Option<u32> {
        self.ints.iter().rev().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    fn fields(&mut self, specs: &[FieldSpec], out: &mut Vec<Field>) -> Result<(), String> {
        for spec in specs {
            self.field(spec, out)?;
        }
        Ok(())
    }

    fn cut_off(&self, name: &str, needed: usize) -> String {
        format!(
            "the PDU ends before {name} at offset {} ({needed} octet(s) needed, {} left)",
            self.pos,
            self.remaining().len()
        )
    }

    fn field(&mut self, spec: &FieldSpec, out: &mut Vec<Field>) -> Result<(), String> {
        let at = self.pos;
        match spec.kind {
            Kind::U8 | Kind::U32 => {
                let n = if spec.kind == Kind::U8 { 1 } else { 4 };
                let Some(bytes) = self.input.get(at..at + n).filter(|_| at + n <= self.end) else {
                    return Err(self.cut_off(spec.name, n));
                };
                let v = if n == 1 { u32::from(bytes[0]) } else { be_u32(bytes).unwrap_or_default() };
                self.pos += n;
                self.ints.push((spec.name, v));
                out.push(self.int_field(spec, at, bytes, v));
            }
            Kind::CString { max } => out.push(self.cstring(spec, max)),
            Kind::OctetString { len_from } => {
                let declared = self.int(len_from).unwrap_or_default() as usize;
                let input = self.input;
                let take = declared.min(self.remaining().len());
                let bytes = input.get(at..at + take).unwrap_or_default();
                self.pos += take;
                let mut field = match spec.sem {
                    Sem::ShortMessage => {
                        let mut f = dissect_message(bytes, at, &self.ctx);
                        f.name = spec.name.to_string();
                        f
                    }
                    _ => Field::new(spec.name, at, bytes, to_hex(bytes)),
                };
                if bytes.len() < declared {
                    field.add_warning(format!(
                        "{len_from} says {declared} octets but only {} remain; took what is there",
                        bytes.len()
                    ));
                }
                if spec.sem == Sem::ShortMessage && declared > 254 {
                    field.add_warning(format!("{len_from} {declared} exceeds the 254 octets SMPP allows"));
                }
                out.push(field);
            }
            Kind::Tlvs => {
                let input = self.input;
                let rest = input.get(self.pos..self.end).unwrap_or_default();
                if !rest.is_empty() {
                    let tlvs = tlv::dissect_tlvs(rest, at, &self.ctx);
                    let mut field = Field::new("tlvs", at, rest, format!("{} TLV(s)", tlvs.len()));
                    field.meaning = Some("optional parameters".into());
                    field.children = tlvs;
                    self.pos = self.end;
                    out.push(field);
                }
            }
            Kind::Repeated { count_from, group } => {
                let count = self.int(count_from).unwrap_or_default();
                for i in 0..count {
                    let start = self.pos;
                    let mut children = Vec::new();
                    let result = match group {
                        Group::Fields(specs) => self.fields(specs, &mut children),
                        Group::DestAddress => self.dest_address(&mut children),
                    };
                    let bytes = self.input.get(start..self.pos).unwrap_or_default();
                    let mut field = Field::new(format!("{}[{i}]", spec.name), start, bytes, String::new());
                    field.value = children
                        .iter()
                        .filter(|c| matches!(c.name.as_str(), "destination_addr" | "dl_name"))
                        .map(|c| c.value.clone())
                        .collect::<Vec<_>>()
                        .join(" ");
                    if let Some(status) = children.iter().find(|c| c.name == "error_status_code") {
                        field.meaning = status.meaning.clone();
                    }
                    field.children = children;
                    out.push(field);
                    result?;
                }
            }
        }
        Ok(())
    }

    fn dest_address(&mut self, out: &mut Vec<Field>) -> Result<(), String> {
        self.field(&layout::DEST_FLAG, out)?;
        match self.int("dest_flag") {
            Some(2) => self.fields(layout::DL_NAME, out),
            Some(1) => self.fields(layout::SME_ADDRESS, out),
            Some(other) => Err(format!(
                "dest_flag {other} at offset {} is neither 1 (SME address) nor 2 (distribution list); the rest of the PDU cannot be read",
                self.pos - 1
            )),
            None => Ok(()),
        }
    }

    fn cstring(&mut self, spec: &FieldSpec, max: usize) -> Field {
        let at = self.pos;
        let rest = self.remaining();
        if rest.is_empty() {
            let mut field = Field::new(spec.name, at, &[], "(missing)".into());
            field.add_warning("missing: the PDU ends before this C-Octet String; read as empty".into());
            return field;
        }
        let (text_len, consumed, nul) = match rest.iter().position(|&b| b == 0) {
            Some(n) => (n, n + 1, true),
            None => (rest.len(), rest.len(), false),
        };
        let mut raw = rest.get(..consumed).unwrap_or_default().to_vec();
        self.pos += consumed;
        let masked = spec.sem == Sem::Password && self.opts.mask_passwords;
        if masked && let Some(text) = raw.get_mut(..text_len) {
            text.fill(b'*');
        }
        let text = raw.get(..text_len).unwrap_or_default();
        let s = String::from_utf8_lossy(text).into_owned();
        let mut field = Field::new(spec.name, at, &raw, quote(&s));
        if masked {
            field.meaning = Some("masked".into());
        }
        if !nul {
            field.add_warning("no terminating NUL; read to the end of the PDU".into());
        }
        if text_len + 1 > max {
            field.add_warning(format!("{text_len} octets; the spec allows at most {}", max - 1));
        }
        if !text.is_ascii() {
            field.add_warning("contains non-ASCII octets".into());
        }
        if spec.sem == Sem::Time && !s.is_empty() {
            match meaning::smpp_time(&s) {
                Ok(m) => field.meaning = Some(m),
                Err(w) => field.add_warning(w),
            }
        } else if spec.sem == Sem::Time {
            field.meaning = Some(
                match spec.name {
                    "schedule_delivery_time" => "immediate delivery",
                    "validity_period" => "SMSC default validity period",
                    "final_date" => "the message has not reached a final state",
                    _ => "not set",
                }
                .into(),
            );
        }
        field
    }

    fn int_field(&mut self, spec: &FieldSpec, at: usize, bytes: &[u8], v: u32) -> Field {
        let b = u8::try_from(v).unwrap_or_default();
        let hex8 = format!("0x{b:02X}");
        // data_sm goes both ways, so only deliver_sm is known to be MC-to-ESME.
        let delivery = self.command_id == 0x0000_0005;
        let (value, meaning, children): (String, Option<String>, Vec<(&str, String)>) = match spec.sem {
            Sem::Plain | Sem::Count => (v.to_string(), None, Vec::new()),
            Sem::Ton => (v.to_string(), Some(meaning::ton(b)), Vec::new()),
            Sem::Npi => (v.to_string(), Some(meaning::npi(b)), Vec::new()),
            Sem::InterfaceVersion => (hex8, Some(meaning::interface_version(b)), Vec::new()),
            Sem::EsmClass => {
                self.ctx.esm_class = Some(b);
                let (summary, parts) = meaning::esm_class(b, delivery);
                (hex8, Some(summary), parts)
            }
            Sem::ProtocolId => (hex8, Some(meaning::protocol_id(b)), Vec::new()),
            Sem::Priority => (v.to_string(), Some(meaning::priority(b)), Vec::new()),
            Sem::RegisteredDelivery => {
                let (summary, parts) = meaning::registered_delivery(b);
                (hex8, Some(summary), parts)
            }
            Sem::ReplaceIfPresent => (v.to_string(), Some(meaning::replace_if_present(b)), Vec::new()),
            Sem::DataCoding => {
                self.ctx.data_coding = Some(b);
                (hex8, Some(meaning::data_coding(b)), Vec::new())
            }
            Sem::SmDefaultMsgId => (v.to_string(), Some(meaning::sm_default_msg_id(b)), Vec::new()),
            Sem::MessageState => (v.to_string(), Some(meaning::message_state(b)), Vec::new()),
            Sem::ErrorCode => (
                v.to_string(),
                Some(if v == 0 { "no error".into() } else { format!("network-specific error code {v}") }),
                Vec::new(),
            ),
            Sem::CommandStatus => {
                (format!("0x{v:08X}"), Some(format!("{}: {}", status::name(v), status::describe(v))), Vec::new())
            }
            Sem::DestFlag => (v.to_string(), Some(meaning::dest_flag(b)), Vec::new()),
            Sem::Time | Sem::ShortMessage | Sem::Password => (v.to_string(), None, Vec::new()),
        };
        let mut field = Field::new(spec.name, at, bytes, value);
        field.meaning = meaning;
        field.children = children.into_iter().map(|(name, m)| Field::new(name, at, bytes, m)).collect();
        if spec.sem == Sem::DestFlag && !matches!(v, 1 | 2) {
            field.add_warning("dest_flag must be 1 (SME address) or 2 (distribution list name)".into());
        }
        field
    }
}
