//! Incoming (MO) messages: parts of a multipart message are put back together (UDH 8/16-bit
//! or SAR, any order, repeats counted once) and stored as one message when the last part
//! arrives; a message whose parts stop coming is stored after the timeout as incomplete, its
//! text marking the missing parts, so it is visible rather than lost. Parts of one message may
//! arrive on different binds. Every part is in the PDU log as it arrives, and a part held for
//! the rest of its message is also in `mo_held_parts` until its message is stored, so neither a
//! stop nor a hard kill takes it from the Inbox: the next start feeds it back (`recover_held`),
//! and the wait for the rest goes on, counted from when the part arrived.

use std::collections::HashMap;
use std::sync::{Mutex, Weak};
use std::time::{Duration, Instant};

use smpp_codec::pdu::{Body, Pdu, ShortMessage};
use smpp_codec::reassembly::{
    Incomplete, IncompleteReason, MessageKey, Method, Outcome, Reassembled, Reassembler, ReassemblyConfig, Segment,
};

use crate::addresses::Address;
use crate::clock::now_ms;
use crate::console::Inner;
use crate::db::log_writer::{HeldPart, LogOp, MessageInsert, Release};
use crate::error::CoreError;
use crate::model::{ApiError, MessageState};

/// Who received a pending multipart message, and its addresses with TON/NPI (the reassembler
/// keeps only the digits).
#[derive(Debug, Clone)]
struct Origin {
    profile_id: i64,
    source: Address,
    dest: Address,
}

/// The console's MO reassembly state.
#[derive(Debug)]
pub(crate) struct MoAssembly {
    reassembler: Reassembler,
    origins: HashMap<MessageKey, Origin>,
}

impl MoAssembly {
    pub fn new(config: ReassemblyConfig) -> MoAssembly {
        MoAssembly { reassembler: Reassembler::new(config), origins: HashMap::new() }
    }

    pub fn set_timeout(&mut self, timeout: Duration) {
        let mut config = self.reassembler.config();
        config.timeout = timeout;
        self.reassembler.set_config(config);
    }
}

fn addresses(sm: &ShortMessage) -> (Address, Address) {
    (
        Address { addr: sm.source_addr.clone(), ton: sm.source_addr_ton, npi: sm.source_addr_npi },
        Address { addr: sm.destination_addr.clone(), ton: sm.dest_addr_ton, npi: sm.dest_addr_npi },
    )
}

/// Takes one incoming short message (not a receipt) received through `profile_id`.
pub(crate) async fn receive_mo(inner: &Inner, profile_id: i64, sm: &ShortMessage) {
    take_part(inner, profile_id, sm, Instant::now(), true).await;
}

/// Feeds a part to the reassembler as received at `received`, then queues what follows for the
/// log writer: a message stored (releasing its held parts), or the part held (when `hold`; a
/// part recovered from `mo_held_parts` is there already).
async fn take_part(inner: &Inner, profile_id: i64, sm: &ShortMessage, received: Instant, hold: bool) {
    // Decisions reach the log in the order they are taken, so a release never overtakes the
    // hold of a part it should not take (a part of a new message reusing the key).
    let _order = inner.mo_log_order.lock().await;
    let (source, dest) = addresses(sm);
    let segment = Segment::from_short_message(sm);
    let key = segment.concat.map(|c| MessageKey {
        source: segment.source.clone(),
        destination: segment.destination.clone(),
        reference: c.reference,
        method: c.method,
    });
    let origin = Origin { profile_id, source, dest };
    let (outcome, finished_origin, expired) = {
        let mut mo = inner.mo.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(k) = &key {
            mo.origins.entry(k.clone()).or_insert_with(|| origin.clone());
        }
        let accepted = mo.reassembler.accept(segment, received);
        let finished_origin = match &accepted.outcome {
            Outcome::Complete(_) => key.as_ref().and_then(|k| mo.origins.remove(k)),
            _ => None,
        };
        let expired = take_origins(&mut mo, accepted.incomplete);
        (accepted.outcome, finished_origin, expired)
    };
    for (incomplete, o) in expired {
        store_incomplete(inner, &incomplete, o.as_ref().unwrap_or(&origin)).await;
    }
    match (outcome, key) {
        (Outcome::Complete(m), Some(k)) => {
            let release = Release { hold_key: hold_key(&k), only_if_held: false };
            store(inner, &m, finished_origin.as_ref().unwrap_or(&origin), Some(release)).await;
        }
        (Outcome::Single(m) | Outcome::Complete(m), _) => store(inner, &m, &origin, None).await,
        (Outcome::Pending(_), Some(k)) if hold => hold_part(inner, profile_id, &k, sm).await,
        (Outcome::Pending(_) | Outcome::Duplicate(_), _) => {}
    }
}

/// The key a message's held parts are stored under: what the reassembler tells messages apart
/// by (its parts may come through different binds).
fn hold_key(k: &MessageKey) -> String {
    let method = match k.method {
        Method::Udh8 => "udh8",
        Method::Udh16 => "udh16",
        Method::Sar => "sar",
    };
    format!("{method}:{}:{}>{}", k.reference, k.source, k.destination)
}

async fn hold_part(inner: &Inner, profile_id: i64, k: &MessageKey, sm: &ShortMessage) {
    let pdu = match Pdu::new(0, Body::DeliverSm(Box::new(sm.clone()))).to_bytes() {
        Ok(b) => b,
        Err(e) => {
            // It was decoded from the wire, so this does not happen; if it did, the part is
            // still held in memory and in the PDU log, only not safe from a crash.
            tracing::warn!("cannot keep a held MO part from {} for a restart: {e}", k.source);
            return;
        }
    };
    let h = HeldPart { profile_id, hold_key: hold_key(k), pdu, at: now_ms() };
    inner.log.send(LogOp::HoldPart(Box::new(h))).await;
}

