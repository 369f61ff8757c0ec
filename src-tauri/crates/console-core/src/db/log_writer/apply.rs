//! The writer's blocking side: its own SQLite connection, one transaction per batch, cached
//! prepared statements, the roll-up of changed messages (published by `publish`).

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};
use smpp_codec::message_id::correlation_keys;

use super::ops::{EventRow, HeldPart, LogOp, MessageInsert, OutcomeRow, PduRow, Persisted, ReceiptRow};
use super::patch::{self, Patches};
use super::publish::Committed;
use crate::db::segments::Segment;
use crate::model::MessageState;
use crate::rollup::rollup;

pub(crate) struct Writer {
    conn: Connection,
}

/// What a batch collects while its operations are applied, written at its end.
#[derive(Default)]
struct Batch<'a> {
    changed: Changed,
    patches: Patches,
    /// PDUs reference nothing else a batch writes: written together, many rows a statement.
    pdus: Vec<&'a PduRow>,
}

impl Batch<'_> {
    /// Writes what was deferred: PDUs, segment patches, then the roll-up of changed messages.
    fn finish(&mut self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        insert_pdus(tx, &self.pdus)?;
        for m in self.patches.write(tx)? {
            self.changed.message(&m, true);
        }
        roll_up(tx, &self.changed)
    }
}

/// Messages a batch changed: those to roll up from their parts, and those to publish.
#[derive(Default)]
struct Changed {
    rollup: Vec<String>,
    publish: Vec<String>,
    published: HashSet<String>,
    rolled: HashSet<String>,
}

impl Changed {
    /// `roll`: its parts changed (a new message's state is already that of its Queued parts).
    fn message(&mut self, id: &str, roll: bool) {
        if self.published.insert(id.to_string()) {
            self.publish.push(id.to_string());
        }
        if roll && self.rolled.insert(id.to_string()) {
            self.rollup.push(id.to_string());
        }
    }
}

impl Writer {
    pub(crate) fn open(path: &Path) -> rusqlite::Result<Writer> {
        let conn = Connection::open(path)?;
        // As the pool's connections (db::open): WAL is a property of the file already.
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // The indexes a write touches (numbers, IDs) are spread over the file: a page cache of
        // 64 MiB (the default is 2) keeps their upper levels in memory instead of re-reading them.
        conn.pragma_update(None, "cache_size", -65536)?;
        // Checkpoint every 32 MiB of WAL instead of 4: pages written again meanwhile (index pages,
        // a message updated as it moves on) are copied to the database file once, not each time.
        // The writer checkpoints itself, so the WAL stays bounded however long the load lasts.
        conn.pragma_update(None, "wal_autocheckpoint", 8192)?;
        conn.set_prepared_statement_cache_capacity(64);
        let mut w = Writer { conn };
        w.index_unkeyed_orphans()?;
        Ok(w)
    }

    /// Writes `ops` in one transaction and answers those waiting for their message; if the
    /// transaction fails, each operation is written alone, so one bad row (or a transient error)
    /// costs that row, not its batch. Returns the messages that changed and the batch's flushes,
    /// which are answered once those are published.
    pub(crate) fn write_batch(&mut self, ops: &mut Vec<LogOp>) -> Committed {
        let (results, changed) = match self.write_in_one(ops) {
            Ok((ids, changed)) => (ids.into_iter().map(Ok).collect(), changed),
            Err(e) => {
                tracing::warn!("cannot log {} operations in one transaction ({e}); writing them one by one", ops.len());
                self.write_each(ops)
            }
        };
        let mut committed = Committed { changed, flushes: Vec::new() };
        let mut results: std::vec::IntoIter<Persisted> = results.into_iter();
        for op in ops.drain(..) {
            match op {
                LogOp::Message(_, ack) => {
                    let r = results.next().unwrap_or_else(|| Err("not written".into()));
                    if let Some(ack) = ack {
                        let _ = ack.send(r);
                    }
                }
                LogOp::Flush(ack) => committed.flushes.push(ack),
                _ => {}
            }
        }
        committed
    }

