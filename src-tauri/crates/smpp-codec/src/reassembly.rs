//! Reassembly of incoming (MO) multipart messages, sans-IO: the caller passes the time.
//!
//! Parts are recognised by a concatenation UDH (IEI 0x00 with an 8-bit reference, IEI 0x08
//! with a 16-bit reference; esm_class UDHI set) or by the SAR TLVs (sar_msg_ref_num 0x020C,
//! sar_total_segments 0x020E, sar_segment_seqnum 0x020F). They may arrive in any order and
//! more than once (an SMSC resends a deliver_sm whose response it lost): a repeated part is
//! counted, never appended twice, also after its message completed.
//!
//! A message is keyed by (source, destination, reference, method) and handed back complete
//! when all parts are in. [`Reassembler::poll_expired`] hands back the messages whose first part
//! is older than the timeout, with what arrived, so they can be shown as incomplete; when more
//! messages are pending than allowed, the oldest is handed back as incomplete at once.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use crate::coding::{self, Alphabet};
use crate::tlv::{Tlv, tag};

/// How the parts of a message are numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Method {
    /// UDH IEI 0x00, 8-bit reference.
    Udh8,
    /// UDH IEI 0x08, 16-bit reference.
    Udh16,
    /// sar_msg_ref_num / sar_total_segments / sar_segment_seqnum TLVs.
    Sar,
}

impl Method {
    pub fn label(self) -> &'static str {
        match self {
            Method::Udh8 => "UDH (8-bit reference)",
            Method::Udh16 => "UDH (16-bit reference)",
            Method::Sar => "SAR TLVs",
        }
    }
}

/// Identifies one multipart message.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MessageKey {
    pub source: String,
    pub destination: String,
    pub reference: u16,
    pub method: Method,
}

/// Where a segment belongs, as read from its UDH or SAR TLVs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Concatenation {
    pub method: Method,
    pub reference: u16,
    /// Total number of parts (1..=255).
    pub total: u8,
    /// This part's number, 1-based.
    pub seq: u8,
}

/// One received short message (deliver_sm or data_sm), as the reassembler needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub source: String,
    pub destination: String,
    pub data_coding: u8,
    /// The UDH including its length octet; empty when there is none.
    pub udh: Vec<u8>,
    /// The user data after the UDH.
    pub payload: Vec<u8>,
    /// None for a message that is not part of a concatenated one.
    pub concat: Option<Concatenation>,
    /// Problems found while classifying (e.g. a UDHI bit with an impossible UDH length).
    pub warnings: Vec<String>,
}

impl Segment {
    /// Classifies a received message: `message` is short_message, or message_payload when
    /// short_message is empty. A concatenation UDH wins over SAR TLVs when both are present.
    pub fn new(
        source: &str,
        destination: &str,
        esm_class: u8,
        data_coding: u8,
        message: &[u8],
        tlvs: &[Tlv],
    ) -> Segment {
        let mut warnings = Vec::new();
        let (udh, payload) = if esm_class & 0x40 != 0 {
            match coding::split_udh(message) {
                Some((udh, payload)) => (udh.to_vec(), payload.to_vec()),
                None => {
                    warnings.push(format!(
                        "esm_class sets UDHI but the UDH length runs past the {} octet(s) of the message; treated as text",
                        message.len()
                    ));
                    (Vec::new(), message.to_vec())
                }
            }
        } else {
            (Vec::new(), message.to_vec())
        };
        let from_udh = coding::parse_concat_udh(&udh).map(|info| Concatenation {
            method: match info.concat {
                coding::Concat::Udh8 => Method::Udh8,
                coding::Concat::Udh16 => Method::Udh16,
            },
            reference: info.reference,
            total: info.total,
            seq: info.seq,
        });
        let concat = from_udh.or_else(|| sar(tlvs, &mut warnings));
        Segment {
            source: source.to_string(),
            destination: destination.to_string(),
            data_coding,
            udh,
            payload,
            concat,
            warnings,
        }
    }

    /// From a decoded submit_sm/deliver_sm body.
    pub fn from_short_message(sm: &crate::pdu::ShortMessage) -> Segment {
        let payload_tlv = crate::tlv::find(&sm.tlvs, tag::MESSAGE_PAYLOAD);
        let message = match payload_tlv {
            Some(t) if sm.short_message.is_empty() => t.value.as_slice(),
            _ => sm.short_message.as_slice(),
        };
        Segment::new(&sm.source_addr, &sm.destination_addr, sm.esm_class, sm.data_coding, message, &sm.tlvs)
    }
}

