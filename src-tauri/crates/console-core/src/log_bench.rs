//! A synthetic message log for `smppctl bench-log`: messages with parts, PDUs and receipts,
//! written through the [`LogWriter`] operations the send, bind and receipt paths use, so ingest
//! numbers mean something: each message is persisted (and waited for) before its parts are
//! "written", as a send does, with a window of messages under way at once, as binds keep them; receipts are matched by the writer from their decimal IDs.
//!
//! Deterministic: message `i` always gets the same numbers, IDs and text, so the benchmark can
//! pick its queries without reading the log back.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use smpp_codec::message_id::correlation_keys;
use smpp_codec::pdu::{Body, ESM_CLASS_DELIVERY_RECEIPT, ESM_CLASS_UDHI, Pdu, ShortMessage, SmResp};
use smpp_codec::tlv::{Tlv, tag};

use crate::addresses::Address;
use crate::clock::now_ms;
use crate::db::log_writer::{LogWriter, MessageInsert, OutcomeRow, PduRow, ReceiptRow};
use crate::db::{Db, connections, profiles};
use crate::error::CoreError;
use crate::model::MessageState;

/// Every `MULTIPART_EVERY`th message has three parts, every `MO_EVERY`th is received, every
/// `REJECTED_EVERY`th is refused with ESME_RINVDSTADR.
const MULTIPART_EVERY: u64 = 10;
const MO_EVERY: u64 = 20;
const REJECTED_EVERY: u64 = 50;
/// Distinct destination numbers: about two messages per number at N = 100k.
const NUMBERS: u64 = 50_000;
/// Messages under way at once while filling (as a bind's window keeps them).
pub const FILL_WINDOW: u64 = 64;
/// Messages are 10 ms apart in log time.
const SPACING_MS: i64 = 10;

const WORDS: [&str; 8] = ["Your", "code", "is", "parcel", "arrives", "today", "thanks", "order"];

/// The destination of message `i` (digits, no `+`).
pub fn number_of(i: u64) -> String {
    format!("4477009{:05}", i % NUMBERS)
}

/// A text only message `i` contains (for a worst-case text search).
pub fn token_of(i: u64) -> String {
    format!("ref-{i:08}")
}

/// The SMSC message_id of part `part` (1-based) of message `i`, as the SMSC sends it (hex).
pub fn smsc_id_of(i: u64, part: u64) -> String {
    format!("{:X}", 0x6A00_0000_0000_u64 + i * 4 + part)
}

/// Whether message `i` is MT and accepted (so it has an SMSC id and a receipt).
pub fn is_accepted_mt(i: u64) -> bool {
    !i.is_multiple_of(MO_EVERY) && !i.is_multiple_of(REJECTED_EVERY)
}

/// What a fill wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FillStats {
    pub messages: u64,
    pub segments: u64,
    pub pdus: u64,
    pub receipts: u64,
}

/// The profile "bench" (created once) and a new connection of it: where fills write.
async fn bench_connection(db: &Db) -> Result<(i64, i64), CoreError> {
    let p = profiles::NewProfile {
        name: "bench",
        preset: "generic",
        host: "smsc.example",
        port: 2775,
        system_id: "bench",
        bind_type: "TRX",
        builtin_simulator: false,
    };
    let profile = profiles::upsert_profile(db, p, now_ms()).await?;
    let conn = connections::insert_connection(db, profile.id, "smsc.example", 2775, "TRX", now_ms()).await?;
    Ok((profile.id, conn))
}

/// Writes messages `from..to` through `log` (on `db`'s file) under the profile "bench",
/// [`FILL_WINDOW`] under way at once, and returns once they are committed.
pub async fn fill_log(db: &Db, log: &LogWriter, from: u64, to: u64) -> Result<FillStats, CoreError> {
    fill_log_window(db, log, from, to, FILL_WINDOW).await
}