    /// Writes `ops` in one transaction: the segment ids of every Message op, in order, and the
    /// messages that changed.
    fn write_in_one(&mut self, ops: &[LogOp]) -> rusqlite::Result<(Vec<Vec<i64>>, Vec<String>)> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut batch = Batch::default();
        let mut ids = Vec::new();
        for op in ops {
            if let Some(v) = apply(&tx, op, &mut batch)? {
                ids.push(v);
            }
        }
        batch.finish(&tx)?;
        tx.commit()?;
        Ok((ids, batch.changed.publish))
    }

    /// Each operation in its own transaction: what each Message op got, and the messages that
    /// changed.
    fn write_each(&mut self, ops: &[LogOp]) -> (Vec<Persisted>, Vec<String>) {
        let (mut results, mut changed) = (Vec::new(), Vec::new());
        for op in ops {
            match self.write_in_one(std::slice::from_ref(op)) {
                Ok((ids, ids_changed)) => {
                    results.extend(ids.into_iter().map(Ok));
                    for id in ids_changed {
                        if !changed.contains(&id) {
                            changed.push(id);
                        }
                    }
                }
                Err(e) => {
                    tracing::error!("cannot log {}: {e}", describe(op));
                    if matches!(op, LogOp::Message(..)) {
                        results.push(Err(e.to_string()));
                    }
                }
            }
        }
        (results, changed)
    }

    /// Orphan receipts stored before `orphan_keys` existed get their keys once.
    fn index_unkeyed_orphans(&mut self) -> rusqlite::Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let orphans: Vec<(i64, i64, String)> = {
            let mut st = tx.prepare(
                "SELECT id, profile_id, smsc_message_id FROM receipts r WHERE segment_id IS NULL
                 AND NOT EXISTS (SELECT 1 FROM orphan_keys o WHERE o.receipt_id = r.id)",
            )?;
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?
        };
        for (id, profile_id, smsc_id) in orphans {
            insert_orphan_keys(&tx, profile_id, id, &correlation_keys(&smsc_id))?;
        }
        tx.commit()
    }
}

fn describe(op: &LogOp) -> String {
    match op {
        LogOp::Pdu(p) => format!("a PDU of connection {}", p.connection_id),
        LogOp::Message(m, _) | LogOp::MoMessage(m, _) => format!("message {}", m.id),
        LogOp::HoldPart(h) => format!("a held part of an incoming message from profile {}", h.profile_id),
        LogOp::Submitted { segment_id, .. } => format!("the submit of segment {segment_id}"),
        LogOp::Outcome(o) => format!("the outcome of segment {}", o.segment_id),
        LogOp::Event(e) => format!("a {} event of segment {}", e.kind, e.segment_id),
        LogOp::Receipt(r) => format!("a receipt for {:?}", r.smsc_message_id),
        LogOp::Flush(_) => "a flush".into(),
    }
}

/// Applies one operation; a Message op returns its segment ids.
fn apply<'a>(tx: &Transaction<'_>, op: &'a LogOp, batch: &mut Batch<'a>) -> rusqlite::Result<Option<Vec<i64>>> {
    match op {
        LogOp::Pdu(p) => batch.pdus.push(p),
        LogOp::Message(m, _) => return insert_message(tx, m, &mut batch.changed).map(Some),
        LogOp::Submitted { segment_id, connection_id, sequence_number, at } => {
            let p = batch.patches.get(*segment_id);
            p.state = Some(MessageState::Submitted);
            let sequence_number = i64::from(*sequence_number);
            p.submitted = Some(patch::Submitted { connection_id: *connection_id, sequence_number, at: *at });
        }
        LogOp::MoMessage(m, release) => {
            let released =
                tx.prepare_cached("DELETE FROM mo_held_parts WHERE hold_key = ?")?.execute([&release.hold_key])?;
            if released > 0 || !release.only_if_held {
                insert_message(tx, m, &mut batch.changed)?;
            } else {
                tracing::info!(key = %release.hold_key, "incomplete MO message not stored: another console stored it");
            }
        }
        LogOp::HoldPart(h) => hold_part(tx, h)?,
        LogOp::Outcome(o) => record_outcome(tx, o, batch)?,
        LogOp::Event(e) => insert_event(tx, e)?,
        LogOp::Receipt(r) => record_receipt(tx, r, batch)?,
        LogOp::Flush(_) => {}
    }
    Ok(None)
}