/// Reads the SAR TLVs; None when absent or invalid (a warning says which).
fn sar(tlvs: &[Tlv], warnings: &mut Vec<String>) -> Option<Concatenation> {
    let find = |t| crate::tlv::find(tlvs, t);
    let (reference, total, seq) =
        (find(tag::SAR_MSG_REF_NUM), find(tag::SAR_TOTAL_SEGMENTS), find(tag::SAR_SEGMENT_SEQNUM));
    if reference.is_none() && total.is_none() && seq.is_none() {
        return None;
    }
    let (Some(reference), Some(total), Some(seq)) =
        (reference.and_then(Tlv::as_u16), total.and_then(Tlv::as_u8), seq.and_then(Tlv::as_u8))
    else {
        warnings.push(
            "incomplete or malformed SAR TLVs (sar_msg_ref_num needs 2 octets, sar_total_segments and sar_segment_seqnum 1); message treated as single".into(),
        );
        return None;
    };
    if total == 0 || seq == 0 || seq > total {
        warnings
            .push(format!("SAR TLVs say segment {seq} of {total}: impossible numbering, message treated as single"));
        return None;
    }
    Some(Concatenation { method: Method::Sar, reference, total, seq })
}

/// One part as it arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedPart {
    pub seq: u8,
    pub udh: Vec<u8>,
    pub payload: Vec<u8>,
    pub data_coding: u8,
    pub received_at: Instant,
    /// How many more times the same part arrived.
    pub duplicates: u32,
}

/// A complete message (or a single, unconcatenated one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reassembled {
    pub source: String,
    pub destination: String,
    /// None for a message that was not concatenated.
    pub method: Option<Method>,
    pub reference: Option<u16>,
    /// The text of all parts in order, decoded in the first part's data_coding.
    pub text: String,
    pub data_coding: u8,
    pub alphabet: Alphabet,
    /// The parts in sequence order.
    pub parts: Vec<ReceivedPart>,
    /// Repeated parts received (counted, not appended).
    pub duplicates: u32,
    pub first_received: Instant,
    pub warnings: Vec<String>,
}

/// Why a message is handed back before all its parts arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncompleteReason {
    /// Its first part is older than the timeout.
    TimedOut,
    /// Too many messages were pending; this was the oldest.
    Evicted,
    /// A part with the same key but a different total arrived: the reference was reused.
    Superseded,
}

/// A message handed back without all its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incomplete {
    pub key: MessageKey,
    pub total: u8,
    /// The parts that arrived, in sequence order.
    pub parts: Vec<ReceivedPart>,
    /// The sequence numbers that never arrived.
    pub missing: Vec<u8>,
    /// The text of the parts that arrived, with `[part N of M missing]` where parts are missing.
    pub text: String,
    pub duplicates: u32,
    pub first_received: Instant,
    pub reason: IncompleteReason,
    pub warnings: Vec<String>,
}

/// Progress of a pending message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub key: MessageKey,
    pub seq: u8,
    pub received: usize,
    pub total: u8,
}

/// What happened to a segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Not concatenated: the message itself.
    Single(Reassembled),
    /// The last missing part arrived.
    Complete(Reassembled),
    /// Stored; more parts are expected.
    Pending(Progress),
    /// A part that had already arrived (for a pending or a recently completed message).
    Duplicate(Progress),
}

/// The outcome plus any messages that had to be handed back as incomplete meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub outcome: Outcome,
    pub incomplete: Vec<Incomplete>,
}

/// Limits of a [`Reassembler`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReassemblyConfig {
    /// How long after its first part a message may stay incomplete.
    pub timeout: Duration,
    /// The most messages pending at once; the oldest is handed back as incomplete beyond it.
    pub max_pending: usize,
}

impl Default for ReassemblyConfig {
    fn default() -> Self {
        Self { timeout: Duration::from_secs(300), max_pending: 1024 }
    }
}

#[derive(Debug, Clone)]
struct Pending {
    key: MessageKey,
    total: u8,
    parts: Vec<ReceivedPart>,
    duplicates: u32,
    first_received: Instant,
    warnings: Vec<String>,
}

#[derive(Debug, Clone)]
struct Completed {
    key: MessageKey,
    total: u8,
    completed_at: Instant,
}