/// Like [`fill_log`] with `window` messages under way at once: each waits for its commit
/// before its parts are "written", so the window sets how many messages a commit can carry.
pub async fn fill_log_window(
    db: &Db,
    log: &LogWriter,
    from: u64,
    to: u64,
    window: u64,
) -> Result<FillStats, CoreError> {
    let (profile_id, conn) = bench_connection(db).await?;
    // Message i is logged at t0 + i·SPACING_MS. A fill in chunks (bench-log writes ten) goes on
    // from the newest message the earlier chunks wrote, so log time keeps rising with i; each
    // chunk anchored to the clock would end "now" and overlap the earlier ones, and the log
    // would pile ten messages where one belongs.
    let newest: Option<i64> =
        if from > 0 { sqlx::query_scalar("SELECT MAX(created_at) FROM messages").fetch_one(db).await? } else { None };
    let t0 = match newest {
        Some(t) => t + SPACING_MS - from as i64 * SPACING_MS,
        None => now_ms() - (to as i64) * SPACING_MS,
    };
    let mut lanes = tokio::task::JoinSet::new();
    // Each lane takes the next message when it is free, so log time follows the order messages
    // are persisted, as a clock read at persist time does. (Lanes stepping through fixed
    // residues drift apart, and would scatter each commit's times over seconds of log time.)
    let next = Arc::new(AtomicU64::new(from));
    for _ in 0..window.max(1) {
        let (log, next) = (log.clone(), next.clone());
        lanes.spawn(async move {
            let mut stats = FillStats::default();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= to {
                    break;
                }
                write_message(&log, profile_id, conn, i, t0 + i as i64 * SPACING_MS, &mut stats).await?;
            }
            Ok::<_, CoreError>(stats)
        });
    }
    let mut stats = FillStats::default();
    while let Some(done) = lanes.join_next().await {
        let s = done.map_err(|e| CoreError::LogWriter(format!("a fill lane failed: {e}")))??;
        stats.messages += s.messages;
        stats.segments += s.segments;
        stats.pdus += s.pdus;
        stats.receipts += s.receipts;
    }
    // Counted as ingest: the fill is over when everything is on disk.
    log.flush().await;
    Ok(stats)
}