/// PDU rows per multi-row INSERT (8 parameters each, far below SQLite's limit).
const PDUS_PER_INSERT: usize = 32;

fn insert_pdus(tx: &Transaction<'_>, pdus: &[&PduRow]) -> rusqlite::Result<()> {
    const COLUMNS: &str = "INSERT INTO pdus (connection_id, direction, command_id, command_status, sequence_number, bytes, warnings, at) VALUES ";
    let mut chunks = pdus.chunks_exact(PDUS_PER_INSERT);
    if chunks.len() > 0 {
        let many = format!("{COLUMNS}{}", vec!["(?, ?, ?, ?, ?, ?, ?, ?)"; PDUS_PER_INSERT].join(", "));
        for chunk in &mut chunks {
            let mut st = tx.prepare_cached(&many)?;
            let mut k = 1;
            for p in chunk {
                bind_pdu(&mut st, &mut k, p)?;
            }
            st.raw_execute()?;
        }
    }
    let one = format!("{COLUMNS}(?, ?, ?, ?, ?, ?, ?, ?)");
    for p in chunks.remainder() {
        let mut st = tx.prepare_cached(&one)?;
        bind_pdu(&mut st, &mut 1, p)?;
        st.raw_execute()?;
    }
    Ok(())
}

/// Binds one PDU's 8 columns from parameter `k` on.
fn bind_pdu(st: &mut rusqlite::CachedStatement<'_>, k: &mut usize, p: &PduRow) -> rusqlite::Result<()> {
    let header = smpp_codec::pdu::read_header(&p.bytes);
    st.raw_bind_parameter(*k, p.connection_id)?;
    st.raw_bind_parameter(*k + 1, if p.inbound { "in" } else { "out" })?;
    st.raw_bind_parameter(*k + 2, header.map_or(0, |h| i64::from(h.command_id.0)))?;
    st.raw_bind_parameter(*k + 3, header.map_or(0, |h| i64::from(h.command_status)))?;
    st.raw_bind_parameter(*k + 4, header.map_or(0, |h| i64::from(h.sequence_number)))?;
    st.raw_bind_parameter(*k + 5, &p.bytes)?;
    st.raw_bind_parameter(*k + 6, &p.warnings)?;
    st.raw_bind_parameter(*k + 7, p.at)?;
    *k += 8;
    Ok(())
}

fn insert_message(tx: &Transaction<'_>, m: &MessageInsert, changed: &mut Changed) -> rusqlite::Result<Vec<i64>> {
    let mut st = tx.prepare_cached(
        "INSERT INTO messages (id, profile_id, direction, source_addr, source_ton, source_npi, dest_addr, dest_ton,
             dest_npi, body, data_coding, alphabet, parts, request_dlr, state, error_code, error_message,
             created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )?;
    st.execute(params![
        m.id,
        m.profile_id,
        m.direction,
        m.source.addr,
        m.source.ton,
        m.source.npi,
        m.dest.addr,
        m.dest.ton,
        m.dest.npi,
        m.body,
        m.data_coding,
        m.alphabet,
        m.parts as i64,
        m.request_dlr,
        m.state.as_str(),
        m.error.as_ref().map(|e| e.code.as_str()),
        m.error.as_ref().map(|e| e.message.as_str()),
        m.at,
        m.at,
    ])?;
    let mut seg =
        tx.prepare_cached("INSERT INTO segments (message_id, part_no, state, queued_at) VALUES (?, ?, 'Queued', ?)")?;
    let mut ids = Vec::with_capacity(m.segments);
    for n in 1..=m.segments {
        seg.execute(params![m.id, n as i64, m.at])?;
        ids.push(tx.last_insert_rowid());
    }
    changed.message(&m.id, false);
    Ok(ids)
}