/// Feeds the parts a previous run still held when it ended (stopped, or killed) back to the
/// reassembler, each as received when it was: a part still to come completes its message, and
/// one whose parts stop coming is stored as incomplete when its time is up. Call before any
/// bind starts. Returns how many parts were taken back.
pub(crate) async fn recover_held(inner: &Inner) -> Result<usize, CoreError> {
    let rows: Vec<(i64, i64, Vec<u8>, i64)> =
        sqlx::query_as("SELECT id, profile_id, pdu, received_at FROM mo_held_parts ORDER BY id")
            .fetch_all(&inner.db)
            .await?;
    let now = now_ms();
    let mut taken = 0;
    for (id, profile_id, pdu, received_at) in rows {
        let sm = match Pdu::decode(&pdu).map(|d| d.pdu.body) {
            Ok(Body::DeliverSm(sm)) => sm,
            other => {
                // Written by hold_part, so this does not happen; the part is in the PDU log.
                tracing::warn!("dropping held MO part {id}, which cannot be read back: {other:?}");
                sqlx::query("DELETE FROM mo_held_parts WHERE id = ?").bind(id).execute(&inner.db).await?;
                continue;
            }
        };
        let age = Duration::from_millis(u64::try_from(now - received_at).unwrap_or(0));
        let received = Instant::now().checked_sub(age).unwrap_or_else(Instant::now);
        take_part(inner, profile_id, &sm, received, false).await;
        taken += 1;
    }
    Ok(taken)
}

/// Stores the messages whose parts stopped coming (called on a timer).
pub(crate) async fn expire_mo(inner: &Inner) {
    let _order = inner.mo_log_order.lock().await;
    let expired = {
        let mut mo = inner.mo.lock().unwrap_or_else(|e| e.into_inner());
        if mo.reassembler.pending_len() == 0 {
            return;
        }
        let list = mo.reassembler.poll_expired(Instant::now());
        take_origins(&mut mo, list)
    };
    for (incomplete, origin) in expired {
        match origin {
            Some(origin) => store_incomplete(inner, &incomplete, &origin).await,
            None => tracing::warn!("incomplete MO message from {} with no known origin", incomplete.key.source),
        }
    }
}

fn take_origins(mo: &mut MoAssembly, list: Vec<Incomplete>) -> Vec<(Incomplete, Option<Origin>)> {
    list.into_iter()
        .map(|i| {
            let o = mo.origins.remove(&i.key);
            (i, o)
        })
        .collect()
}

/// Ticks the reassembly timeout while the console lives.
pub(crate) fn spawn_expiry(inner: Weak<Inner>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let Some(inner) = inner.upgrade() else { return };
            expire_mo(&inner).await;
        }
    });
}

async fn store_incomplete(inner: &Inner, i: &Incomplete, origin: &Origin) {
    let why = match i.reason {
        IncompleteReason::TimedOut => "its parts stopped coming",
        IncompleteReason::Evicted => "too many multipart messages were waiting for parts",
        IncompleteReason::Superseded => "a new message reused its reference",
    };
    let missing: Vec<String> = i.missing.iter().map(u8::to_string).collect();
    let error = ApiError {
        code: "incomplete".into(),
        message: format!(
            "Part{} {} of {} never arrived ({why}); the text marks where.",
            if missing.len() == 1 { "" } else { "s" },
            missing.join(", "),
            i.total
        ),
    };
    let data_coding = i.parts.first().map_or(0, |p| p.data_coding);
    let alphabet = smpp_codec::coding::Alphabet::from_data_coding(data_coding);
    let m = message(origin, &i.text, data_coding, alphabet.label(), usize::from(i.total), Some(&error));
    queue(inner, m, Some(Release { hold_key: hold_key(&i.key), only_if_held: true })).await;
}

/// `release`: its held parts, deleted with the message's insert.
async fn store(inner: &Inner, m: &Reassembled, origin: &Origin, release: Option<Release>) {
    let stored = message(origin, &m.text, m.data_coding, m.alphabet.label(), m.parts.len().max(1), None);
    queue(inner, stored, release).await;
}

fn message(
    origin: &Origin,
    text: &str,
    data_coding: u8,
    alphabet: &'static str,
    parts: usize,
    error: Option<&ApiError>,
) -> MessageInsert {
    MessageInsert {
        id: uuid::Uuid::now_v7().to_string(),
        profile_id: origin.profile_id,
        direction: "MO",
        source: origin.source.clone(),
        dest: origin.dest.clone(),
        body: text.to_string(),
        data_coding,
        alphabet,
        parts,
        // Its parts are the deliver_sm PDUs in the PDU log.
        segments: 0,
        request_dlr: false,
        state: MessageState::Received,
        error: error.cloned(),
        at: now_ms(),
    }
}

/// Queues the message for the log writer, with its held parts to release.
async fn queue(inner: &Inner, m: MessageInsert, release: Option<Release>) {
    let op = match release {
        Some(release) => LogOp::MoMessage(Box::new(m), release),
        None => LogOp::Message(Box::new(m), None),
    };
    inner.log.send(op).await;
}

/// The default wait for missing parts: 5 minutes.
pub(crate) fn new_assembly() -> Mutex<MoAssembly> {
    Mutex::new(MoAssembly::new(ReassemblyConfig::default()))
}