async fn write_message(
    log: &LogWriter,
    profile_id: i64,
    conn: i64,
    i: u64,
    at: i64,
    stats: &mut FillStats,
) -> Result<(), CoreError> {
    let mo = i.is_multiple_of(MO_EVERY);
    let parts = if !mo && i % MULTIPART_EVERY == 1 { 3 } else { 1 };
    let number = Address { addr: number_of(i), ton: 1, npi: 1 };
    let sender = Address { addr: "Acme".into(), ton: 5, npi: 0 };
    let w = |n: u64| WORDS[(n % WORDS.len() as u64) as usize];
    let body = format!("{} {} {} {} {}", w(i), w(i / 3), w(i / 7), w(i / 11), token_of(i));
    let (source, dest) = if mo { (number.clone(), sender.clone()) } else { (sender.clone(), number.clone()) };
    let segment_ids = log
        .persist_message(MessageInsert {
            id: uuid::Uuid::now_v7().to_string(),
            profile_id,
            direction: if mo { "MO" } else { "MT" },
            source,
            dest,
            body: body.clone(),
            data_coding: 0,
            alphabet: "GSM7",
            parts: parts as usize,
            segments: if mo { 0 } else { parts as usize },
            request_dlr: !mo,
            state: if mo { MessageState::Received } else { MessageState::Queued },
            error: None,
            at,
        })
        .await?;
    stats.messages += 1;
    stats.segments += segment_ids.len() as u64;
    for (k, &seg) in segment_ids.iter().enumerate() {
        let part = k as u64 + 1;
        let seq = (i * 4 + part) as u32;
        let sent = at + 2;
        let sm = ShortMessage {
            source_addr: sender.addr.clone(),
            source_addr_ton: 5,
            destination_addr: number.addr.clone(),
            dest_addr_ton: 1,
            dest_addr_npi: 1,
            esm_class: if parts > 1 { ESM_CLASS_UDHI } else { 0 },
            registered_delivery: 1,
            short_message: body.as_bytes().to_vec(),
            ..Default::default()
        };
        pdu(log, conn, false, Pdu::new(seq, Body::SubmitSm(Box::new(sm))), sent, stats).await?;
        log.submitted(seg, conn, seq, sent).await;
        let answered = sent + 15;
        if i.is_multiple_of(REJECTED_EVERY) {
            let resp = Pdu::new(seq, Body::SubmitSmResp(SmResp::default())).with_status(0x0B);
            pdu(log, conn, true, resp, answered, stats).await?;
            let error = Some(("ESME_RINVDSTADR".to_string(), "Invalid destination address.".to_string()));
            let o = OutcomeRow {
                segment_id: seg,
                state: MessageState::SubmitFailed,
                command_status: Some(0x0B),
                smsc_message_id: None,
                error,
                keys: None,
                at: answered,
            };
            log.outcome(o).await;
            continue;
        }
        let smsc_id = smsc_id_of(i, part);
        pdu(log, conn, true, Pdu::new(seq, Body::SubmitSmResp(SmResp::new(smsc_id.clone()))), answered, stats).await?;
        let keys = Some((profile_id, correlation_keys(&smsc_id)));
        let o = OutcomeRow {
            segment_id: seg,
            state: MessageState::Accepted,
            command_status: Some(0),
            smsc_message_id: Some(smsc_id.clone()),
            error: None,
            keys,
            at: answered,
        };
        log.outcome(o).await;

        // The receipt names the ID in decimal, as some SMSCs do.
        let received = answered + 400;
        let decimal = u64::from_str_radix(&smsc_id, 16).unwrap_or_default().to_string();
        let text = format!(
            "id:{decimal} sub:001 dlvrd:001 submit date:2612030800 done date:2612030800 stat:DELIVRD err:000 text:{}",
            body.chars().take(20).collect::<String>()
        );
        let receipt = ShortMessage {
            source_addr: number.addr.clone(),
            destination_addr: sender.addr.clone(),
            esm_class: ESM_CLASS_DELIVERY_RECEIPT,
            short_message: text.clone().into_bytes(),
            tlvs: vec![Tlv::cstring(tag::RECEIPTED_MESSAGE_ID, &decimal), Tlv::u8(tag::MESSAGE_STATE, 2)],
            ..Default::default()
        };
        let dseq = (i * 4 + part) as u32 | 0x4000_0000;
        pdu(log, conn, true, Pdu::new(dseq, Body::DeliverSm(Box::new(receipt))), received, stats).await?;
        log.receipt(ReceiptRow {
            profile_id,
            connection_id: conn,
            keys: correlation_keys(&decimal),
            smsc_message_id: decimal,
            message_state: Some(2),
            state: MessageState::Delivered,
            stat: Some("DELIVRD".into()),
            err: Some("000".into()),
            text,
            at: received,
        })
        .await;
        stats.receipts += 1;
        pdu(log, conn, false, Pdu::new(dseq, Body::DeliverSmResp(SmResp::default())), received, stats).await?;
    }
    Ok(())
}

/// Writes `n` PDUs alone (submit_sm and submit_sm_resp in turn, 10 µs apart) on a connection
/// of their own: through the [`LogWriter`] (`batched`) or one autocommit insert each through the
/// pool, as binds logged them before the writer. What the PDU log alone sustains, for
/// `smppctl bench-log`.
pub async fn fill_pdus(db: &Db, log: &LogWriter, n: u64, batched: bool) -> Result<(), CoreError> {
    let (_, conn) = bench_connection(db).await?;
    let t0 = now_ms();
    for k in 0..n {
        let seq = (k / 2 + 1) as u32;
        let p = if k.is_multiple_of(2) {
            let sm = ShortMessage {
                source_addr: "Acme".into(),
                source_addr_ton: 5,
                destination_addr: number_of(k),
                dest_addr_ton: 1,
                dest_addr_npi: 1,
                registered_delivery: 1,
                short_message: format!("Your code is {}", token_of(k)).into_bytes(),
                ..Default::default()
            };
            Pdu::new(seq, Body::SubmitSm(Box::new(sm)))
        } else {
            Pdu::new(seq, Body::SubmitSmResp(SmResp::new(smsc_id_of(k, 1))))
        };
        let bytes = p.to_bytes().map_err(|e| CoreError::validation("pdu", e.to_string()))?;
        let row = PduRow {
            connection_id: conn,
            inbound: !k.is_multiple_of(2),
            bytes,
            warnings: None,
            at: t0 + (k / 100) as i64,
        };
        if batched {
            log.pdu(row).await;
        } else {
            let new = crate::db::pdus::NewPdu {
                connection_id: row.connection_id,
                inbound: row.inbound,
                bytes: &row.bytes,
                warnings: None,
                at: row.at,
            };
            crate::db::pdus::insert_pdu(db, new).await?;
        }
    }
    log.flush().await;
    Ok(())
}