/// Collects parts of multipart messages.
#[derive(Debug, Clone)]
pub struct Reassembler {
    config: ReassemblyConfig,
    /// In order of first arrival (oldest first).
    pending: VecDeque<Pending>,
    /// Recently completed messages, so late duplicates are recognised (bounded like pending).
    completed: VecDeque<Completed>,
}

impl Reassembler {
    pub fn new(config: ReassemblyConfig) -> Self {
        Self { config, pending: VecDeque::new(), completed: VecDeque::new() }
    }

    pub fn config(&self) -> ReassemblyConfig {
        self.config
    }

    /// Changes the limits; messages already pending are judged by the new ones from the next
    /// call on.
    pub fn set_config(&mut self, config: ReassemblyConfig) {
        self.config = config;
    }

    /// Messages waiting for parts.
    pub fn pending_len(&self) -> usize {
        self.pending.len()
    }

    /// When the oldest pending message times out: the next time to call
    /// [`Reassembler::poll_expired`].
    pub fn next_deadline(&self) -> Option<Instant> {
        self.pending.iter().map(|p| p.first_received + self.config.timeout).min()
    }

    /// Takes one received segment.
    pub fn accept(&mut self, segment: Segment, now: Instant) -> Accepted {
        let mut incomplete = Vec::new();
        let Some(concat) = segment.concat else {
            let part = ReceivedPart {
                seq: 1,
                udh: segment.udh,
                payload: segment.payload,
                data_coding: segment.data_coding,
                received_at: now,
                duplicates: 0,
            };
            let message =
                assemble(segment.source, segment.destination, None, None, vec![part], 0, now, segment.warnings);
            return Accepted { outcome: Outcome::Single(message), incomplete };
        };
        let key = MessageKey {
            source: segment.source,
            destination: segment.destination,
            reference: concat.reference,
            method: concat.method,
        };
        self.forget_completed(now);
        if let Some(done) = self.completed.iter().find(|c| c.key == key && c.total == concat.total) {
            let progress = Progress { key, seq: concat.seq, received: usize::from(done.total), total: done.total };
            return Accepted { outcome: Outcome::Duplicate(progress), incomplete };
        }
        let index = match self.pending.iter().position(|p| p.key == key) {
            Some(i) if self.pending.get(i).is_some_and(|p| p.total != concat.total) => {
                if let Some(old) = self.pending.remove(i) {
                    incomplete.push(into_incomplete(old, IncompleteReason::Superseded));
                }
                None
            }
            other => other,
        };
        let index = match index {
            Some(i) => i,
            None => {
                while self.pending.len() >= self.config.max_pending.max(1) {
                    match self.pending.pop_front() {
                        Some(old) => incomplete.push(into_incomplete(old, IncompleteReason::Evicted)),
                        None => break,
                    }
                }
                self.pending.push_back(Pending {
                    key: key.clone(),
                    total: concat.total,
                    parts: Vec::new(),
                    duplicates: 0,
                    first_received: now,
                    warnings: Vec::new(),
                });
                self.pending.len() - 1
            }
        };
        let Some(entry) = self.pending.get_mut(index) else {
            // Unreachable: the index was just found or pushed.
            return Accepted {
                outcome: Outcome::Pending(Progress { key, seq: concat.seq, received: 0, total: concat.total }),
                incomplete,
            };
        };
        entry.warnings.extend(segment.warnings);
        if let Some(existing) = entry.parts.iter_mut().find(|p| p.seq == concat.seq) {
            existing.duplicates += 1;
            entry.duplicates += 1;
            if existing.payload != segment.payload {
                entry
                    .warnings
                    .push(format!("part {} arrived again with different content; the first copy is kept", concat.seq));
            }
            let progress = Progress { key, seq: concat.seq, received: entry.parts.len(), total: entry.total };
            return Accepted { outcome: Outcome::Duplicate(progress), incomplete };
        }
        let at = entry.parts.partition_point(|p| p.seq < concat.seq);
        entry.parts.insert(
            at,
            ReceivedPart {
                seq: concat.seq,
                udh: segment.udh,
                payload: segment.payload,
                data_coding: segment.data_coding,
                received_at: now,
                duplicates: 0,
            },
        );
        if entry.parts.len() < usize::from(entry.total) {
            let progress = Progress { key, seq: concat.seq, received: entry.parts.len(), total: entry.total };
            return Accepted { outcome: Outcome::Pending(progress), incomplete };
        }
        let Some(done) = self.pending.remove(index) else {
            return Accepted {
                outcome: Outcome::Pending(Progress { key, seq: concat.seq, received: 0, total: concat.total }),
                incomplete,
            };
        };
        self.completed.push_back(Completed { key: done.key.clone(), total: done.total, completed_at: now });
        while self.completed.len() > self.config.max_pending.max(1) {
            self.completed.pop_front();
        }
        let message = assemble(
            done.key.source,
            done.key.destination,
            Some(done.key.method),
            Some(done.key.reference),
            done.parts,
            done.duplicates,
            done.first_received,
            done.warnings,
        );
        Accepted { outcome: Outcome::Complete(message), incomplete }
    }