fn hold_part(tx: &Transaction<'_>, h: &HeldPart) -> rusqlite::Result<()> {
    let mut st =
        tx.prepare_cached("INSERT INTO mo_held_parts (profile_id, hold_key, pdu, received_at) VALUES (?, ?, ?, ?)")?;
    st.execute(params![h.profile_id, h.hold_key, h.pdu, h.at])?;
    Ok(())
}

fn record_outcome(tx: &Transaction<'_>, o: &OutcomeRow, batch: &mut Batch<'_>) -> rusqlite::Result<()> {
    let p = batch.patches.get(o.segment_id);
    p.state = Some(o.state);
    let command_status = o.command_status.map(i64::from);
    p.response = Some(patch::Response {
        command_status,
        smsc_message_id: o.smsc_message_id.clone(),
        error_code: o.error.as_ref().map(|e| e.0.clone()),
        error_message: o.error.as_ref().map(|e| e.1.clone()),
        responded_at: command_status.map(|_| o.at),
    });
    if let Some((profile_id, keys)) = &o.keys {
        let mut ins =
            tx.prepare_cached("INSERT OR IGNORE INTO segment_keys (profile_id, key, segment_id) VALUES (?, ?, ?)")?;
        for key in keys {
            ins.execute(params![profile_id, key, o.segment_id])?;
        }
        adopt_orphans(tx, *profile_id, o.segment_id, keys, o.at, batch)?;
    }
    Ok(())
}