/// Folds the write-ahead log into the database file, so its size is the log's size.
pub async fn checkpoint(db: &Db) -> Result<(), CoreError> {
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(db).await?;
    Ok(())
}

async fn pdu(
    log: &LogWriter,
    conn: i64,
    inbound: bool,
    p: Pdu,
    at: i64,
    stats: &mut FillStats,
) -> Result<(), CoreError> {
    let bytes = p.to_bytes().map_err(|e| CoreError::validation("pdu", e.to_string()))?;
    log.pdu(PduRow { connection_id: conn, inbound, bytes, warnings: None, at }).await;
    stats.pdus += 1;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TraceFilters, TraceMatch};

    async fn open() -> (tempfile::TempDir, Db, LogWriter) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bench.db");
        let db = crate::db::open(&path).await.unwrap();
        let log = LogWriter::open(&path, None).unwrap();
        (dir, db, log)
    }

    #[tokio::test]
    async fn a_small_fill_traces_like_live_traffic() {
        let (_dir, db, log) = open().await;
        let stats = fill_log(&db, &log, 0, 60).await.unwrap();
        assert_eq!(stats.messages, 60);
        // 3 MO, 6 multipart (3 parts), rest single: 57 MT messages, 69 segments.
        assert_eq!(stats.segments, 57 + 6 * 2);
        let f = TraceFilters::default();
        let r = crate::trace::trace(&db, &smsc_id_of(21, 2).to_lowercase(), &f).await.unwrap();
        assert_eq!(r.messages.len(), 1);
        let t = &r.messages[0];
        assert_eq!((t.matched_by, t.segments.len(), t.message.state), (TraceMatch::SmscId, 3, MessageState::Delivered));
        assert!(
            t.timeline.iter().all(|e| !matches!(&e.step, crate::model::TraceStep::Receipt(r) if r.pdu_id.is_none()))
        );
        let r = crate::trace::trace(&db, &format!("+{}", number_of(7)), &f).await.unwrap();
        assert_eq!(r.messages.len(), 1);
        let r = crate::trace::trace(&db, &token_of(33), &f).await.unwrap();
        assert_eq!((r.messages.len(), r.tried.last()), (1, Some(&TraceMatch::Text)));
        let r = crate::trace::trace(&db, &number_of(50), &f).await.unwrap();
        assert_eq!(r.messages[0].message.state, MessageState::SubmitFailed);
    }

    /// bench-log fills in chunks: together they must read as one log, message i at
    /// t0 + i·SPACING_MS, not chunks each ending "now" on top of one another.
    #[tokio::test]
    async fn a_fill_in_chunks_goes_on_in_log_time() {
        let (_dir, db, log) = open().await;
        fill_log_window(&db, &log, 0, 40, 8).await.unwrap();
        fill_log_window(&db, &log, 40, 100, 8).await.unwrap();
        let times: Vec<i64> =
            sqlx::query_scalar("SELECT created_at FROM messages ORDER BY created_at").fetch_all(&db).await.unwrap();
        assert_eq!(times.len(), 100);
        assert!(times.windows(2).all(|w| w[1] - w[0] == SPACING_MS), "{times:?}");
    }

    #[tokio::test]
    async fn pdus_alone_are_written_batched_or_one_by_one() {
        let (_dir, db, log) = open().await;
        fill_pdus(&db, &log, 301, true).await.unwrap();
        fill_pdus(&db, &log, 10, false).await.unwrap();
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pdus").fetch_one(&db).await.unwrap();
        assert_eq!(n, 311);
    }
}