    /// Hands back the messages whose first part arrived `timeout` or longer before `now`.
    pub fn poll_expired(&mut self, now: Instant) -> Vec<Incomplete> {
        self.forget_completed(now);
        let timeout = self.config.timeout;
        let (expired, kept): (Vec<Pending>, Vec<Pending>) =
            self.pending.drain(..).partition(|p| now.saturating_duration_since(p.first_received) >= timeout);
        self.pending = kept.into();
        expired.into_iter().map(|p| into_incomplete(p, IncompleteReason::TimedOut)).collect()
    }

    /// Hands back every pending message as incomplete (e.g. when the session closes).
    pub fn drain(&mut self) -> Vec<Incomplete> {
        self.pending.drain(..).map(|p| into_incomplete(p, IncompleteReason::Evicted)).collect()
    }

    fn forget_completed(&mut self, now: Instant) {
        let timeout = self.config.timeout;
        self.completed.retain(|c| now.saturating_duration_since(c.completed_at) < timeout);
    }
}

impl Default for Reassembler {
    fn default() -> Self {
        Self::new(ReassemblyConfig::default())
    }
}

#[allow(clippy::too_many_arguments)]
fn assemble(
    source: String,
    destination: String,
    method: Option<Method>,
    reference: Option<u16>,
    parts: Vec<ReceivedPart>,
    duplicates: u32,
    first_received: Instant,
    mut warnings: Vec<String>,
) -> Reassembled {
    let data_coding = parts.first().map_or(0, |p| p.data_coding);
    if parts.iter().any(|p| p.data_coding != data_coding) {
        warnings.push(format!(
            "parts use different data_coding values; all decoded as the first part's 0x{data_coding:02X}"
        ));
    }
    let alphabet = Alphabet::from_data_coding(data_coding);
    let bytes: Vec<u8> = parts.iter().flat_map(|p| p.payload.iter().copied()).collect();
    // Decoding the joined octets keeps an escape or surrogate pair split across parts whole.
    let decoded = coding::decode(&bytes, alphabet);
    warnings.extend(decoded.warnings);
    Reassembled {
        source,
        destination,
        method,
        reference,
        text: decoded.text,
        data_coding,
        alphabet,
        parts,
        duplicates,
        first_received,
        warnings,
    }
}

fn into_incomplete(p: Pending, reason: IncompleteReason) -> Incomplete {
    let data_coding = p.parts.first().map_or(0, |part| part.data_coding);
    let alphabet = Alphabet::from_data_coding(data_coding);
    let missing: Vec<u8> = (1..=p.total).filter(|seq| !p.parts.iter().any(|part| part.seq == *seq)).collect();
    let mut text = String::new();
    let mut warnings = p.warnings;
    let mut run: Vec<u8> = Vec::new();
    let flush = |run: &mut Vec<u8>, text: &mut String, warnings: &mut Vec<String>| {
        if !run.is_empty() {
            let decoded = coding::decode(run, alphabet);
            text.push_str(&decoded.text);
            warnings.extend(decoded.warnings);
            run.clear();
        }
    };
    for seq in 1..=p.total {
        match p.parts.iter().find(|part| part.seq == seq) {
            Some(part) => run.extend_from_slice(&part.payload),
            None => {
                flush(&mut run, &mut text, &mut warnings);
                text.push_str(&format!("[part {seq} of {} missing]", p.total));
            }
        }
    }
    flush(&mut run, &mut text, &mut warnings);
    Incomplete {
        key: p.key,
        total: p.total,
        parts: p.parts,
        missing,
        text,
        duplicates: p.duplicates,
        first_received: p.first_received,
        reason,
        warnings,
    }
}