/// Receipts that arrived before this segment's submit_sm_resp told us its ID: attached now,
/// in the order they came, each moving the segment to its state.
fn adopt_orphans(
    tx: &Transaction<'_>,
    profile_id: i64,
    segment_id: i64,
    keys: &[String],
    at: i64,
    batch: &mut Batch<'_>,
) -> rusqlite::Result<()> {
    let mut found: Vec<i64> = Vec::new();
    {
        let mut st = tx.prepare_cached("SELECT receipt_id FROM orphan_keys WHERE profile_id = ? AND key = ?")?;
        for key in keys {
            for id in st.query_map(params![profile_id, key], |r| r.get::<_, i64>(0))? {
                found.push(id?);
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    for receipt_id in found {
        let mut attach = tx.prepare_cached(
            "UPDATE receipts SET segment_id = ? WHERE id = ? AND segment_id IS NULL RETURNING message_state, stat, err",
        )?;
        let facts: Option<(Option<i64>, Option<String>, Option<String>)> =
            attach.query_row(params![segment_id, receipt_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?;
        tx.prepare_cached("DELETE FROM orphan_keys WHERE receipt_id = ?")?.execute([receipt_id])?;
        if let Some((message_state, stat, err)) = facts {
            let state = crate::receipts::state_of(
                message_state.and_then(|s| u8::try_from(s).ok()).and_then(smpp_codec::receipt::MessageState::from_u8),
            );
            set_segment_receipt(batch, segment_id, state, stat, err, at);
        }
    }
    Ok(())
}

fn set_segment_receipt(
    batch: &mut Batch<'_>,
    segment_id: i64,
    state: MessageState,
    stat: Option<String>,
    err: Option<String>,
    at: i64,
) {
    let p = batch.patches.get(segment_id);
    p.state = Some(state);
    p.receipt = Some(patch::Receipt { stat, err, at });
}

fn insert_event(tx: &Transaction<'_>, e: &EventRow) -> rusqlite::Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO segment_events (segment_id, kind, connection_id, sequence_number, command_status, detail, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )?;
    st.execute(params![
        e.segment_id,
        e.kind,
        e.attempt.map(|a| a.0),
        e.attempt.map(|a| i64::from(a.1)),
        e.command_status.map(i64::from),
        e.detail,
        e.at,
    ])?;
    Ok(())
}

/// Matches the receipt to its segment by normalised ID (newest first: an SMSC that reuses IDs
/// over months matches the recent message); a repeat of a receipt already applied (the SMSC
/// resent it) is kept, marked, and changes nothing; an unmatched one is kept as an orphan.
fn record_receipt(tx: &Transaction<'_>, r: &ReceiptRow, batch: &mut Batch<'_>) -> rusqlite::Result<()> {
    // The segment, and whether it already has a receipt with this stat (a repeat).
    let mut found: Option<(i64, bool)> = None;
    {
        let mut find = tx.prepare_cached(
            "SELECT k.segment_id, EXISTS (SELECT 1 FROM receipts r WHERE r.segment_id = k.segment_id AND r.stat IS ?3
                 AND r.duplicate = 0)
             FROM segment_keys k WHERE k.profile_id = ?1 AND k.key = ?2 ORDER BY k.segment_id DESC LIMIT 1",
        )?;
        for key in &r.keys {
            found =
                find.query_row(params![r.profile_id, key, r.stat], |row| Ok((row.get(0)?, row.get(1)?))).optional()?;
            if found.is_some() {
                break;
            }
        }
    }
    let segment_id = found.map(|f| f.0);
    let duplicate = found.is_some_and(|f| f.1);
    let mut ins = tx.prepare_cached(
        "INSERT INTO receipts (profile_id, connection_id, segment_id, smsc_message_id, message_state, stat, err, text,
             duplicate, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )?;
    ins.execute(params![
        r.profile_id,
        r.connection_id,
        segment_id,
        r.smsc_message_id,
        r.message_state,
        r.stat,
        r.err,
        r.text,
        duplicate,
        r.at,
    ])?;
    let receipt_id = tx.last_insert_rowid();
    match segment_id {
        Some(id) if !duplicate => set_segment_receipt(batch, id, r.state, r.stat.clone(), r.err.clone(), r.at),
        Some(_) => {}
        None => {
            tracing::info!(id = %r.smsc_message_id, "receipt for an unknown message_id kept as an orphan");
            insert_orphan_keys(tx, r.profile_id, receipt_id, &r.keys)?;
        }
    }
    Ok(())
}

fn insert_orphan_keys(tx: &Transaction<'_>, profile_id: i64, receipt_id: i64, keys: &[String]) -> rusqlite::Result<()> {
    let mut st =
        tx.prepare_cached("INSERT OR IGNORE INTO orphan_keys (profile_id, key, receipt_id) VALUES (?, ?, ?)")?;
    for key in keys {
        st.execute(params![profile_id, key, receipt_id])?;
    }
    Ok(())
}

/// Recomputes each changed message's state from its parts (see `rollup`).
fn roll_up(tx: &Transaction<'_>, changed: &Changed) -> rusqlite::Result<()> {
    let mut parts = tx.prepare_cached(
        "SELECT id, message_id, part_no, state, error_code, error_message, receipt_stat, receipt_err, smsc_message_id
         FROM segments WHERE message_id = ? ORDER BY part_no",
    )?;
    let mut update = tx.prepare_cached(
        "UPDATE messages SET state = ?, error_code = ?, error_message = ?, receipt_stat = ?, receipt_err = ?,
             updated_at = ? WHERE id = ?",
    )?;
    let now = crate::clock::now_ms();
    for id in &changed.rollup {
        let segments: Vec<Segment> = parts
            .query_map([id], |r| {
                Ok(Segment {
                    id: r.get(0)?,
                    message_id: r.get(1)?,
                    part_no: r.get(2)?,
                    state: r.get(3)?,
                    error_code: r.get(4)?,
                    error_message: r.get(5)?,
                    receipt_stat: r.get(6)?,
                    receipt_err: r.get(7)?,
                    smsc_message_id: r.get(8)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let r = rollup(&segments);
        update.execute(params![
            r.state.as_str(),
            r.error.as_ref().map(|e| e.code.as_str()),
            r.error.as_ref().map(|e| e.message.as_str()),
            r.receipt_stat,
            r.receipt_err,
            now,
            id,
        ])?;
    }
    Ok(())
}
